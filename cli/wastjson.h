/* wastjson.h: a small strict JSON reader, enough for the files wast2json writes. */
#ifndef WLAB_WASTJSON_H
#define WLAB_WASTJSON_H

#include <stdbool.h>
#include <stddef.h>

typedef enum jkind { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } jkind;

typedef struct jvalue jvalue;
struct jvalue {
  jkind kind;
  bool boolean;
  double number;
  char *string;       /* J_STRING: NUL-terminated (embedded NULs cut the string) */
  size_t len;         /* J_STRING: bytes; J_ARRAY/J_OBJECT: items */
  jvalue **items;     /* J_ARRAY: elements; J_OBJECT: values */
  char **keys;        /* J_OBJECT: keys */
};

/* Parses text[0..len).  NULL with a message (line and what) in err on malformed input. */
jvalue *wastjson_parse(const char *text, size_t len, char *err, size_t errlen);
void wastjson_free(jvalue *v);

/* Object member by key, or NULL; its string, or NULL when absent or not a string. */
const jvalue *wastjson_get(const jvalue *obj, const char *key);
const char *wastjson_str(const jvalue *obj, const char *key);

#endif
