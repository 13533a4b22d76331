// The PyTorch engine's process side, shared by `nngraph train --engine pytorch` and the editor: checks that the
// person's Python has PyTorch before anything is written, runs the exported script (src/graph/export/pytorch.ts)
// from a private temporary folder, alone or under torchrun, turns its streamed JSON lines into the core's batch and
// epoch reports, stops it (SIGINT/SIGTERM to its whole process group: the script stops every rank after the same
// batch and rank 0 saves), and hands back the weights it wrote. The temporary folder is removed when the run ends;
// where the weights finally go is the caller's (atomic) write.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchReport, EpochReport } from '../core/index';
import { parseScriptLine, type ScriptRunInfo, type ScriptSummary } from './pytorchLines';

export type { ScriptRunInfo, ScriptSummary } from './pytorchLines';

/** What to run: the exported script and the files it reads from its own folder (a built-in set as CSV). */
export interface PytorchJob {
  script: string;
  files: ReadonlyArray<{ name: string; text: string }>;
  /** Safetensors bytes to start from (--init-weights); without them the script draws the weights from the seed. */
  initialWeights?: Uint8Array;
  epochs: number;
}

export interface PytorchRunOptions {
  python: string;
  /** Processes; above 1 the script runs under torchrun (torch.distributed.run) with DistributedDataParallel. */
  processes: number;
  device?: 'auto' | 'cpu' | 'cuda';
  /** Whether the trained weights are wanted back (the script then writes them, also when stopped). */
  wantWeights: boolean;
}

export interface PytorchRunListener {
  onStarted?(info: ScriptRunInfo): void;
  onBatch?(report: BatchReport): void;
  onEpoch?(report: EpochReport): void;
}

export interface PytorchRunResult {
  /** `failed`: the process ended without its summary line (an error, or killed). */
  status: 'completed' | 'cancelled' | 'failed';
  summary?: ScriptSummary;
  /** The weights the script wrote (safetensors bytes); absent when it wrote none. */
  weights?: Uint8Array;
  epochs: EpochReport[];
  stepsRun: number;
  /** For a failure: the end of what the script printed on stderr, or how it ended. */
  message?: string;
}

/** A missing Python or a Python without PyTorch: the message says what to install. Nothing has been written. */
export class PythonSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PythonSetupError';
  }
}

/** How to get PyTorch, in the words of the two usual package managers. */
export const installHint = "Debian/Ubuntu: 'apt-get install python3-torch python3-numpy'; elsewhere: 'pip install torch numpy'";

/**
 * Asks the Python whether it can import torch and numpy (and torch.distributed.run for several processes); returns
 * the torch version or throws a PythonSetupError. `pythonSetting` names where the person chooses the Python.
 */
export async function checkPythonTorch(python: string, processes: number, pythonSetting: string): Promise<string> {
  const modules = processes > 1 ? 'torch, numpy, torch.distributed.run' : 'torch, numpy';
  const probe = await runQuietly(python, ['-c', `import ${modules}; print(torch.__version__)`]);
  if (probe.spawnError !== undefined) {
    const missing = probe.spawnError.code === 'ENOENT' || probe.spawnError.code === 'EACCES';
    throw new PythonSetupError(missing
      ? `the PyTorch engine needs Python 3 with PyTorch, and '${python}' was not found: install Python 3 with PyTorch (${installHint}), or point ${pythonSetting} at a Python that has it`
      : `cannot start '${python}': ${probe.spawnError.message}`);
  }
  if (probe.code !== 0) {
    const lastLine = probe.stderr.trim().split('\n').at(-1) ?? '';
    const noModule = /ModuleNotFoundError|ImportError/.test(probe.stderr);
    throw new PythonSetupError(noModule
      ? `'${python}' cannot import PyTorch (${lastLine}): install PyTorch for it (${installHint}), or point ${pythonSetting} at a Python that has it`
      : `'${python}' failed while importing PyTorch: ${lastLine}`);
  }
  return probe.stdout.trim();
}

interface QuietRun { code: number | null; stdout: string; stderr: string; spawnError?: NodeJS.ErrnoException }

function runQuietly(command: string, args: readonly string[]): Promise<QuietRun> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ code: null, stdout: '', stderr: '', spawnError: error as NodeJS.ErrnoException });
      return;
    }
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: null, stdout, stderr, spawnError: error }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * torchrun's own entry point (what /usr/bin/torchrun calls), started through the person's Python so that it is the
 * PyTorch of that Python. Debian's PyTorch 1.13 on Python 3.11 cannot parse its own default `--redirects 0`/`--tee 0`
 * (Std.from_str iterates the IntFlag, and Python 3.11 no longer yields the zero member): where that lookup fails it is
 * mended first. A stop signal makes the launcher pass it on to its processes and wait for them; it then exits with
 * the signal's code instead of a traceback.
 */
export const TORCHRUN_LAUNCHER = String.raw`import re, signal, sys
from torch.distributed.elastic.multiprocessing import api
if api.Std.from_str("0") is None:
    def from_str(cls, text):
        if re.fullmatch(r"[0-3]", text):
            return cls(int(text))
        return {int(i): cls(int(v)) for i, v in (pair.split(":") for pair in text.split(","))}
    api.Std.from_str = classmethod(from_str)
from torch.distributed.run import main
sys.argv[0] = "torchrun"
try:
    main()
except api.SignalException as stopped:
    sys.exit(128 + int(stopped.sigval))
`;

