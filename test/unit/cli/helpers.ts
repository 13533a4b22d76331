// Builds the command line the way esbuild.mjs does (into dist/test-cli/, so a concurrent `npm run build` is not
// disturbed) and runs it as a child process.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

export const root = join(__dirname, '..', '..', '..');
const cliPath = join(root, 'dist', 'test-cli', `cli-${process.pid}.js`);
let built = false;

export function buildCli(): string {
  if (!built) {
    buildSync({
      entryPoints: [join(root, 'src', 'cli', 'main.ts')], outfile: cliPath, bundle: true, platform: 'node', format: 'cjs',
      target: 'node20', mainFields: ['module', 'main'], logLevel: 'error',
    });
    built = true;
  }
  return cliPath;
}

export function removeBuiltCli(): void {
  rmSync(cliPath, { force: true });
}

export interface CliResult { status: number | null; stdout: string; stderr: string }

export function runCli(args: readonly string[], cwd = root): CliResult {
  const result = spawnSync(process.execPath, [buildCli(), ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the command line, sends `signal` once `interruptWhen` sees its output, and resolves when it exits. */
export function runCliInterrupted(
  args: readonly string[], interruptWhen: (stdout: string) => boolean, cwd = root, signal: NodeJS.Signals = 'SIGINT',
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [buildCli(), ...args], { cwd });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!sent && interruptWhen(stdout)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A temporary folder with the given files; removed by the returned function. */
export function scratchFolder(files: Record<string, string>): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'nngraph-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A small graph: dense(8) relu → dense(k) softmax (or sigmoid for one unit) on the given dataset. */
export function smallGraph(dataset: Record<string, unknown>, outputs: number, training: Record<string, unknown> = {}): string {
  const probs = outputs === 1 ? 'sigmoid' : 'softmax';
  const mode = outputs === 1 ? 'binary' : 'categorical';
  return `${JSON.stringify({
    format: 'nngraph', version: 1, name: 'small',
    nodes: [
      { id: 'data', type: 'input', position: { x: 0, y: 0 }, params: { dataset } },
      { id: 'hidden', type: 'dense', position: { x: 200, y: 0 }, params: { units: 8 } },
      { id: 'relu', type: 'activation', position: { x: 400, y: 0 }, params: { fn: 'relu' } },
      { id: 'out', type: 'dense', position: { x: 600, y: 0 }, params: { units: outputs } },
      { id: 'probs', type: 'activation', position: { x: 800, y: 0 }, params: { fn: probs } },
      { id: 'loss', type: 'cross-entropy', position: { x: 1000, y: 0 }, params: { mode } },
    ],
    edges: [
      { from: 'data.features', to: 'hidden.in' }, { from: 'hidden.out', to: 'relu.in' }, { from: 'relu.out', to: 'out.in' },
      { from: 'out.out', to: 'probs.in' }, { from: 'probs.out', to: 'loss.predictions' }, { from: 'data.labels', to: 'loss.labels' },
    ],
    training: { optimizer: { type: 'adam', learningRate: 0.01 }, epochs: 3, batchSize: 8, seed: 1, metrics: ['accuracy'], ...training },
  }, null, 2)}\n`;
}

