;; The Adam update.
;; A part of the module in kernels.wat: assemble.mjs splices it in at its @include line.

;; One Adam step over `count` parameters (Keras's form: the bias correction folded into `stepSize`, ε outside the
;; square root):  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  w ← w − stepSize·m / (√v + ε).
;; The stored values are float32; the arithmetic is float64, two values at a time, exactly as the TypeScript update
;; in src/core/optimizers/adam.ts does it, so both backends take bit-identical steps. The constants come from the
;; caller in float64: formed here in float32, 1 − 0.999 was 0.00099998713, not the documented 0.001, and the float32
;; arithmetic drifted a digits run 3e-3 apart from the TypeScript backend's over 50 epochs.
(func (export "adam") (param $w i32) (param $g i32) (param $m i32) (param $v i32) (param $count i32)
      (param $stepSize f64) (param $beta1 f64) (param $oneMinusBeta1 f64) (param $beta2 f64) (param $oneMinusBeta2 f64)
      (param $epsilon f64)
  (local $end i32) (local $tail i32)
  (local $gv v128) (local $mv v128) (local $vv v128)
  (local $b1 v128) (local $c1 v128) (local $b2 v128) (local $c2 v128) (local $lr v128) (local $eps v128)
  (local $gs f64) (local $ms f64) (local $vs f64)
  (local.set $b1 (f64x2.splat (local.get $beta1)))
  (local.set $c1 (f64x2.splat (local.get $oneMinusBeta1)))
  (local.set $b2 (f64x2.splat (local.get $beta2)))
  (local.set $c2 (f64x2.splat (local.get $oneMinusBeta2)))
  (local.set $lr (f64x2.splat (local.get $stepSize)))
  (local.set $eps (f64x2.splat (local.get $epsilon)))
  ;; Byte offset where the last whole pair ends, and where the data ends.
  (local.set $end (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 2)))
  (local.set $tail (i32.shl (local.get $count) (i32.const 2)))
  (local.set $count (i32.const 0))
  (block $pairsDone
    (loop $pairs
      (br_if $pairsDone (i32.ge_u (local.get $count) (local.get $end)))
      (local.set $gv (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (local.get $count)))))
      (local.set $mv (f64x2.add
        (f64x2.mul (local.get $b1) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $m) (local.get $count)))))
        (f64x2.mul (local.get $c1) (local.get $gv))))
      (local.set $vv (f64x2.add
        (f64x2.mul (local.get $b2) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $v) (local.get $count)))))
        (f64x2.mul (f64x2.mul (local.get $c2) (local.get $gv)) (local.get $gv))))
      (v128.store64_lane 0 (i32.add (local.get $m) (local.get $count)) (f32x4.demote_f64x2_zero (local.get $mv)))
      (v128.store64_lane 0 (i32.add (local.get $v) (local.get $count)) (f32x4.demote_f64x2_zero (local.get $vv)))
      (v128.store64_lane 0 (i32.add (local.get $w) (local.get $count))
        (f32x4.demote_f64x2_zero
          (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $w) (local.get $count))))
            (f64x2.div (f64x2.mul (local.get $lr) (local.get $mv))
              (f64x2.add (f64x2.sqrt (local.get $vv)) (local.get $eps))))))
      (local.set $count (i32.add (local.get $count) (i32.const 8)))
      (br $pairs)))
  (block $scalarsDone
    (loop $scalars
      (br_if $scalarsDone (i32.ge_u (local.get $count) (local.get $tail)))
      (local.set $gs (f64.promote_f32 (f32.load (i32.add (local.get $g) (local.get $count)))))
      (local.set $ms (f64.add (f64.mul (local.get $beta1) (f64.promote_f32 (f32.load (i32.add (local.get $m) (local.get $count)))))
        (f64.mul (local.get $oneMinusBeta1) (local.get $gs))))
      (local.set $vs (f64.add (f64.mul (local.get $beta2) (f64.promote_f32 (f32.load (i32.add (local.get $v) (local.get $count)))))
        (f64.mul (f64.mul (local.get $oneMinusBeta2) (local.get $gs)) (local.get $gs))))
      (f32.store (i32.add (local.get $m) (local.get $count)) (f32.demote_f64 (local.get $ms)))
      (f32.store (i32.add (local.get $v) (local.get $count)) (f32.demote_f64 (local.get $vs)))
      (f32.store (i32.add (local.get $w) (local.get $count))
        (f32.demote_f64
          (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $w) (local.get $count))))
            (f64.div (f64.mul (local.get $stepSize) (local.get $ms))
              (f64.add (f64.sqrt (local.get $vs)) (local.get $epsilon))))))
      (local.set $count (i32.add (local.get $count) (i32.const 4)))
      (br $scalars))))
