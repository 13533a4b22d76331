;; Packing: copies of blocks of op(A) and op(B) into the panels the GEMM micro-kernel reads.
;; A part of the module in kernels.wat: assemble.mjs splices it in at its @include line.

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
