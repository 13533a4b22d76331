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

  ;; Rows [i0, i0 + rows) and columns [p0, p0 + kc) of op(A), as kc groups of 4 floats (row 0..3 of one k);
  ;; rows past `rows` are zero so the kernel can always compute a whole tile.
  (func $packA (param $transA i32) (param $a i32) (param $lda i32) (param $i0 i32) (param $rows i32)
               (param $p0 i32) (param $kc i32) (param $dst i32)
    (local $r i32) (local $p i32) (local $src i32) (local $out i32) (local $ldaBytes i32)
    (local $src1 i32) (local $src2 i32) (local $src3 i32)
    (local $row0 v128) (local $row1 v128) (local $row2 v128) (local $row3 v128) (local $low v128) (local $high v128)
    (local.set $ldaBytes (i32.shl (local.get $lda) (i32.const 2)))
    (if (i32.and (i32.eqz (local.get $transA)) (i32.eq (local.get $rows) (i32.const 4)))
      (then
        ;; A whole panel of an untransposed A: four k at a time, a 4×4 transpose in registers (most of the cost of
        ;; the small GEMMs of a small model was this copy done one float at a time).
        (local.set $src (i32.add (local.get $a) (i32.shl
          (i32.add (i32.mul (local.get $i0) (local.get $lda)) (local.get $p0)) (i32.const 2))))
        (local.set $src1 (i32.add (local.get $src) (local.get $ldaBytes)))
        (local.set $src2 (i32.add (local.get $src1) (local.get $ldaBytes)))
        (local.set $src3 (i32.add (local.get $src2) (local.get $ldaBytes)))
        (local.set $p (i32.shr_u (local.get $kc) (i32.const 2)))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.eqz (local.get $p)))
            (local.set $row0 (v128.load (local.get $src)))
            (local.set $row1 (v128.load (local.get $src1)))
            (local.set $row2 (v128.load (local.get $src2)))
            (local.set $row3 (v128.load (local.get $src3)))
            ;; low = [r0k0 r1k0 r0k1 r1k1], high = [r2k0 r3k0 r2k1 r3k1] → groups k0 and k1
            (local.set $low (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $row0) (local.get $row1)))
            (local.set $high (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $row2) (local.get $row3)))
            (v128.store (local.get $dst)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $low) (local.get $high)))
            (v128.store offset=16 (local.get $dst)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $low) (local.get $high)))
            ;; the same for k2 and k3 from the upper halves
            (local.set $low (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $row0) (local.get $row1)))
            (local.set $high (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $row2) (local.get $row3)))
            (v128.store offset=32 (local.get $dst)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $low) (local.get $high)))
            (v128.store offset=48 (local.get $dst)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $low) (local.get $high)))
            (local.set $src (i32.add (local.get $src) (i32.const 16)))
            (local.set $src1 (i32.add (local.get $src1) (i32.const 16)))
            (local.set $src2 (i32.add (local.get $src2) (i32.const 16)))
            (local.set $src3 (i32.add (local.get $src3) (i32.const 16)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br $quads)))
        ;; the last kc mod 4 values of k, one group at a time
        (local.set $p (i32.and (local.get $kc) (i32.const 3)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.eqz (local.get $p)))
            (f32.store (local.get $dst) (f32.load (local.get $src)))
            (f32.store offset=4 (local.get $dst) (f32.load (local.get $src1)))
            (f32.store offset=8 (local.get $dst) (f32.load (local.get $src2)))
            (f32.store offset=12 (local.get $dst) (f32.load (local.get $src3)))
            (local.set $src (i32.add (local.get $src) (i32.const 4)))
            (local.set $src1 (i32.add (local.get $src1) (i32.const 4)))
            (local.set $src2 (i32.add (local.get $src2) (i32.const 4)))
            (local.set $src3 (i32.add (local.get $src3) (i32.const 4)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (local.set $p (i32.sub (local.get $p) (i32.const 1)))
            (br $tail)))
        (return)))
    (if (local.get $transA)
      (then
        ;; op(A)(i, p) = A[p][i]: the 4 rows of one k are adjacent in memory.
        (local.set $src (i32.add (local.get $a)
          (i32.shl (i32.add (i32.mul (local.get $p0) (local.get $lda)) (local.get $i0)) (i32.const 2))))
        (if (i32.eq (local.get $rows) (i32.const 4))
          (then
            (local.set $p (local.get $kc))
            (loop $copy
              (v128.store (local.get $dst) (v128.load (local.get $src)))
              (local.set $src (i32.add (local.get $src) (local.get $ldaBytes)))
              (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
              (br_if $copy (local.tee $p (i32.sub (local.get $p) (i32.const 1))))))
          (else
            (local.set $p (local.get $kc))
            (loop $copyEdge
              (v128.store (local.get $dst) (v128.const f32x4 0 0 0 0))
              (local.set $r (i32.const 0))
              (loop $row
                (f32.store (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2)))
                  (f32.load (i32.add (local.get $src) (i32.shl (local.get $r) (i32.const 2)))))
                (br_if $row (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $rows))))
              (local.set $src (i32.add (local.get $src) (local.get $ldaBytes)))
              (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
              (br_if $copyEdge (local.tee $p (i32.sub (local.get $p) (i32.const 1))))))))
      (else
        ;; op(A)(i, p) = A[i][p]: walk each row along k and scatter it into lane r of the groups.
        (local.set $r (i32.const 0))
        (loop $row
          (local.set $out (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2))))
          (local.set $p (local.get $kc))
          (if (i32.lt_u (local.get $r) (local.get $rows))
            (then
              (local.set $src (i32.add (local.get $a) (i32.shl
                (i32.add (i32.mul (i32.add (local.get $i0) (local.get $r)) (local.get $lda)) (local.get $p0))
                (i32.const 2))))
              (loop $along
                (f32.store (local.get $out) (f32.load (local.get $src)))
                (local.set $src (i32.add (local.get $src) (i32.const 4)))
                (local.set $out (i32.add (local.get $out) (i32.const 16)))
                (br_if $along (local.tee $p (i32.sub (local.get $p) (i32.const 1))))))
            (else
              (loop $zero
                (f32.store (local.get $out) (f32.const 0))
                (local.set $out (i32.add (local.get $out) (i32.const 16)))
                (br_if $zero (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))))
          (br_if $row (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (i32.const 4)))))))

