;; addrfold_max.wat: a memory with a declared maximum below 4 GiB (here 2 pages) leaves room
;; above its last byte (opt/addrfold.c, docs/ssa.md "Indexed accesses"): an access at p that did
;; not trap proves p + 4 <= 131072, so p + 4, p + 8, even p + 65536 cannot wrap and fold; with
;; no maximum (addrfold.wat, "offsets") p + 4 stays an add.
(module
  (memory 1 2)
  (func $after (export "after") (param $p i32) (result i32)
    (i32.add
      (i32.add (i32.load (local.get $p)) (i32.load (i32.add (local.get $p) (i32.const 4))))
      (i32.load (i32.add (local.get $p) (i32.const 65536)))))
  ;; RUN: --func after
  ;; CHECK: i32.load v1 offset=0
  ;; CHECK: i32.load v1 offset=4
  ;; CHECK: i32.load v1 offset=65536
  ;; CHECK-NOT: i32.add v1
)
