/* tiers.c: the table of execution tiers the engine can use (the first is the default) and the ladder the tier manager climbs. */
#include "core/engine.h"
#include "baseline/baseline.h"
#include "interp/interp.h"
#include "opt/tier.h"
#include "tiering/manager.h"
#include "x64/asm.h"

#include <stdio.h>
#include <string.h>

#include "core/startup.h"

const tier_ops *const tiers_all[] = {
  &tiered_tier,
  &interp_tier,
  &baseline_tier,
  &opt_tier,
  NULL,
};

const tier_ops *const tier_fallback = &interp_tier;

/* Every rung there is, bottom first: where every function starts, then the machine tiers in the
 * order a function may climb them.  `--ladder` picks some of them (tier_ladder_parse). */
const tier_rung tier_ladder[] = {
  {&interp_tier, NULL, NULL},
  {&baseline_tier, bl_compile_func, NULL}, /* its code has an OSR entry for every loop */
  {&opt_tier, opt_compile_func, opt_compile_osr},
  {NULL, NULL, NULL},
};

/* A ladder is the interpreter, then one or more machine tiers higher up tier_ladder each than the
 * one before: a function climbs, it never steps down. */
bool tier_ladder_parse(const char *list, const tier_rung **out, uint32_t *n, char *why, size_t size)
{
  uint32_t count = 0;
  int last = -1;
  if (!list)
    list = TIER_LADDER_DEFAULT;
  for (const char *p = list;; p++) {
    size_t len = strcspn(p, ",");
    int row = -1;
    for (int r = 0; tier_ladder[r].tier && row < 0; r++)
      if (strlen(tier_ladder[r].tier->name) == len && memcmp(tier_ladder[r].tier->name, p, len) == 0)
        row = r;
    if (!len) {
      snprintf(why, size, "--ladder '%s': an empty rung at character %d", list, (int)(p - list) + 1);
      return false;
    }
    if (row < 0) {
      snprintf(why, size, "--ladder '%s': no rung '%.*s' (rungs: interp, then baseline and/or opt, comma-separated)",
               list, (int)len, p);
      return false;
    }
    if (count == 0 && row != 0) {
      snprintf(why, size, "--ladder '%s': '%.*s' first, but every function starts in interp", list, (int)len, p);
      return false;
    }
    if (count > 0 && row <= last) {
      snprintf(why, size, "--ladder '%s': '%.*s' %s: rungs go up, in the order interp, baseline, opt", list,
               (int)len, p, row == last ? "twice" : "after a higher rung");
      return false;
    }
    if (count == TIER_LADDER_MAX) {
      snprintf(why, size, "--ladder '%s': more than %d rungs", list, TIER_LADDER_MAX);
      return false;
    }
    out[count++] = &tier_ladder[row];
    last = row;
    p += len;
    if (!*p)
      break;
  }
  if (count < 2) {
    snprintf(why, size, "--ladder '%s': no machine tier above interp to climb to", list);
    return false;
  }
  *n = count;
  return true;
}

wlab_status wlab_ladder_check(const char *ladder, char *why, size_t size)
{
  const tier_rung *rungs[TIER_LADDER_MAX];
  uint32_t n;
  char buf[160];
  if (!why || !size) {
    why = buf;
    size = sizeof buf;
  }
  return tier_ladder_parse(ladder, rungs, &n, why, size) ? WLAB_OK : WLAB_ERR_ARGUMENT;
}

/* Here rather than in x64/, which knows nothing of the public API: this is where the engine
 * meets the machine tiers. */
WLAB_STARTUP wlab_status wlab_cpu_features(char *buf, size_t size)
{
  const char *bad = x64_cpu_mask_error();
  if (bad) {
    if (size)
      snprintf(buf, size, "%s", bad);
    return WLAB_ERR_ARGUMENT;
  }
  if (size) /* size 0: only the check (the list's nine snprintfs were 5,000 instructions of a run) */
    x64_cpu_describe(x64_cpu_features(), buf, size);
  return WLAB_OK;
}
