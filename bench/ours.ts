// Benchmark child: trains one workload with our core through the real path (graph text → compileText → createRun →
// trainRun) on the default backend from createBackend(), or on the one named by --backend.
import { createBackend, createRun, trainRun, type BackendPreference } from '../src/core/index';
import { isWorkloadId, multiplyAddsPerSample, prepareWorkload } from './workloads';
import { peakRssMiB, printResult, ThroughputClock } from './measure';

async function main(): Promise<void> {
  const [id, preferenceArgument = 'auto'] = process.argv.slice(2);
  if (id === undefined || !isWorkloadId(id)) throw new Error(`usage: ours.ts W1|W2|W3|W4 [auto|wasm|js]`);
  const preference = preferenceArgument as BackendPreference;
  const workload = prepareWorkload(id);
  const { spec, training, dataset, normalize } = workload;
  const backend = createBackend(preference);
  const run = createRun({ dataset, spec, training, normalize, backend });
  const clock = new ThroughputClock(training.epochs, run.stepsPerEpoch, training.batchSize, run.trainCount);
  const startMs = performance.now();
  const hooks = clock.unit === 'epoch' ? { onEpoch: () => clock.tick() } : { onBatch: () => clock.tick() };
  const result = await trainRun(run, { ...hooks, yieldEveryMs: 1000 });
  const trainSeconds = (performance.now() - startMs) / 1000;
  if (result.stop.kind !== 'completed') throw new Error(`training stopped: ${JSON.stringify(result.stop)}`);
  const last = result.epochs[result.epochs.length - 1];
  printResult({
    implementation: `ours (${backend.name})`,
    workload: id,
    samplesPerSecond: clock.samplesPerSecond(),
    finalLoss: last.loss,
    validationAccuracy: last.valAccuracy,
    peakRssMiB: peakRssMiB(),
    trainSeconds,
    multiplyAddsPerSample: multiplyAddsPerSample(spec),
  });
  run.dispose();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
