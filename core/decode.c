/* decode.c: the binary decoder: sections and their structure, no function bodies. */
#include "decode.h"

#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "core/startup.h"

typedef struct decoder {
  wlab_module *m;
  reader r;
  const char *section;  /* name of the section being read */
  uint32_t func;        /* function whose locals are being read, or WLAB_NONE */
  wlab_error *err;
  wlab_status status;   /* what a failure is: WLAB_ERR_MALFORMED, or WLAB_ERR_LIMIT */
  char limit_msg[128];  /* the message of a limit failure (r.fail points here) */
} decoder;

const char *module_section_name(uint8_t id)
{
  static const char *names[] = {"custom", "type", "import", "function", "table", "memory", "global",
                                "export", "start", "element", "code", "data", "data count"};
  return id < 13 ? names[id] : "unknown";
}

/* Position of each known section in the required order (data count sits before code). */
static int section_rank(uint8_t id)
{
  static const int rank[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};
  return rank[id];
}

static wlab_status fail(decoder *d)
{
  return error_set(d->err, d->status, d->section, d->func, NULL, (uint32_t)d->r.fail_at, "%s",
                   d->r.fail ? d->r.fail : "malformed");
}

/* A count or size past one of the limits of docs/limits.md: the module is well formed, but
 * refused with WLAB_ERR_LIMIT and a message naming the limit. */
static bool over_limit(decoder *d, const char *what, uint64_t n, const char *unit, uint64_t limit)
{
  if (d->r.fail)
    return false;
  snprintf(d->limit_msg, sizeof d->limit_msg, "%s: %llu%s (the limit is %llu, docs/limits.md)", what,
           (unsigned long long)n, unit, (unsigned long long)limit);
  d->status = WLAB_ERR_LIMIT;
  return reader_error(&d->r, d->limit_msg);
}

/* Reads a vector length (as read_count) and refuses one past `limit`. */
WLAB_STARTUP
static bool read_count_max(decoder *d, size_t min_size, uint32_t *n, uint32_t limit, const char *what)
{
  if (!read_count(&d->r, min_size, n))
    return false;
  return *n <= limit || over_limit(d, what, *n, "", limit);
}

static bool nomem(decoder *d)
{
  d->r.fail = "out of memory";
  d->r.fail_at = reader_offset(&d->r);
  return false;
}

WLAB_STARTUP static void *alloc_array(decoder *d, size_t n, size_t size)
{
  void *p = arena_alloc(&d->m->mem, n * size);
  if (!p)
    nomem(d);
  return p;
}

/* UTF-8 as the spec defines it: no overlongs, no surrogates, nothing above U+10FFFF. */
WLAB_STARTUP static bool utf8_valid(const uint8_t *s, size_t n)
{
  size_t i = 0;
  while (i < n) {
    uint8_t c = s[i];
    uint32_t cp;
    size_t len;
    if (c < 0x80) { i++; continue; }
    else if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n)
      return false;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80)
        return false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

WLAB_STARTUP static bool read_name(decoder *d, const char **out, uint32_t *len)
{
  const uint8_t *bytes;
  char *s;
  if (!read_count(&d->r, 1, len) || !read_bytes(&d->r, *len, &bytes))
    return false;
  if (!utf8_valid(bytes, *len))
    return reader_error(&d->r, "malformed UTF-8 encoding");
  s = alloc_array(d, (size_t)*len + 1, 1);
  if (!s)
    return false;
  memcpy(s, bytes, *len);
  s[*len] = 0;
  *out = s;
  return true;
}

static bool is_valtype(uint8_t t)
{
  return (t >= WLAB_V128 && t <= WLAB_I32) || t == WLAB_FUNCREF || t == WLAB_EXTERNREF;
}

static bool read_valtype(decoder *d, uint8_t *t)
{
  if (!read_u8(&d->r, t))
    return false;
  if (!is_valtype(*t)) {
    d->r.p--;
    return reader_error(&d->r, "malformed value type");
  }
  return true;
}

