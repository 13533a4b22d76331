;; NN Graph's matrix kernels in WebAssembly SIMD (plain SIMD128: Node 20 has no relaxed SIMD without flags).
;;
;; C[m×n] = op(A)[m×k] · op(B)[k×n] (+ C), row-major, every pointer a byte address in the shared memory.
;; The scheme is the usual one for CPUs (Goto/BLIS): copy ("pack") a block of op(B) into panels of 8 columns and a
;; strip of op(A) into panels of 4 rows, so the inner kernel reads both with unit stride whatever the transposes, and
;; keep a 4×8 tile of C in 8 SIMD registers while it runs along k. 4×8 leaves room in V8's 16 xmm registers for the
;; two B vectors, the broadcast A value and the product; a larger tile (and unrolling k) measured slower. An
;; untransposed B of at most 256 columns is read in place instead of packed.
;;
;; Also here: the Adam update, and the hand-over of GEMM chunks between the caller and a second thread.
;;
;; Every element of C is summed in the same order (k ascending, blocks of KC continue from the value stored by the
;; previous block), whatever the row range a thread is given, so one thread and two give the same bits.
(module
  ;; Shared: a second thread runs the same kernels on the same buffers, and growing the memory never detaches the
  ;; Float32Array views the training program holds.
  (import "env" "memory" (memory 1 65536 shared))

  ;; KC = 256 values of k per block, NC = 512 columns per packed block of B: 512 KiB, which stays in L2.
  (global $KC i32 (i32.const 256))
  (global $NC i32 (i32.const 512))

  ;; @include pack.wat
  ;; @include gemm.wat
  ;; @include adam.wat
  ;; @include jobs.wat
)
