/* regalloc.h: linear-scan register allocation on SSA with interval splitting (Wimmer and Franz, CGO 2010), for the optimising tier's GPRs and XMM registers. */
#ifndef WLAB_OPT_REGALLOC_H
#define WLAB_OPT_REGALLOC_H

#include <stdbool.h>
#include <stdint.h>

#include "opt/ssa.h"

/*
 * Positions.  Blocks are laid out in reverse post-order; block b gets a header position and
 * each instruction one after it, four apart:
 *
 *   header h          parameters defined at h + 2
 *   instruction at p  operands read at p, registers it clobbers blocked over [p + 1, p + 2),
 *                     its result written at p + 2; p + 3 is where moves between it and the next
 *                     instruction go (splits inside a block)
 *
 * An operand that dies at p covers [.., p + 1), so it may share a register with the result and
 * sit in a register the instruction clobbers; a value live across p covers p + 1 and may not.
 * Edge arguments are used at the terminator's position; the moves along an edge (arguments to
 * parameters, and values whose location differs on the two sides) are made on the edge, which
 * the lowering keeps non-critical: at the end of a predecessor with one successor, or at the
 * start of a successor with one predecessor.
 */

enum { RA_GPR, RA_XMM, RA_CLASSES };
#define RA_NOREG 0xFF
#define RA_MAX_REGS 16

/* What an instruction asks of the allocator (filled by the instruction selector, isel.c). */
enum {
  RA_USE_REG = 0,   /* the operand must be in a register at the use */
  RA_USE_ANY = 1,   /* a register or its spill slot will do (the emitter reads either) */
};
typedef struct ra_inst_info {
  uint16_t clobber[RA_CLASSES];   /* registers destroyed by the instruction (a bit per reg) */
  uint16_t temp[RA_CLASSES];      /* registers it uses as scratch: free of every value from its
                                   * operands' reads to its result's write, [p, p + 3) */
  uint8_t use_kind[4];            /* RA_USE_* of operands 0..3; operands past 3 are RA_USE_ANY */
  int8_t hint_operand;            /* the result would like operand k's register (-1: none) */
  uint8_t folds_into_next;        /* the result may be folded into the next instruction, its one
                                   * user (a lea's scaled index, a branch's flags, an add to
                                   * memory): never written, it gains nothing from a register */
} ra_inst_info;

/* A location: a register of a class, a spill slot (bytes from the spill area's base), or
 * nothing (a constant: rematerialised where it is used). */
typedef struct ra_loc {
  uint8_t kind;      /* RA_LOC_NONE, RA_LOC_REG, RA_LOC_STACK */
  uint8_t cls;
  uint8_t reg;
  uint32_t offset;   /* RA_LOC_STACK */
} ra_loc;
enum { RA_LOC_NONE, RA_LOC_REG, RA_LOC_STACK };

/* A move the emitter makes at one point: from -> to, for a value of type `type`. */
typedef struct ra_move {
  ra_loc from, to;
  uint8_t type;
  ssa_id value;      /* for dumps; for a constant source, the constant */
} ra_move;

typedef struct ra_range { uint32_t from, to; } ra_range;
typedef struct ra_pair { uint32_t block; ssa_id value; } ra_pair;
typedef struct ra_use { uint32_t pos; uint8_t kind; } ra_use;

typedef struct ra_ival {
  ssa_id value;
  uint8_t cls, type;
  uint8_t reg;              /* assigned register, or RA_NOREG: on the stack */
  uint8_t hint;             /* preferred register, or RA_NOREG */
  ra_range *ranges;         /* sorted, disjoint (in the allocator's arena) */
  uint32_t nranges;
  ra_use *uses;             /* sorted by position (a slice of the function's use array: a piece
                             * split off takes the tail of its parent's) */
  uint32_t nuses;
  uint32_t root;            /* the value's first interval (itself when not split off) */
  uint32_t next;            /* the next piece of the same value, by start; UINT32_MAX at the end */
  uint32_t hint_ival;       /* an interval whose register to prefer (UINT32_MAX: none) */
  uint32_t cursor;          /* the scan's: its first range not over at the position last asked */
} ra_ival;

