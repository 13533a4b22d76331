;; The Adam update.
;; A part of the module in kernels.wat: assemble.mjs splices it in at its @include line.

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