static bool read_reftype(decoder *d, uint8_t *t)
{
  if (!read_u8(&d->r, t))
    return false;
  if (*t != WLAB_FUNCREF && *t != WLAB_EXTERNREF) {
    d->r.p--;
    return reader_error(&d->r, "malformed reference type");
  }
  return true;
}

WLAB_STARTUP static bool read_limits(decoder *d, limits *l)
{
  uint8_t flag;
  uint32_t v;
  if (!read_u8(&d->r, &flag))
    return false;
  if (flag > 1) {
    d->r.p--;
    return reader_error(&d->r, "integer too large"); /* limits flags are 0 or 1 in wasm 2.0 */
  }
  if (!read_u32(&d->r, &v))
    return false;
  l->min = v;
  l->has_max = flag == 1;
  if (l->has_max) {
    if (!read_u32(&d->r, &v))
      return false;
    l->max = v;
  }
  return true;
}

static bool read_tabletype(decoder *d, tabletype *t)
{
  return read_reftype(d, &t->elem) && read_limits(d, &t->lim);
}

WLAB_STARTUP static bool read_globaltype(decoder *d, globaltype *g)
{
  uint8_t mut;
  if (!read_valtype(d, &g->type) || !read_u8(&d->r, &mut))
    return false;
  if (mut > 1) {
    d->r.p--;
    return reader_error(&d->r, "malformed mutability");
  }
  g->mut = mut == 1;
  return true;
}

bool decode_const_expr(reader *r, const_expr *out)
{
  const uint8_t *start = r->p;
  out->offset = (uint32_t)reader_offset(r);
  /* the usual shape, a segment's offset or a global's value: i32.const k, end (no opcode table) */
  int32_t k;
  reader one = *r;
  if (reader_left(r) >= 3 && r->p[0] == WASM_BYTE_I32_CONST && (one.p++, read_s32(&one, &k)) &&
      one.p < one.end && *one.p == WASM_BYTE_END) {
    r->p = one.p + 1;
    out->code = start;
    out->len = (uint32_t)(r->p - start);
    return true;
  }
  for (;;) {
    wasm_op op;
    wasm_imms imm;
    if (!opcodes_read(r, &op) || !opcodes_read_imms(r, op, &imm))
      return false;
    if (op == WASM_END)
      break;
  }
  out->code = start;
  out->len = (uint32_t)(r->p - start);
  return true;
}

/* Const expressions point into the input, which is not kept (unless bytes_kept): copy them. */
WLAB_STARTUP static bool read_const_expr(decoder *d, const_expr *e)
{
  if (!decode_const_expr(&d->r, e))
    return false;
  if (!d->m->bytes_kept)
    e->code = arena_dup(&d->m->mem, e->code, e->len);
  return e->code ? true : nomem(d);
}

static bool read_valtypes(decoder *d, uint32_t *n, wlab_valtype **out, uint32_t limit, const char *what)
{
  uint8_t t;
  if (!read_count_max(d, 1, n, limit, what) || !(*out = alloc_array(d, *n ? *n : 1, sizeof **out)))
    return false;
  for (uint32_t i = 0; i < *n; i++) {
    if (!read_valtype(d, &t))
      return false;
    (*out)[i] = (wlab_valtype)t;
  }
  return true;
}

static bool section_type(decoder *d)
{
  wlab_module *m = d->m;
  if (!read_count_max(d, 3, &m->ntypes, LIMIT_TYPES, "too many types") ||
      !(m->types = alloc_array(d, m->ntypes, sizeof *m->types)))
    return false;
  for (uint32_t i = 0; i < m->ntypes; i++) {
    functype *ft = &m->types[i];
    uint8_t form;
    if (!read_u8(&d->r, &form))
      return false;
    if (form != 0x60) {
      d->r.p--;
      return reader_error(&d->r, "malformed function type (expected 0x60)");
    }
    if (!read_valtypes(d, &ft->nparams, &ft->params, LIMIT_PARAMS, "too many parameters in a function type") ||
        !read_valtypes(d, &ft->nresults, &ft->results, LIMIT_RESULTS, "too many results in a function type"))
      return false;
  }
  return true;
}

