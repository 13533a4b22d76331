// `nngraph export FILE --to pytorch|keras|tfjs`: writes the program the graph layer generates, and beside it what
// it needs: a built-in dataset as CSV (so the program trains on exactly our rows) and, with --weights, the starting
// weights. Every file is checked before any is written, and written atomically, never onto the graph or its data
// and never over an existing file without --force (node/safeWrite.ts).
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { datasetCsv, exportKeras, exportPytorch, exportTfjs, graphBaseName, graphExportOf, type GraphExport } from '../graph/index';
import { newFileKind, type WriteTarget } from '../node/safeWrite';
import type { ExportOptions, ExportTarget } from './args';
import { CliError, describeFsError } from './errors';
import { runOnnxExport } from './exportOnnx';
import { protectedFilesOf, writeAll, type PlannedFile } from './exportFiles';
import type { Output } from './output';
import { prepareRun, type PreparedRun } from './trainSetup';

/** Each target that writes a training program: its generator, its default file ending and what runs it. */
const programTargets: Record<Exclude<ExportTarget, 'onnx'>, { generate: (input: GraphExport) => string; ending: string; runner: string }> = {
  pytorch: { generate: exportPytorch, ending: '.py', runner: 'python3' },
  keras: { generate: exportKeras, ending: '.keras.py', runner: 'python3' },
  tfjs: { generate: exportTfjs, ending: '.tfjs.cjs', runner: 'node' },
};

export function runExport(file: string, options: ExportOptions, output: Output): number {
  if (options.to === 'onnx') return runOnnxExport(file, options, output);
  const prepared = prepareRun(file, { root: options.root, maxCsvMegabytes: options.maxCsvMegabytes, initWeights: options.weights }, output, 'nothing was exported');
  try {
    const program = programTargets[options.to];
    const script = options.output ?? join(dirname(file), `${graphBaseName(basename(file))}${program.ending}`);
    const stem = script.slice(0, script.length - extname(script).length);
    const protectedFiles = protectedFilesOf(file, prepared.datasetRef, options.weights);
    const target = (path: string, description: string): WriteTarget =>
      ({ path, kind: newFileKind(description), protectedFiles, overwriteOtherKind: options.force });
    const planned: PlannedFile[] = [];
    let csvPath: string;
    if (prepared.datasetRef.kind === 'builtin') {
      const dataPath = `${stem}.data.csv`;
      planned.push({ target: target(dataPath, 'the exported dataset'), bytes: () => encode(datasetCsv(prepared.run.data.raw)) });
      csvPath = dataPath;
    } else {
      csvPath = resolve(dirname(resolve(file)), prepared.datasetRef.path);
    }
    let initPath: string | undefined;
    if (options.weights !== undefined) {
      initPath = `${stem}.init.safetensors`;
      const source = options.weights;
      planned.push({ target: target(initPath, 'the exported starting weights'), bytes: () => readWeights(source) });
    }
    const exportInput = describeExport(prepared, fromScript(script, csvPath), initPath === undefined ? undefined : fromScript(script, initPath));
    planned.push({ target: target(script, 'the exported script'), bytes: () => encode(program.generate(exportInput)) });
    writeAll(planned);
    output.out(`Wrote ${planned.map((plannedFile) => plannedFile.target.path).join(', ')}; run: ${program.runner} ${script} --help`);
    return 0;
  } finally {
    prepared.run.dispose();
  }
}

function describeExport(prepared: PreparedRun, csv: string, defaultInitWeights: string | undefined): GraphExport {
  const { run, datasetRef } = prepared;
  return graphExportOf({
    graphName: prepared.name, spec: run.program.spec, training: run.training, normalize: run.data.normalization.method,
    datasetRef, builtinRows: run.data.raw,
  }, csv, defaultInitWeights);
}

/** A path as the script finds it from its own folder, with '/' (the script resolves it beside itself). */
function fromScript(script: string, path: string): string {
  return relative(dirname(resolve(script)), resolve(path)).split(sep).join('/');
}

function readWeights(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new CliError(`nngraph: cannot read the weights file '${path}': ${describeFsError(error)}`);
  }
}

function encode(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
