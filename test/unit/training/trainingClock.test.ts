import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrainingClock } from '../../../src/extension/training/trainingClock';

test('training time counts from the data being ready, and not while a Step run is paused', () => {
  let now = 0;
  const train = new TrainingClock(true, () => now);
  now = 100;
  assert.equal(train.elapsedMs(), 0, 'loading data is not training');
  train.markReady();
  now = 350;
  assert.equal(train.elapsedMs(), 250);

  now = 0;
  const step = new TrainingClock(false, () => now);
  step.setTraining(true); // the first Step, while the data loads
  now = 40;
  step.markReady();
  now = 50;
  step.setTraining(false); // paused after step 1
  now = 5000;
  assert.equal(step.elapsedMs(), 10);
  step.setTraining(true);
  now = 5007;
  assert.equal(step.elapsedMs(), 17);
});