static bool section_import(decoder *d)
{
  wlab_module *m = d->m;
  if (!read_count_max(d, 4, &m->nimports, LIMIT_IMPORTS, "too many imports") ||
      !(m->imports = alloc_array(d, m->nimports, sizeof *m->imports)))
    return false;
  /* Index spaces are sized after every import and definition is known (decode_module). */
  for (uint32_t i = 0; i < m->nimports; i++) {
    import *im = &m->imports[i];
    uint8_t kind;
    im->offset = (uint32_t)reader_offset(&d->r);
    if (!read_name(d, &im->module, &im->module_len) || !read_name(d, &im->name, &im->name_len) ||
        !read_u8(&d->r, &kind))
      return false;
    if (kind > 3) {
      d->r.p--;
      return reader_error(&d->r, "malformed import kind");
    }
    im->kind = (wlab_externkind)kind;
    switch (im->kind) {
    case WLAB_EXTERN_FUNC: {
      uint32_t type;
      if (!read_u32(&d->r, &type))
        return false;
      im->index = type; /* the type index, until decode_module lays out index spaces */
      m->nimported_funcs++;
      break;
    }
    case WLAB_EXTERN_TABLE: {
      tabletype t;
      if (!read_tabletype(d, &t))
        return false;
      if (++m->nimported_tables > LIMIT_TABLES)
        return over_limit(d, "too many tables", m->nimported_tables, "", LIMIT_TABLES);
      break;
    }
    case WLAB_EXTERN_MEMORY: {
      limits l;
      if (!read_limits(d, &l))
        return false;
      m->nimported_memories++;
      break;
    }
    case WLAB_EXTERN_GLOBAL: {
      globaltype g;
      if (!read_globaltype(d, &g))
        return false;
      m->nimported_globals++;
      break;
    }
    }
  }
  return true;
}

/* Second read of the import section, now that each index space can be allocated. */
static bool place_imports(decoder *d, const uint8_t *sec, const uint8_t *sec_end)
{
  wlab_module *m = d->m;
  uint32_t nf = 0, nt = 0, nm = 0, ng = 0, count;
  reader save = d->r;
  d->r.p = sec;
  d->r.end = sec_end;
  if (!read_count(&d->r, 4, &count))
    return false;
  for (uint32_t i = 0; i < m->nimports; i++) {
    import *im = &m->imports[i];
    const uint8_t *s;
    uint32_t len = 0;
    uint8_t kind;
    /* names and kinds were checked by the first read */
    read_u32(&d->r, &len), read_bytes(&d->r, len, &s);
    read_u32(&d->r, &len), read_bytes(&d->r, len, &s);
    read_u8(&d->r, &kind);
    switch (im->kind) {
    case WLAB_EXTERN_FUNC: {
      uint32_t type = 0;
      read_u32(&d->r, &type);
      m->funcs[nf].type_index = type;
      m->funcs[nf].imported = true;
      im->index = nf++;
      break;
    }
    case WLAB_EXTERN_TABLE:
      read_tabletype(d, &m->tables[nt]);
      im->index = nt++;
      break;
    case WLAB_EXTERN_MEMORY:
      read_limits(d, &m->memories[nm]);
      im->index = nm++;
      break;
    case WLAB_EXTERN_GLOBAL:
      read_globaltype(d, &m->globals[ng].type);
      m->globals[ng].imported = true;
      im->index = ng++;
      break;
    }
  }
  d->r = save;
  return true;
}

static bool section_function(decoder *d, uint32_t *count, const uint8_t **start)
{
  uint32_t t;
  if (!read_count_max(d, 1, count, LIMIT_FUNCS, "too many functions"))
    return false;
  *start = d->r.p;
  for (uint32_t i = 0; i < *count; i++)
    if (!read_u32(&d->r, &t))
      return false;
  return true;
}

static bool section_export(decoder *d)
{
  wlab_module *m = d->m;
  if (!read_count_max(d, 3, &m->nexports, LIMIT_EXPORTS, "too many exports") ||
      !(m->exports = alloc_array(d, m->nexports, sizeof *m->exports)))
    return false;
  for (uint32_t i = 0; i < m->nexports; i++) {
    export *e = &m->exports[i];
    uint8_t kind;
    if (!read_name(d, &e->name, &e->name_len) || !read_u8(&d->r, &kind))
      return false;
    if (kind > 3) {
      d->r.p--;
      return reader_error(&d->r, "malformed export kind");
    }
    e->kind = (wlab_externkind)kind;
    if (!read_u32(&d->r, &e->index))
      return false;
  }
  return true;
}