/* The allocator's result, and its working state. */
typedef struct regalloc {
  ssa_func *f;
  arena mem;                /* ranges, uses, clobber positions, live-in sets: freed at once */
  /* layout */
  uint32_t *order;          /* blocks in emission order */
  uint32_t norder;
  uint32_t *header_pos;     /* [nblocks] */
  uint32_t *end_pos;        /* [nblocks] position just past the block (the next header) */
  uint32_t *pos;            /* [ninsts] position of each instruction */
  uint32_t *inst_at;        /* [npos / 4] instruction at each position (SSA_NONE for headers) */
  uint32_t npos;
  ra_inst_info *info;       /* [ninsts] */
  /* intervals */
  ra_ival *ivals;
  uint32_t nivals, ivals_cap;
  uint32_t *ival_of;        /* [ninsts] root interval of each value, UINT32_MAX for none */
  /* after the scan, each split value's pieces in order: root r's are piece_ival[piece_first[r]
   * .. + piece_count[r]], their starts beside them in piece_from, and piece_cursor[r] the one
   * ra_where found last (the emitter asks about every split value live across each edge, and a
   * value split at every call is tens of pieces: a walk from the root each time was 8% of a
   * module's compile) */
  uint32_t *piece_first, *piece_count, *piece_from, *piece_ival, *piece_cursor;
  uint16_t allocatable[RA_CLASSES];
  uint16_t callee_saved_used; /* GPRs the code must save (rbx, rbp, r15) */
  /* fixed clobbers per register: sorted positions (each blocks [p, p + 1)) */
  uint32_t *clobbers[RA_CLASSES][RA_MAX_REGS];
  uint32_t nclobbers[RA_CLASSES][RA_MAX_REGS];
  /* [npos / 4 + 1] instructions before each slot that clobber a register of the class or use one
   * as scratch: a stretch with none needs no search of the lists above */
  uint32_t *clobbering_before[RA_CLASSES];
  /* spill slots */
  uint32_t *slot_of;        /* [ninsts] byte offset of each value's spill slot, UINT32_MAX: none */
  uint8_t *store_late;      /* [ninsts] 1: stored where it goes to the stack (each split or edge
                             * from a register to its slot), not after its definition (a value
                             * defined in a loop and spilled only outside it) */
  uint32_t spill_bytes;
  /* moves inside blocks, by position (p + 3 after an instruction, header + 3 at a block's
   * start: slot s's moves, at 4s + 3, are moves[move_start[s] .. move_start[s + 1]]); the
   * moves on edges are found by ra_edge_moves */
  ra_move *moves;
  uint32_t nmoves;
  uint32_t *move_start;     /* [npos / 4 + 1] */
  /* values live into each block (from the liveness walk): live_in_pairs sorted by block,
   * live_in_start[b] .. live_in_start[b + 1] */
  ra_pair *live_in_pairs;
  uint32_t nlive_in;
  uint32_t *live_in_start;
  /* what ra_edge_moves found for each edge, at edge_base[from] + e: the sequence's length
   * (UINT32_MAX - 1: not worked out yet, UINT32_MAX: too many) and where it starts in
   * edge_memo's moves.  The emitter asks about most edges several times (whether a jump may
   * skip a block, where a branch goes, the moves themselves), and working one out scans every
   * split value live into the target, tens in a large function */
  uint32_t *edge_base;
  uint32_t *edge_count, *edge_first;
  struct ra_edge_memo *edge_memo;
  /* statistics */
  uint32_t nsplits, nspilled_values, nstored_late;
} regalloc;

/* Allocates registers for f (analyses current, critical edges split, info filled by the caller
 * through isel_info): false with f->error when it gives up (out of memory). */
bool ra_allocate(regalloc *ra, ssa_func *f, void (*isel_info)(ssa_func *f, ssa_id v, ra_inst_info *out));
void ra_free(regalloc *ra);
/* Checks the result: each value's pieces in order, no register holding two values at once or
 * a value across an instruction that destroys it.  False with f->error (tests, debugging). */
bool ra_verify(regalloc *ra);
/* Runs the moves the emitter will make over each block and edge and checks every register
 * read finds its value (slow: tests, debugging, dumps).  False with f->error. */
bool ra_check(regalloc *ra);

/* Where value v is at position p (a constant or a value with no interval: RA_LOC_NONE). */
ra_loc ra_where(const regalloc *ra, ssa_id v, uint32_t p);
/* The moves to make at position p inside a block (after the instruction before it), in an
 * order that is a correct sequence: cycles broken through the class's scratch register.
 * Writes at most max; returns how many there are. */
uint32_t ra_moves_at(const regalloc *ra, uint32_t p, ra_move *out, uint32_t max);
/* The moves for the edge from block `from` to block `to` (edge index e of from), as a
 * sequence; written to out (at most max), count returned. */
uint32_t ra_edge_moves(const regalloc *ra, uint32_t from, uint32_t e, ra_move *out, uint32_t max);
/* Orders a set of parallel moves into a sequence (cycles broken with scratch registers
 * scratch[RA_GPR] / scratch[RA_XMM], given as RA_LOC_REG locations).  n moves in, returns the
 * count written to out (at most max, which must allow n + cycles). */
uint32_t ra_sequence(const ra_move *in, uint32_t n, const ra_loc scratch[RA_CLASSES], ra_move *out, uint32_t max);

/* The register class of a value type. */
static inline uint8_t ra_class_of(uint8_t type)
{
  return type == WLAB_F32 || type == WLAB_F64 || type == WLAB_V128 ? RA_XMM : RA_GPR;
}

#endif
