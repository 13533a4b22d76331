;; GEMM jobs shared between the caller and a second thread.
;; A part of the module in kernels.wat: assemble.mjs splices it in at its @include line.

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