;; One whole panel of a transposed B: columns are rows of B (`src` is column 0 at the block's first k, the next
  ;; column `ldbBytes` further). Four k at a time, two in-register 4×4 transposes (columns 0–3 and 4–7).
  (func $packTransposedPanel (param $src i32) (param $ldbBytes i32) (param $kc i32) (param $out i32)
    (local $quads i32) (local $col i32) (local $half i32) (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (local $low v128) (local $high v128) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $p i32)
    (local.set $quads (i32.shr_u (local.get $kc) (i32.const 2)))
    (local.set $p (i32.const 0))
    (block $quadsDone
      (loop $quad
        (br_if $quadsDone (i32.ge_u (local.get $p) (local.get $quads)))
        ;; half 0: columns 0–3 into bytes 0–15 of four output rows; half 1: columns 4–7 into bytes 16–31
        (local.set $half (i32.const 0))
        (loop $halves
          (local.set $s0 (i32.add (i32.add (local.get $src) (i32.shl (local.get $p) (i32.const 4)))
            (i32.mul (i32.shl (local.get $half) (i32.const 2)) (local.get $ldbBytes))))
          (local.set $s1 (i32.add (local.get $s0) (local.get $ldbBytes)))
          (local.set $s2 (i32.add (local.get $s1) (local.get $ldbBytes)))
          (local.set $s3 (i32.add (local.get $s2) (local.get $ldbBytes)))
          (local.set $c0 (v128.load (local.get $s0)))
          (local.set $c1 (v128.load (local.get $s1)))
          (local.set $c2 (v128.load (local.get $s2)))
          (local.set $c3 (v128.load (local.get $s3)))
          (local.set $col (i32.add (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 7)))
            (i32.shl (local.get $half) (i32.const 4))))
          (local.set $low (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c0) (local.get $c1)))
          (local.set $high (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $c2) (local.get $c3)))
          (v128.store (local.get $col)
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $low) (local.get $high)))
          (v128.store offset=32 (local.get $col)
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $low) (local.get $high)))
          (local.set $low (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c0) (local.get $c1)))
          (local.set $high (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $c2) (local.get $c3)))
          (v128.store offset=64 (local.get $col)
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $low) (local.get $high)))
          (v128.store offset=96 (local.get $col)
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $low) (local.get $high)))
          (br_if $halves (i32.lt_u (local.tee $half (i32.add (local.get $half) (i32.const 1))) (i32.const 2))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $quad)))
    ;; the last kc mod 4 values of k: one output row of 8 floats each
    (local.set $p (i32.shl (local.get $quads) (i32.const 2)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $p) (local.get $kc)))
        (local.set $col (i32.const 0))
        (loop $lane
          (f32.store
            (i32.add (i32.add (local.get $out) (i32.shl (local.get $p) (i32.const 5))) (i32.shl (local.get $col) (i32.const 2)))
            (f32.load (i32.add (i32.add (local.get $src) (i32.shl (local.get $p) (i32.const 2)))
              (i32.mul (local.get $col) (local.get $ldbBytes)))))
          (br_if $lane (i32.lt_u (local.tee $col (i32.add (local.get $col) (i32.const 1))) (i32.const 8))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $tail))))

    ;; Rows [p0, p0 + kc) and columns [j0, j0 + nc) of op(B), as panels of 8 columns, each kc rows of 8 floats;
  ;; panel q starts at dst + q·kc·32. Columns past nc are zero.
  (func $packB (param $transB i32) (param $b i32) (param $ldb i32) (param $j0 i32) (param $nc i32)
               (param $p0 i32) (param $kc i32) (param $dst i32)
    (local $q i32) (local $cols i32) (local $col i32) (local $p i32) (local $src i32) (local $out i32)
    (local $ldbBytes i32)
    (local.set $ldbBytes (i32.shl (local.get $ldb) (i32.const 2)))
    (local.set $q (i32.const 0))
    (loop $panel
      (local.set $cols (select (i32.const 8) (i32.sub (local.get $nc) (local.get $q))
        (i32.ge_s (i32.sub (local.get $nc) (local.get $q)) (i32.const 8))))
      (if (i32.and (local.get $transB) (i32.eq (local.get $cols) (i32.const 8)))
        (then
          (call $packTransposedPanel
            (i32.add (local.get $b) (i32.shl
              (i32.add (i32.mul (i32.add (local.get $j0) (local.get $q)) (local.get $ldb)) (local.get $p0))
              (i32.const 2)))
            (local.get $ldbBytes) (local.get $kc) (local.get $dst)))
      (else (if (local.get $transB)
        (then
          ;; op(B)(p, j) = B[j][p]: read each column along k, write it into lane `col` of the rows.
          (local.set $col (i32.const 0))
          (loop $column
            (local.set $out (i32.add (local.get $dst) (i32.shl (local.get $col) (i32.const 2))))
            (local.set $p (local.get $kc))
            (if (i32.lt_u (local.get $col) (local.get $cols))
              (then
                (local.set $src (i32.add (local.get $b) (i32.shl
                  (i32.add (i32.mul (i32.add (i32.add (local.get $j0) (local.get $q)) (local.get $col)) (local.get $ldb))
                    (local.get $p0))
                  (i32.const 2))))
                (loop $along
                  (f32.store (local.get $out) (f32.load (local.get $src)))
                  (local.set $src (i32.add (local.get $src) (i32.const 4)))
                  (local.set $out (i32.add (local.get $out) (i32.const 32)))
                  (br_if $along (local.tee $p (i32.sub (local.get $p) (i32.const 1))))))
              (else
                (loop $zero
                  (f32.store (local.get $out) (f32.const 0))
                  (local.set $out (i32.add (local.get $out) (i32.const 32)))
                  (br_if $zero (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))))
            (br_if $column (i32.lt_u (local.tee $col (i32.add (local.get $col) (i32.const 1))) (i32.const 8)))))
        (else
          ;; op(B)(p, j) = B[p][j]: each row of the panel is 8 adjacent floats.
          (local.set $src (i32.add (local.get $b) (i32.shl
            (i32.add (i32.mul (local.get $p0) (local.get $ldb)) (i32.add (local.get $j0) (local.get $q)))
            (i32.const 2))))
          (local.set $out (local.get $dst))
          (local.set $p (local.get $kc))
          (if (i32.eq (local.get $cols) (i32.const 8))
            (then
              (loop $rows
                (v128.store (local.get $out) (v128.load (local.get $src)))
                (v128.store offset=16 (local.get $out) (v128.load offset=16 (local.get $src)))
                (local.set $src (i32.add (local.get $src) (local.get $ldbBytes)))
                (local.set $out (i32.add (local.get $out) (i32.const 32)))
                (br_if $rows (local.tee $p (i32.sub (local.get $p) (i32.const 1))))))
            (else
              (loop $rowsEdge
                (v128.store (local.get $out) (v128.const f32x4 0 0 0 0))
                (v128.store offset=16 (local.get $out) (v128.const f32x4 0 0 0 0))
                (local.set $col (i32.const 0))
                (loop $lane
                  (f32.store (i32.add (local.get $out) (i32.shl (local.get $col) (i32.const 2)))
                    (f32.load (i32.add (local.get $src) (i32.shl (local.get $col) (i32.const 2)))))
                  (br_if $lane (i32.lt_u (local.tee $col (i32.add (local.get $col) (i32.const 1))) (local.get $cols))))
                (local.set $src (i32.add (local.get $src) (local.get $ldbBytes)))
                (local.set $out (i32.add (local.get $out) (i32.const 32)))
                (br_if $rowsEdge (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))))))))
      (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $kc) (i32.const 5))))
      (br_if $panel (i32.lt_s (local.tee $q (i32.add (local.get $q) (i32.const 8))) (local.get $nc)))))

  ;; The 4×8 tile of C at `c` (row stride ldc bytes) += packed A panel · B panel over kc steps; starts from zero
  ;; instead of C when `load` is 0. The B panel is 8 floats per k, `bStride` bytes apart: 32 when packed, the row
  ;; stride of B when read in place. kc ≥ 1.
  (func $micro (param $ap i32) (param $bp i32) (param $bStride i32) (param $kc i32) (param $c i32) (param $ldc i32)
               (param $load i32)
    (local $row i32) (local $a v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128)
    (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128)
    (local $c30 v128) (local $c31 v128)
    (if (local.get $load) (then
      (local.set $row (local.get $c))
      (local.set $c00 (v128.load offset=0 (local.get $row)))
      (local.set $c01 (v128.load offset=16 (local.get $row)))
      (local.set $row (i32.add (local.get $row) (local.get $ldc)))
      (local.set $c10 (v128.load offset=0 (local.get $row)))
      (local.set $c11 (v128.load offset=16 (local.get $row)))
      (local.set $row (i32.add (local.get $row) (local.get $ldc)))
      (local.set $c20 (v128.load offset=0 (local.get $row)))
      (local.set $c21 (v128.load offset=16 (local.get $row)))
      (local.set $row (i32.add (local.get $row) (local.get $ldc)))
      (local.set $c30 (v128.load offset=0 (local.get $row)))
      (local.set $c31 (v128.load offset=16 (local.get $row)))
    ))
    (loop $k
      (local.set $b0 (v128.load offset=0 (local.get $bp)))
      (local.set $b1 (v128.load offset=16 (local.get $bp)))
      (local.set $a (v128.load32_splat offset=0 (local.get $ap)))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=4 (local.get $ap)))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=8 (local.get $ap)))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=12 (local.get $ap)))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $ap (i32.add (local.get $ap) (i32.const 16)))
      (local.set $bp (i32.add (local.get $bp) (local.get $bStride)))
      (br_if $k (local.tee $kc (i32.sub (local.get $kc) (i32.const 1)))))
    (local.set $row (local.get $c))
    (v128.store offset=0 (local.get $row) (local.get $c00))
    (v128.store offset=16 (local.get $row) (local.get $c01))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store offset=0 (local.get $row) (local.get $c10))
    (v128.store offset=16 (local.get $row) (local.get $c11))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store offset=0 (local.get $row) (local.get $c20))
    (v128.store offset=16 (local.get $row) (local.get $c21))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store offset=0 (local.get $row) (local.get $c30))
    (v128.store offset=16 (local.get $row) (local.get $c31))
  )

  ;; A tile that sticks out of C (rows < 4 or cols < 8): run the kernel on a private 4×8 copy, then copy back.
  (func $edgeTile (param $ap i32) (param $bp i32) (param $bStride i32) (param $kc i32) (param $c i32) (param $ldc i32)
                  (param $load i32) (param $rows i32) (param $cols i32) (param $tile i32)
    (local $r i32) (local $col i32) (local $src i32) (local $dst i32)
    (if (local.get $load)
      (then
        (local.set $r (i32.const 0))
        (loop $row
          (local.set $src (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldc))))
          (local.set $dst (i32.add (local.get $tile) (i32.shl (local.get $r) (i32.const 5))))
          (local.set $col (i32.const 0))
          (loop $lane
            (f32.store (i32.add (local.get $dst) (i32.shl (local.get $col) (i32.const 2)))
              (f32.load (i32.add (local.get $src) (i32.shl (local.get $col) (i32.const 2)))))
            (br_if $lane (i32.lt_u (local.tee $col (i32.add (local.get $col) (i32.const 1))) (local.get $cols))))
          (br_if $row (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $rows))))))
    (call $micro (local.get $ap) (local.get $bp) (local.get $bStride) (local.get $kc) (local.get $tile) (i32.const 32)
      (local.get $load))
    (local.set $r (i32.const 0))
    (loop $row
      (local.set $dst (i32.add (local.get $c) (i32.mul (local.get $r) (local.get $ldc))))
      (local.set $src (i32.add (local.get $tile) (i32.shl (local.get $r) (i32.const 5))))
      (local.set $col (i32.const 0))
      (loop $lane
        (f32.store (i32.add (local.get $dst) (i32.shl (local.get $col) (i32.const 2)))
          (f32.load (i32.add (local.get $src) (i32.shl (local.get $col) (i32.const 2)))))
        (br_if $lane (i32.lt_u (local.tee $col (i32.add (local.get $col) (i32.const 1))) (local.get $cols))))
      (br_if $row (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $rows)))))

  ;; Rows [rowStart, rowEnd) of C = op(A)·op(B) (+ C when accumulate). m, n, k ≥ 1. `scratch` holds this thread's
  ;; packing buffers: packed B (KC·NC floats), then packed A (KC·4 floats), then one 4×8 tile: 528,512 bytes.
  (func $gemm (export "gemm")
    (param $transA i32) (param $transB i32) (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $b i32) (param $c i32) (param $accumulate i32)
    (param $rowStart i32) (param $rowEnd i32) (param $scratch i32)
    (local $lda i32) (local $ldb i32) (local $ldcBytes i32) (local $jc i32) (local $nc i32) (local $p0 i32)
    (local $kc i32) (local $load i32) (local $i0 i32) (local $rows i32) (local $j0 i32) (local $cols i32)
    (local $packedA i32) (local $tile i32) (local $cTile i32) (local $bPanel i32) (local $direct i32)
    (local $bStride i32) (local $bBlock i32) (local $bPanelStep i32)
    (if (i32.ge_s (local.get $rowStart) (local.get $rowEnd)) (then (return)))
    (local.set $lda (select (local.get $m) (local.get $k) (local.get $transA)))
    (local.set $ldb (select (local.get $k) (local.get $n) (local.get $transB)))
    (local.set $ldcBytes (i32.shl (local.get $n) (i32.const 2)))
    ;; An untransposed B whose width is a multiple of 8 is read in place: its panels are 8 adjacent floats per row
    ;; already, and skipping the copy lets threads split the rows of C without each copying all of B. Only up to
    ;; 256 columns: wider rows put each k step of a panel 1 KiB+ apart, and the strided reads then cost more than
    ;; the copy (measured: 64×128×784 as fast in place, 256×512×512 40% slower).
    (local.set $direct (i32.and (i32.and (i32.eqz (local.get $transB)) (i32.eqz (i32.and (local.get $n) (i32.const 7))))
      (i32.le_u (local.get $n) (i32.const 256))))
    (local.set $bStride (select (i32.shl (local.get $ldb) (i32.const 2)) (i32.const 32) (local.get $direct)))
    (local.set $packedA (i32.add (local.get $scratch) (i32.mul (global.get $KC) (i32.mul (global.get $NC) (i32.const 4)))))
    (local.set $tile (i32.add (local.get $packedA) (i32.mul (global.get $KC) (i32.const 16))))
    (local.set $jc (i32.const 0))
    (loop $columnBlocks
      (local.set $nc (select (global.get $NC) (i32.sub (local.get $n) (local.get $jc))
        (i32.ge_s (i32.sub (local.get $n) (local.get $jc)) (global.get $NC))))
      (local.set $p0 (i32.const 0))
      (loop $depthBlocks
        (local.set $kc (select (global.get $KC) (i32.sub (local.get $k) (local.get $p0))
          (i32.ge_s (i32.sub (local.get $k) (local.get $p0)) (global.get $KC))))
        (if (local.get $direct)
          (then
            (local.set $bBlock (i32.add (local.get $b)
              (i32.shl (i32.add (i32.mul (local.get $p0) (local.get $ldb)) (local.get $jc)) (i32.const 2))))
            (local.set $bPanelStep (i32.const 32)))
          (else
            (call $packB (local.get $transB) (local.get $b) (local.get $ldb) (local.get $jc) (local.get $nc)
              (local.get $p0) (local.get $kc) (local.get $scratch))
            (local.set $bBlock (local.get $scratch))
            (local.set $bPanelStep (i32.shl (local.get $kc) (i32.const 5)))))
        (local.set $load (i32.or (local.get $accumulate) (i32.gt_s (local.get $p0) (i32.const 0))))
        (local.set $i0 (local.get $rowStart))
        (loop $rowPanels
          (local.set $rows (select (i32.const 4) (i32.sub (local.get $rowEnd) (local.get $i0))
            (i32.ge_s (i32.sub (local.get $rowEnd) (local.get $i0)) (i32.const 4))))
          (call $packA (local.get $transA) (local.get $a) (local.get $lda) (local.get $i0) (local.get $rows)
            (local.get $p0) (local.get $kc) (local.get $packedA))
          (local.set $j0 (i32.const 0))
          (local.set $bPanel (local.get $bBlock))
          (local.set $cTile (i32.add (local.get $c)
            (i32.shl (i32.add (i32.mul (local.get $i0) (local.get $n)) (local.get $jc)) (i32.const 2))))
          (loop $columnPanels
            (local.set $cols (select (i32.const 8) (i32.sub (local.get $nc) (local.get $j0))
              (i32.ge_s (i32.sub (local.get $nc) (local.get $j0)) (i32.const 8))))
            (if (i32.and (i32.eq (local.get $rows) (i32.const 4)) (i32.eq (local.get $cols) (i32.const 8)))
              (then (call $micro (local.get $packedA) (local.get $bPanel) (local.get $bStride) (local.get $kc)
                (local.get $cTile) (local.get $ldcBytes) (local.get $load)))
              (else (call $edgeTile (local.get $packedA) (local.get $bPanel) (local.get $bStride) (local.get $kc)
                (local.get $cTile) (local.get $ldcBytes) (local.get $load) (local.get $rows) (local.get $cols)
                (local.get $tile))))
            (local.set $bPanel (i32.add (local.get $bPanel) (local.get $bPanelStep)))
            (local.set $cTile (i32.add (local.get $cTile) (i32.const 32)))
            (br_if $columnPanels (i32.lt_s (local.tee $j0 (i32.add (local.get $j0) (i32.const 8))) (local.get $nc))))
          (br_if $rowPanels (i32.lt_s (local.tee $i0 (i32.add (local.get $i0) (i32.const 4))) (local.get $rowEnd))))
        (br_if $depthBlocks (i32.lt_s (local.tee $p0 (i32.add (local.get $p0) (global.get $KC))) (local.get $k))))
      (br_if $columnBlocks (i32.lt_s (local.tee $jc (i32.add (local.get $jc) (global.get $NC))) (local.get $n)))))

