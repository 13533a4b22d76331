// `nngraph train --engine pytorch`: the same run, trained by the exported PyTorch script with the person's Python
// (src/node/pytorchRunner.ts). It starts from the prepared run's weights (the seed's, or --init-weights), and the
// weights it trained are put back into the prepared program, so everything after (the summary, --save-weights,
// written atomically) is the built-in engine's own code.
import { dirname, resolve } from 'node:path';
import { matchWeights, readSafetensors, writeSafetensors, WeightsError, type BatchReport, type EpochReport, type TrainResult } from '../core/index';
import { pytorchEngineFiles } from '../graph/index';
import { checkPythonTorch, PythonSetupError, PytorchRun } from '../node/pytorchRunner';
import { CliError } from './errors';
import type { Interruption } from './train';
import type { PreparedRun } from './trainSetup';

export interface PytorchSettings { python: string; processes: number }

/** Fails (exit 1) with what to install when the Python is missing or has no torch; nothing has been written then. */
export async function checkPytorchSetup(settings: PytorchSettings): Promise<void> {
  try {
    await checkPythonTorch(settings.python, settings.processes, '--python');
  } catch (error) {
    if (error instanceof PythonSetupError) throw new CliError(`nngraph: ${error.message}; nothing was trained`);
    throw error;
  }
}

export async function trainWithPytorch(
  prepared: PreparedRun, settings: PytorchSettings, show: { onBatch(batch: BatchReport): void; onEpoch(report: EpochReport): void },
  interruption: Interruption, graphFile: string,
): Promise<TrainResult> {
  const { run, datasetRef } = prepared;
  const files = pytorchEngineFiles({
    graphName: prepared.name, spec: run.program.spec, training: run.training, normalize: run.data.normalization.method,
    datasetRef, builtinRows: run.data.raw,
  }, datasetRef.kind === 'csv' ? resolve(dirname(resolve(graphFile)), datasetRef.path) : undefined);
  const pytorch = new PytorchRun(
    { ...files, initialWeights: writeSafetensors(run.program.getWeights()), epochs: run.training.epochs },
    { python: settings.python, processes: settings.processes, wantWeights: true },
    { onBatch: show.onBatch, onEpoch: show.onEpoch },
  );
  interruption.onRequest((signal) => pytorch.stop(signal));
  const result = await pytorch.result;
  if (result.status === 'failed') throw new CliError(`nngraph: PyTorch did not finish the run (${result.message ?? 'no reason given'}); no weights were saved`);
  if (result.weights === undefined) throw new CliError('nngraph: PyTorch finished without writing the trained weights; none were saved');
  try {
    const { tensors } = readSafetensors(result.weights, 'the weights PyTorch wrote');
    run.program.setWeights(matchWeights(run.program.getWeights(), tensors, 'the weights PyTorch wrote'));
  } catch (error) {
    if (error instanceof WeightsError) throw new CliError(`nngraph: ${error.message}; no weights were saved`);
    throw error;
  }
  return { stop: { kind: result.status }, epochs: result.epochs, stepsRun: result.stepsRun };
}
