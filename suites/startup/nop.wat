;; nop.wat: a module whose _start does nothing: decode, instantiate and call, with no libc at all.
(module
  (memory (export "memory") 1)
  (func (export "_start")))