static bool read_elem_kind(decoder *d)
{
  uint8_t k;
  if (!read_u8(&d->r, &k))
    return false;
  if (k != 0x00) {
    d->r.p--;
    return reader_error(&d->r, "malformed element kind");
  }
  return true;
}

static bool section_element(decoder *d)
{
  wlab_module *m = d->m;
  if (!read_count(&d->r, 2, &m->nelems) || !(m->elems = alloc_array(d, m->nelems, sizeof *m->elems)))
    return false;
  for (uint32_t i = 0; i < m->nelems; i++) {
    elem_seg *e = &m->elems[i];
    uint32_t flags;
    e->where = (uint32_t)reader_offset(&d->r);
    if (!read_u32(&d->r, &flags))
      return false;
    if (flags > 7)
      return reader_error(&d->r, "malformed elements segment kind");
    /* bit 0: passive or declarative; bit 1: explicit table index (active) or declarative;
     * bit 2: expressions instead of function indices */
    e->mode = (flags & 1) ? ((flags & 2) ? SEG_DECLARATIVE : SEG_PASSIVE) : SEG_ACTIVE;
    e->type = WLAB_FUNCREF;
    if (e->mode == SEG_ACTIVE) {
      if ((flags & 2) && !read_u32(&d->r, &e->table))
        return false;
      if (!read_const_expr(d, &e->offset))
        return false;
    }
    if (flags & 3) { /* an element kind or reference type is present */
      if (flags & 4) {
        if (!read_reftype(d, &e->type))
          return false;
      } else if (!read_elem_kind(d)) {
        return false;
      }
    }
    if (!read_count_max(d, 1, &e->count, LIMIT_ELEM_ENTRIES, "too many entries in an element segment"))
      return false;
    if (flags & 4) {
      if (!(e->exprs = alloc_array(d, e->count, sizeof *e->exprs)))
        return false;
      for (uint32_t k = 0; k < e->count; k++)
        if (!read_const_expr(d, &e->exprs[k]))
          return false;
    } else {
      if (!(e->funcs = alloc_array(d, e->count, sizeof *e->funcs)))
        return false;
      for (uint32_t k = 0; k < e->count; k++)
        if (!read_u32(&d->r, &e->funcs[k]))
          return false;
    }
  }
  return true;
}

static bool section_data(decoder *d)
{
  wlab_module *m = d->m;
  if (!read_count_max(d, 2, &m->ndatas, LIMIT_DATA_SEGMENTS, "too many data segments") ||
      !(m->datas = alloc_array(d, m->ndatas, sizeof *m->datas)))
    return false;
  for (uint32_t i = 0; i < m->ndatas; i++) {
    data_seg *s = &m->datas[i];
    uint32_t flags;
    const uint8_t *bytes;
    s->where = (uint32_t)reader_offset(&d->r);
    if (!read_u32(&d->r, &flags))
      return false;
    if (flags > 2)
      return reader_error(&d->r, "malformed data segment kind");
    s->mode = flags == 1 ? SEG_PASSIVE : SEG_ACTIVE;
    if (flags == 2 && !read_u32(&d->r, &s->memory))
      return false;
    if (s->mode == SEG_ACTIVE && !read_const_expr(d, &s->offset))
      return false;
    if (!read_count(&d->r, 1, &s->len) || !read_bytes(&d->r, s->len, &bytes))
      return false;
    if (!(s->bytes = m->bytes_kept ? bytes : arena_dup(&m->mem, bytes, s->len)))
      return nomem(d);
  }
  return true;
}

