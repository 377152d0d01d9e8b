;; stack.wat: recursion without end in every shape the native stack sees (tests/threads/stack.c).
;; Even function indices are ping's side, odd ones pong's, so that WLAB_BASELINE_REFUSE=odd
;; leaves every other frame of the mutual recursion in the interpreter.
(module
  (import "env" "touch" (func $touch (param i32)))        ;; 0: a host function using stack
  (import "env" "reenter" (func $reenter_host (param i32) (result i32))) ;; 1: calls back in
  ;; 2: plain recursion
  (func $deep (export "deep") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $deep)
  ;; 3: a host call at every level, the deepest one at the limit
  (func $deep_host (export "deep_host") (param i32) (result i32)
    local.get 0 call $touch
    local.get 0 i32.const 1 i32.add call $deep_host)
  ;; 4, 5: mutual recursion (with WLAB_BASELINE_REFUSE=odd, pong stays in the interpreter)
  (func $ping (export "ping") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $pong)
  (func $pong (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $ping)
  ;; 6: through the host: wasm -> host -> wasm -> ... (C recursion in every tier)
  (func $reenter (export "reenter") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $reenter_host)
  ;; 7: recursion that ends after n levels, returning n (a deep but finite stack must work)
  (func $bounded (export "bounded") (param i32) (result i32)
    local.get 0 i32.eqz
    if (result i32)
      i32.const 0
    else
      local.get 0 i32.const 1 i32.sub call $bounded i32.const 1 i32.add
    end)
  ;; 8: a wide frame per level (the value stack runs out long before the native one in the
  ;; interpreter; machine code checks both)
  (func $wide (export "wide") (param i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    local.get 0 i32.const 1 i32.add call $wide
    local.get 1 i32.wrap_i64 i32.add)
  ;; 9, 11: a guard-page fault at the deepest point, where the fault handler's frame goes on what
  ;; is left of the stack: measure finds how deep a recursion gets ($depth), oob_at goes nearly as
  ;; deep and loads past the memory's end
  (memory 1)
  (global $depth (export "depth") (mut i32) (i32.const 0))
  (func $measure (export "measure") (param i32) (result i32)  ;; 9
    local.get 0 global.set $depth
    local.get 0 i32.const 1 i32.add call $measure)
  (func $unused)                                              ;; 10: keeps oob_at's parity
  (func $oob_at (export "oob_at") (param i32) (result i32)    ;; 11: in the tier measure runs in
    local.get 0 i32.const 16 i32.add global.get $depth i32.ge_u
    if (result i32)
      i32.const 65536 i32.load
    else
      local.get 0 i32.const 1 i32.add call $oob_at
    end))
