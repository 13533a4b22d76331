// The pacer with a fake clock: how long the worker waits before each step at a pace, that the schedule absorbs the
// steps' own time and timer lateness, that a run that fell behind (or paused) does not burst to catch up, and the
// pace table: the spiral example (23 steps per epoch, 40 epochs) takes 4 s at Normal, nothing waits at Fastest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minWaitMs, Pacer } from '../../../src/extension/worker/pacer';
import {
  epochsPerSecondOf, isPaceChoice, paceLabel, paceShortLabel, resolvePace, stepIntervalMsOf,
} from '../../../src/protocol/pace';

/** A clock that moves only when the test moves it. */
function fakeClock(startMs = 1000): { now: () => number; advance: (ms: number) => void } {
  let nowMs = startMs;
  return { now: () => nowMs, advance: (ms) => { nowMs += ms; } };
}

/** Runs `steps` steps that each take `stepMs`, sleeping as the pacer says; returns the wall time taken. */
function simulate(pacer: Pacer, clock: ReturnType<typeof fakeClock>, steps: number, stepMs: number, oversleepMs = 0): number {
  const startedAt = clock.now();
  for (let i = 0; i < steps; i++) {
    clock.advance(stepMs);
    const waitMs = pacer.afterStep();
    assert.ok(waitMs === 0 || waitMs >= minWaitMs, `a wait is 0 or worth a timer, got ${waitMs}`);
    if (waitMs > 0) clock.advance(waitMs + oversleepMs);
  }
  return clock.now() - startedAt;
}

test('no pace: the pacer never waits', () => {
  const clock = fakeClock();
  const pacer = new Pacer(clock.now);
  assert.equal(pacer.paced, false);
  assert.ok(Math.abs(simulate(pacer, clock, 1000, 0.1) - 100) < 1e-6, 'only the steps take time');
});

test('a pace of 10 ms per step: 100 steps of 1 ms take 1 s, each wait the rest of the step\'s slot', () => {
  const clock = fakeClock();
  const pacer = new Pacer(clock.now, 10);
  assert.equal(pacer.paced, true);
  clock.advance(1);
  assert.equal(pacer.afterStep(), 10, 'the first step starts the schedule: the next is due one interval later');
  clock.advance(10);
  clock.advance(1);
  assert.equal(pacer.afterStep(), 9, 'from then on the step\'s own time is taken off the wait');
  const clock2 = fakeClock();
  const elapsed = simulate(new Pacer(clock2.now, 10), clock2, 100, 1);
  assert.ok(Math.abs(elapsed - 1000) <= 1, `100 steps took ${elapsed} ms`);
});

test('short intervals wait in timer-sized pieces and keep the average rate', () => {
  const clock = fakeClock();
  const pacer = new Pacer(clock.now, 1.5);
  const elapsed = simulate(pacer, clock, 1000, 0.2);
  assert.ok(Math.abs(elapsed - 1500) <= minWaitMs + 2, `1,000 steps at 1.5 ms took ${elapsed} ms`);
});

test('timers that fire late do not slow the pace down: the schedule is absolute', () => {
  const clock = fakeClock();
  const pacer = new Pacer(clock.now, 20);
  // Every sleep 3 ms late; the next wait is shortened by as much.
  const elapsed = simulate(pacer, clock, 50, 2, 3);
  assert.ok(elapsed <= 50 * 20 + 3 + 20, `50 steps at 20 ms took ${elapsed} ms`);
  // A busy machine: steps due every 4.35 ms (the spiral at Normal), every timer 9 ms late. The lateness is made up
  // by the steps that follow without waiting, so 920 steps still take about 4 s, not twice as long.
  const busy = fakeClock();
  const spiral = simulate(new Pacer(busy.now, 1000 / 230), busy, 920, 0.3, 9);
  assert.ok(Math.abs(spiral - 4000) < 30, `920 steps at 230 per second with late timers took ${spiral} ms`);
});

test('a run that fell behind starts a new schedule instead of bursting', () => {
  const clock = fakeClock();
  const pacer = new Pacer(clock.now, 10);
  simulate(pacer, clock, 5, 1);
  clock.advance(500); // a slow step: more than maxLagMs behind
  assert.equal(pacer.afterStep(), 10, 'after falling behind, the next step waits a whole interval again');
  clock.advance(10);
  clock.advance(1);
  assert.equal(pacer.afterStep(), 9);
});

test('restart (after a pause) and a new pace start the schedule from the next step', () => {
  const clock = fakeClock();
  const pacer = new Pacer(clock.now, 10);
  simulate(pacer, clock, 3, 1);
  pacer.restart();
  clock.advance(2);
  assert.equal(pacer.afterStep(), 10);
  pacer.setInterval(0);
  assert.equal(pacer.paced, false);
  assert.equal(pacer.afterStep(), 0);
  pacer.setInterval(Number.NaN);
  assert.equal(pacer.paced, false, 'a pace that is not a number means no pace');
  pacer.setInterval(50);
  clock.advance(1);
  assert.equal(pacer.afterStep(), 50);
});

test('the pace table: the spiral example takes 4 s at Normal, 1 s at Fast, 20 s at Slow; Fastest does not wait', () => {
  const stepsPerEpoch = 23;
  const epochs = 40;
  const seconds = (pace: 'slow' | 'normal' | 'fast'): number => {
    const clock = fakeClock();
    const pacer = new Pacer(clock.now, stepIntervalMsOf(epochsPerSecondOf(pace), stepsPerEpoch));
    return simulate(pacer, clock, stepsPerEpoch * epochs, 0.13) / 1000;
  };
  assert.ok(Math.abs(seconds('normal') - 4) < 0.02, `normal: ${seconds('normal')} s`);
  assert.ok(Math.abs(seconds('fast') - 1) < 0.02, `fast: ${seconds('fast')} s`);
  assert.ok(Math.abs(seconds('slow') - 20) < 0.05, `slow: ${seconds('slow')} s`);
  assert.equal(stepIntervalMsOf(epochsPerSecondOf('fastest'), stepsPerEpoch), 0);
});

test('auto is Normal for two input features (the boundary is drawn) and Fastest otherwise', () => {
  assert.equal(resolvePace('auto', 2), 'normal');
  assert.equal(resolvePace('auto', 64), 'fastest');
  assert.equal(resolvePace('auto', 4), 'fastest');
  assert.equal(resolvePace('slow', 64), 'slow', 'a chosen pace is kept whatever the data');
  assert.equal(paceLabel('normal'), 'Normal (10 epochs/s)');
  assert.equal(paceLabel('fastest'), 'As fast as possible');
  assert.equal(paceLabel('auto', 2), 'Auto: normal (10 epochs/s)');
  assert.equal(paceShortLabel('fastest'), 'Fastest');
  assert.equal(paceShortLabel('normal'), 'Normal');
  assert.equal(paceShortLabel('auto'), 'Auto speed');
  assert.equal(isPaceChoice('fast'), true);
  assert.equal(isPaceChoice('__proto__'), false);
});