/** Longest stderr kept to explain a failure. */
const stderrTailChars = 4000;

/** One run of the script; `result` settles once, after every process of it has ended and its folder is gone. */
export class PytorchRun {
  readonly result: Promise<PytorchRunResult>;
  private readonly child: ChildProcess;
  private readonly folder: string;
  private ended = false;
  /** Whether the script has said it is ready (its signal handlers are in place in every process). */
  private started = false;
  /** A stop asked for before then, sent when it is. */
  private deferredStop: 'SIGINT' | 'SIGTERM' | undefined;
  /** A command line that quits at once (a second Ctrl-C) must not leave Python training on, nor its folder behind. */
  private readonly killOnExit = (): void => {
    this.signalGroup('SIGKILL');
    rmSync(this.folder, { recursive: true, force: true });
  };

  constructor(job: PytorchJob, options: PytorchRunOptions, listener: PytorchRunListener = {}) {
    this.folder = mkdtempSync(join(tmpdir(), 'nngraph-pytorch-'));
    try {
      this.child = this.startIn(job, options);
    } catch (error) {
      rmSync(this.folder, { recursive: true, force: true });
      throw error;
    }
    process.on('exit', this.killOnExit);
    this.result = this.follow(options, listener);
  }

  private startIn(job: PytorchJob, options: PytorchRunOptions): ChildProcess {
    const write = (name: string, data: string | Uint8Array): string => {
      const path = join(this.folder, name);
      writeFileSync(path, data, { mode: 0o600 });
      return path;
    };
    const script = write('train.py', job.script);
    for (const file of job.files) write(file.name, file.text);
    const args = ['--epochs', String(job.epochs), '--json', '--progress', '--device', options.device ?? 'auto'];
    if (job.initialWeights !== undefined) args.push('--init-weights', write('init.safetensors', job.initialWeights));
    if (options.wantWeights) args.push('--save-weights', join(this.folder, 'trained.safetensors'));
    const command = options.processes > 1
      ? ['-c', TORCHRUN_LAUNCHER, '--standalone', '--nproc_per_node', String(options.processes), script, ...args]
      : [script, ...args];
    // Its own process group (detached), so that a stop reaches torchrun and every rank, and the terminal's Ctrl-C
    // reaches only us: we pass it on once.
    return spawn(options.python, command, {
      cwd: this.folder, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONUNBUFFERED: '1' },
    });
  }

  private follow(options: PytorchRunOptions, listener: PytorchRunListener): Promise<PytorchRunResult> {
    const epochs: EpochReport[] = [];
    let lastBatch: BatchReport | undefined;
    let summary: ScriptSummary | undefined;
    let stderr = '';
    let pending = '';
    const onLine = (text: string): void => {
      const line = parseScriptLine(text, lastBatch);
      switch (line?.kind) {
        case 'run':
          this.started = true;
          if (this.deferredStop !== undefined) this.signalGroup(this.deferredStop);
          listener.onStarted?.(line.info);
          break;
        case 'batch': lastBatch = line.report; listener.onBatch?.(line.report); break;
        case 'epoch': epochs.push(line.report); listener.onEpoch?.(line.report); break;
        case 'summary': summary = line.summary; break;
        case undefined: break;
      }
    };
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        onLine(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    });
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-stderrTailChars);
    });
    return new Promise((resolve) => {
      let spawnError: Error | undefined;
      const settle = (code: number | null, signal: NodeJS.Signals | null): void => {
        if (this.ended) return;
        if (pending !== '') onLine(pending);
        this.ended = true;
        process.off('exit', this.killOnExit);
        const weightsPath = join(this.folder, 'trained.safetensors');
        const weights = options.wantWeights && summary !== undefined && existsSync(weightsPath)
          ? new Uint8Array(readFileSync(weightsPath)) : undefined;
        rmSync(this.folder, { recursive: true, force: true });
        const stepsRun = summary?.steps ?? lastBatch?.globalStep ?? 0;
        if (summary !== undefined) {
          resolve({ status: summary.stop, summary, weights, epochs, stepsRun });
          return;
        }
        const how = spawnError !== undefined ? spawnError.message
          : signal !== null ? `it was ended by ${signal}` : `it exited with code ${String(code)}`;
        const tail = stderr.trim();
        resolve({ status: 'failed', epochs, stepsRun, message: tail !== '' ? `${how}:\n${tail}` : how });
      };
      this.child.on('error', (error) => {
        spawnError = error;
        // A process that never started has no 'close' to wait for.
        if (this.child.pid === undefined) settle(null, null);
      });
      // 'close' waits for stdout and stderr, which torchrun's processes share: it comes when the last of them ends.
      this.child.on('close', settle);
    });
  }

  /** Asks every process of the run to stop after its current batch; rank 0 then saves and prints the summary. */
  stop(signal: 'SIGINT' | 'SIGTERM' = 'SIGINT'): void {
    // Before its first line Python may still be starting, where a signal would end it without saving.
    if (this.started) this.signalGroup(signal);
    else this.deferredStop ??= signal;
  }

  /** Ends every process of the run at once (nothing is saved). */
  kill(): void {
    this.signalGroup('SIGKILL');
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined || this.ended) return;
    try {
      // Windows has no process groups or SIGINT for a child: there the launcher alone is ended (no save on Stop).
      if (process.platform === 'win32') this.child.kill(signal);
      else process.kill(-pid, signal);
    } catch {
      // The group has already gone.
    }
  }
}
