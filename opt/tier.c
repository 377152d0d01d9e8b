/* tier.c: the optimising tier as the engine sees it (registered in tiering/tiers.c). */
#include "opt/opt.h"
#include "opt/tier.h"

/* Only the SSA dump so far: without invoke the engine does not offer "opt" as a tier to run. */
const tier_ops opt_tier = {
  .name = "opt",
  .dump_ssa = opt_dump_ssa,
};