static bool section_code(decoder *d)
{
  wlab_module *m = d->m;
  uint32_t count;
  if (!read_count(&d->r, 2, &count))
    return false;
  m->code_count = count;
  m->has_code_section = true;
  if (count != m->nfuncs - m->nimported_funcs)
    return reader_error(&d->r, "function and code section have inconsistent lengths");
  for (uint32_t i = 0; i < count; i++) {
    func *f = &m->funcs[m->nimported_funcs + i];
    uint32_t size, ndecl;
    uint64_t total = 0;
    reader body;
    d->func = m->nimported_funcs + i;
    if (!read_u32(&d->r, &size))
      return false;
    if (size > reader_left(&d->r))
      return reader_error(&d->r, "unexpected end of section or function");
    if (size > LIMIT_BODY_BYTES)
      return over_limit(d, "function body too large", size, " bytes", LIMIT_BODY_BYTES);
    f->body_offset = (uint32_t)reader_offset(&d->r);
    f->body_size = size;
    body = d->r;
    body.end = d->r.p + size;
    d->r.p += size;
    {
      reader outer = d->r;
      d->r = body;
      if (!read_count(&d->r, 2, &ndecl))
        goto body_fail;
      f->nlocal_decls = ndecl;
      if (!(f->local_decl_count = alloc_array(d, ndecl, sizeof *f->local_decl_count)) ||
          !(f->local_decl_type = alloc_array(d, ndecl, 1)))
        goto body_fail;
      for (uint32_t k = 0; k < ndecl; k++) {
        if (!read_u32(&d->r, &f->local_decl_count[k]))
          goto body_fail;
        total += f->local_decl_count[k];
        if (total > UINT32_MAX) { /* the binary format's own bound: malformed */
          reader_error(&d->r, "too many locals");
          goto body_fail;
        }
        if (!read_valtype(d, &f->local_decl_type[k]))
          goto body_fail;
      }
      /* parameters count too: the validator checks the sum, knowing the type */
      if (total > LIMIT_LOCALS) {
        over_limit(d, "too many locals", total, "", LIMIT_LOCALS);
        goto body_fail;
      }
      f->nlocals = (uint32_t)total;
      f->code_start = (uint32_t)reader_offset(&d->r);
      m->code_bytes += size;
      d->r = outer;
      continue;
    body_fail:
      outer.fail = d->r.fail;
      outer.fail_at = d->r.fail_at;
      d->r = outer;
      return false;
    }
  }
  d->func = WLAB_NONE;
  return true;
}

/* The custom "name" section: module and function names.  Custom sections never make a
 * module malformed, so any problem here just stops the reading. */
static void read_names(wlab_module *m, const uint8_t *base, const uint8_t *p, const uint8_t *end)
{
  reader r = {base, p, end, NULL, 0};
  while (!reader_done(&r)) {
    uint8_t id;
    uint32_t size, count;
    reader sub;
    if (!read_u8(&r, &id) || !read_u32(&r, &size) || size > reader_left(&r))
      return;
    sub = r;
    sub.end = r.p + size;
    r.p += size;
    if (id == 0) {
      const uint8_t *s;
      uint32_t len;
      if (read_count(&sub, 1, &len) && read_bytes(&sub, len, &s) && utf8_valid(s, len)) {
        char *name = arena_alloc(&m->mem, (size_t)len + 1);
        if (name) {
          memcpy(name, s, len);
          m->name = name;
        }
      }
    } else if (id == 1) {
      if (!read_count(&sub, 2, &count))
        return;
      for (uint32_t i = 0; i < count; i++) {
        uint32_t idx, len;
        const uint8_t *s;
        char *name;
        if (!read_u32(&sub, &idx) || !read_count(&sub, 1, &len) || !read_bytes(&sub, len, &s))
          return;
        if (idx >= m->nfuncs || !utf8_valid(s, len) || !(name = arena_alloc(&m->mem, (size_t)len + 1)))
          continue;
        memcpy(name, s, len);
        m->funcs[idx].name = name;
      }
    }
  }
}