;; One Adam step over `count` parameters (Keras's form: the bias correction folded into `stepSize`, ε outside the
  ;; square root), four at a time:  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  w ← w − stepSize·m / (√v + ε).
  ;; In float32 throughout, as Keras and TF.js compute it.
  (func (export "adam") (param $w i32) (param $g i32) (param $m i32) (param $v i32) (param $count i32)
        (param $stepSize f32) (param $beta1 f32) (param $beta2 f32) (param $epsilon f32)
    (local $end i32) (local $tail i32)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local $b1 v128) (local $c1 v128) (local $b2 v128) (local $c2 v128) (local $lr v128) (local $eps v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $b1 (f32x4.splat (local.get $beta1)))
    (local.set $c1 (f32x4.splat (f32.sub (f32.const 1) (local.get $beta1))))
    (local.set $b2 (f32x4.splat (local.get $beta2)))
    (local.set $c2 (f32x4.splat (f32.sub (f32.const 1) (local.get $beta2))))
    (local.set $lr (f32x4.splat (local.get $stepSize)))
    (local.set $eps (f32x4.splat (local.get $epsilon)))
    ;; Byte offset where the last whole group of four ends, and where the data ends.
    (local.set $end (i32.shl (i32.and (local.get $count) (i32.const -4)) (i32.const 2)))
    (local.set $tail (i32.shl (local.get $count) (i32.const 2)))
    (local.set $count (i32.const 0))
    (block $vectorsDone
      (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $count) (local.get $end)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $count))))
        (local.set $mv (f32x4.add
          (f32x4.mul (local.get $b1) (v128.load (i32.add (local.get $m) (local.get $count))))
          (f32x4.mul (local.get $c1) (local.get $gv))))
        (local.set $vv (f32x4.add
          (f32x4.mul (local.get $b2) (v128.load (i32.add (local.get $v) (local.get $count))))
          (f32x4.mul (local.get $c2) (f32x4.mul (local.get $gv) (local.get $gv)))))
        (v128.store (i32.add (local.get $m) (local.get $count)) (local.get $mv))
        (v128.store (i32.add (local.get $v) (local.get $count)) (local.get $vv))
        (v128.store (i32.add (local.get $w) (local.get $count))
          (f32x4.sub (v128.load (i32.add (local.get $w) (local.get $count)))
            (f32x4.div (f32x4.mul (local.get $lr) (local.get $mv))
              (f32x4.add (f32x4.sqrt (local.get $vv)) (local.get $eps)))))
        (local.set $count (i32.add (local.get $count) (i32.const 16)))
        (br $vectors)))
    (block $scalarsDone
      (loop $scalars
        (br_if $scalarsDone (i32.ge_u (local.get $count) (local.get $tail)))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $count))))
        (local.set $ms (f32.add (f32.mul (local.get $beta1) (f32.load (i32.add (local.get $m) (local.get $count))))
          (f32.mul (f32.sub (f32.const 1) (local.get $beta1)) (local.get $gs))))
        (local.set $vs (f32.add (f32.mul (local.get $beta2) (f32.load (i32.add (local.get $v) (local.get $count))))
          (f32.mul (f32.sub (f32.const 1) (local.get $beta2)) (f32.mul (local.get $gs) (local.get $gs)))))
        (f32.store (i32.add (local.get $m) (local.get $count)) (local.get $ms))
        (f32.store (i32.add (local.get $v) (local.get $count)) (local.get $vs))
        (f32.store (i32.add (local.get $w) (local.get $count))
          (f32.sub (f32.load (i32.add (local.get $w) (local.get $count)))
            (f32.div (f32.mul (local.get $stepSize) (local.get $ms))
              (f32.add (f32.sqrt (local.get $vs)) (local.get $epsilon)))))
        (local.set $count (i32.add (local.get $count) (i32.const 4)))
        (br $scalars))))

  ;; Jobs shared between threads. A job is one GEMM cut into chunks of rows; each thread claims chunks one at a time
  ;; until none is left, so a thread the system has descheduled holds up at most the one chunk it took.
  ;; Control block, in i32 words: 0 job number (24 bits; bumped to hand over a job), 1 chunks finished, 2 "asleep
  ;; in wait" flag, 3 ready flag, 4 quit flag, 5…15 the first 11 arguments of $gemm (row range unused), 16 the
  ;; worker's scratch, 17 the claim word (job number << 8 | next chunk), 18 number of chunks, 19 rows per chunk,
  ;; 20 chunks the worker has taken in all.
  (func $takeChunks (export "takeChunks") (param $ctrl i32) (param $job i32) (param $scratch i32) (result i32)
    (local $claim i32) (local $chunk i32) (local $rowStart i32) (local $rowEnd i32) (local $taken i32)
    (block $over
      (loop $next
        (local.set $claim (i32.atomic.load offset=68 (local.get $ctrl)))
        ;; Another job's claim word means this job is over (its chunks are all done).
        (br_if $over (i32.ne (i32.shr_u (local.get $claim) (i32.const 8))
          (i32.and (local.get $job) (i32.const 0xffffff))))
        (local.set $chunk (i32.and (local.get $claim) (i32.const 255)))
        (br_if $over (i32.ge_u (local.get $chunk) (i32.load offset=72 (local.get $ctrl))))
        (br_if $next (i32.ne (i32.atomic.rmw.cmpxchg offset=68 (local.get $ctrl) (local.get $claim)
          (i32.add (local.get $claim) (i32.const 1))) (local.get $claim)))
        ;; The chunk is ours, so the job cannot end (nor its arguments change) before we say it is done.
        (local.set $rowStart (i32.mul (local.get $chunk) (i32.load offset=76 (local.get $ctrl))))
        (local.set $rowEnd (i32.add (local.get $rowStart) (i32.load offset=76 (local.get $ctrl))))
        (if (i32.gt_s (local.get $rowEnd) (i32.load offset=28 (local.get $ctrl)))
          (then (local.set $rowEnd (i32.load offset=28 (local.get $ctrl)))))
        (call $gemm
          (i32.load offset=20 (local.get $ctrl)) (i32.load offset=24 (local.get $ctrl))
          (i32.load offset=28 (local.get $ctrl)) (i32.load offset=32 (local.get $ctrl))
          (i32.load offset=36 (local.get $ctrl)) (i32.load offset=40 (local.get $ctrl))
          (i32.load offset=44 (local.get $ctrl)) (i32.load offset=48 (local.get $ctrl))
          (i32.load offset=52 (local.get $ctrl)) (local.get $rowStart) (local.get $rowEnd) (local.get $scratch))
        (local.set $taken (i32.add (local.get $taken) (i32.const 1)))
        (drop (i32.atomic.rmw.add offset=4 (local.get $ctrl) (i32.const 1)))
        (drop (memory.atomic.notify offset=4 (local.get $ctrl) (i32.const 1)))
        (br $next)))
    (local.get $taken))

  ;; The second thread's whole life: wait for a job, take chunks of it, repeat until told to quit. It spins `spins`
  ;; times before sleeping, because waking a sleeping thread costs tens of microseconds while a training step hands
  ;; over a job every few.
  (func (export "workerLoop") (param $ctrl i32) (param $spins i32)
    (local $seen i32) (local $job i32) (local $spin i32)
    (local.set $seen (i32.atomic.load (local.get $ctrl)))
    (i32.atomic.store offset=12 (local.get $ctrl) (i32.const 1))
    (loop $serve
      (local.set $spin (local.get $spins))
      (block $arrived
        (loop $spinning
          (br_if $arrived (i32.ne (i32.atomic.load (local.get $ctrl)) (local.get $seen)))
          (br_if $spinning (i32.gt_s (local.tee $spin (i32.sub (local.get $spin) (i32.const 1))) (i32.const 0))))
        ;; The caller reads this flag after bumping the job number and wakes us only if it is set; wait32 returns
        ;; at once if the number moved in between.
        (i32.atomic.store offset=8 (local.get $ctrl) (i32.const 1))
        (drop (memory.atomic.wait32 (local.get $ctrl) (local.get $seen) (i64.const -1)))
        (i32.atomic.store offset=8 (local.get $ctrl) (i32.const 0)))
      (local.set $job (i32.atomic.load (local.get $ctrl)))
      (br_if $serve (i32.eq (local.get $job) (local.get $seen)))
      (local.set $seen (local.get $job))
      (if (i32.atomic.load offset=16 (local.get $ctrl)) (then (return)))
      ;; Word 20 counts the chunks this thread has taken, so tests and benchmarks can see it working.
      (drop (i32.atomic.rmw.add offset=80 (local.get $ctrl)
        (call $takeChunks (local.get $ctrl) (local.get $job) (i32.load offset=64 (local.get $ctrl)))))
      (br $serve)))
)