WLAB_STARTUP wlab_status decode_module(wlab_module *m, const uint8_t *bytes, size_t len, wlab_error *err)
{
  decoder d = {m, {bytes, bytes, bytes + len, NULL, 0}, NULL, WLAB_NONE, err, WLAB_ERR_MALFORMED, ""};
  const uint8_t *magic, *import_sec = NULL, *import_end = NULL, *func_types = NULL;
  const uint8_t *names = NULL, *names_end = NULL;
  uint32_t version, nfunc_decls = 0;
  int last_rank = 0;
  bool has_func_section = false;

  if (len > LIMIT_MODULE_BYTES)
    return error_set(err, WLAB_ERR_LIMIT, NULL, WLAB_NONE, NULL, 0,
                     "module too large: %zu bytes (the limit is %u, docs/limits.md)", len, LIMIT_MODULE_BYTES);
  if (!read_bytes(&d.r, 4, &magic) || memcmp(magic, "\0asm", 4) != 0)
    return error_set(err, WLAB_ERR_MALFORMED, NULL, WLAB_NONE, NULL, 0, "magic header not detected");
  if (!read_fixed32(&d.r, &version))
    return error_set(err, WLAB_ERR_MALFORMED, NULL, WLAB_NONE, NULL, 4, "unknown binary version (truncated)");
  if (version != 1)
    return error_set(err, WLAB_ERR_MALFORMED, NULL, WLAB_NONE, NULL, 4, "unknown binary version %u", version);

  while (!reader_done(&d.r)) {
    uint8_t id;
    uint32_t size;
    const uint8_t *sec_end;
    bool ok = true;
    d.section = NULL;
    if (!read_u8(&d.r, &id))
      return fail(&d);
    if (id > 12) {
      d.r.p--;
      reader_error(&d.r, "malformed section id");
      return fail(&d);
    }
    d.section = module_section_name(id);
    if (!read_u32(&d.r, &size))
      return fail(&d);
    if (size > reader_left(&d.r)) {
      reader_error(&d.r, "section size mismatch: section runs past the end");
      return fail(&d);
    }
    sec_end = d.r.p + size;
    if (id != 0) {
      if (section_rank(id) <= last_rank) {
        reader_error(&d.r, "unexpected content after last section (section out of order or repeated)");
        return fail(&d);
      }
      last_rank = section_rank(id);
    }
    {
      reader outer = d.r;
      d.r.end = sec_end;
      switch (id) {
      case 0: {
        const char *name;
        uint32_t nlen;
        ok = read_name(&d, &name, &nlen);
        if (ok && nlen == 4 && memcmp(name, "name", 4) == 0) {
          names = d.r.p;
          names_end = sec_end;
        }
        d.r.p = sec_end; /* the content of a custom section is not checked */
        break;
      }
      case 1: ok = section_type(&d); break;
      case 2:
        import_sec = d.r.p;
        import_end = sec_end;
        ok = section_import(&d);
        break;
      case 3:
        has_func_section = true;
        ok = section_function(&d, &nfunc_decls, &func_types);
        break;
      case 4: {
        uint32_t n;
        ok = read_count(&d.r, 3, &n);
        if (ok && (uint64_t)n + m->nimported_tables > LIMIT_TABLES) /* imported ones count too */
          ok = over_limit(&d, "too many tables", (uint64_t)n + m->nimported_tables, "", LIMIT_TABLES);
        if (ok) {
          /* definitions follow imports in the index space: allocated below, read now */
          m->ntables = n; /* temporarily: defined count */
          m->tables = alloc_array(&d, n, sizeof *m->tables);
          ok = m->tables != NULL;
          for (uint32_t i = 0; ok && i < n; i++)
            ok = read_tabletype(&d, &m->tables[i]);
        }
        break;
      }
      case 5: {
        uint32_t n;
        ok = read_count(&d.r, 2, &n);
        if (ok) {
          m->nmemories = n;
          m->memories = alloc_array(&d, n, sizeof *m->memories);
          ok = m->memories != NULL;
          for (uint32_t i = 0; ok && i < n; i++)
            ok = read_limits(&d, &m->memories[i]);
        }
        break;
      }
      case 6: {
        uint32_t n;
        ok = read_count_max(&d, 3, &n, LIMIT_GLOBALS, "too many globals");
        if (ok) {
          m->nglobals = n;
          m->globals = alloc_array(&d, n, sizeof *m->globals);
          ok = m->globals != NULL;
          for (uint32_t i = 0; ok && i < n; i++)
            ok = read_globaltype(&d, &m->globals[i].type) && read_const_expr(&d, &m->globals[i].init);
        }
        break;
      }
      case 7: ok = section_export(&d); break;
      case 8:
        ok = read_u32(&d.r, &m->start);
        m->has_start = true;
        break;
      case 9: ok = section_element(&d); break;
      case 10:
        /* lay out the function index space before reading bodies */
        if (!m->funcs) {
          m->nfuncs = m->nimported_funcs + nfunc_decls;
          if (!(m->funcs = alloc_array(&d, m->nfuncs ? m->nfuncs : 1, sizeof *m->funcs)))
            return fail(&d);
        }
        ok = section_code(&d);
        break;
      case 11:
        ok = section_data(&d);
        if (ok && m->has_datacount && m->datacount != m->ndatas)
          ok = reader_error(&d.r, "data count and data section have inconsistent lengths");
        break;
      case 12:
        ok = read_u32(&d.r, &m->datacount);
        if (ok && m->datacount > LIMIT_DATA_SEGMENTS)
          ok = over_limit(&d, "too many data segments", m->datacount, "", LIMIT_DATA_SEGMENTS);
        m->has_datacount = true;
        break;
      }
      if (!ok)
        return fail(&d);
      if (d.r.p != sec_end) {
        reader_error(&d.r, "section size mismatch");
        return fail(&d);
      }
      outer.p = sec_end;
      d.r = outer;
    }
  }
  d.section = NULL;
  if (!m->funcs) {
    m->nfuncs = m->nimported_funcs + nfunc_decls;
    if (!(m->funcs = alloc_array(&d, m->nfuncs ? m->nfuncs : 1, sizeof *m->funcs)))
      return fail(&d);
  }
  if (has_func_section && nfunc_decls > 0 && !m->has_code_section) {
    d.section = "code";
    reader_error(&d.r, "function and code section have inconsistent lengths");
    return fail(&d);
  }
  if (m->has_datacount && m->datacount != m->ndatas && m->ndatas == 0) {
    d.section = "data";
    reader_error(&d.r, "data count and data section have inconsistent lengths");
    return fail(&d);
  }
  /* defined function types */
  if (func_types) {
    reader fr = {bytes, func_types, bytes + len, NULL, 0};
    for (uint32_t i = 0; i < nfunc_decls; i++)
      read_u32(&fr, &m->funcs[m->nimported_funcs + i].type_index);
  }
  /* merge imported and defined tables, memories and globals into their index spaces */
  {
    uint32_t dt = m->ntables, dm = m->nmemories, dg = m->nglobals;
    tabletype *deft = m->tables;
    limits *defm = m->memories;
    global *defg = m->globals;
    m->ntables = m->nimported_tables + dt;
    m->nmemories = m->nimported_memories + dm;
    m->nglobals = m->nimported_globals + dg;
    if (!(m->tables = alloc_array(&d, m->ntables ? m->ntables : 1, sizeof *m->tables)) ||
        !(m->memories = alloc_array(&d, m->nmemories ? m->nmemories : 1, sizeof *m->memories)) ||
        !(m->globals = alloc_array(&d, m->nglobals ? m->nglobals : 1, sizeof *m->globals)))
      return fail(&d);
    if (dt)
      memcpy(m->tables + m->nimported_tables, deft, dt * sizeof *deft);
    if (dm)
      memcpy(m->memories + m->nimported_memories, defm, dm * sizeof *defm);
    if (dg)
      memcpy(m->globals + m->nimported_globals, defg, dg * sizeof *defg);
    if (import_sec && !place_imports(&d, import_sec, import_end))
      return fail(&d);
  }
  if (names)
    read_names(m, bytes, names, names_end);
  /* functions without a name-section name take their first export name */
  for (uint32_t i = 0; i < m->nexports; i++) {
    export *e = &m->exports[i];
    if (e->kind == WLAB_EXTERN_FUNC && e->index < m->nfuncs && !m->funcs[e->index].name)
      m->funcs[e->index].name = e->name;
  }
  return WLAB_OK;
}
