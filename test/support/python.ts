// Finds the Python that the PyTorch comparisons run with. The tests never skip: CI installs Debian's python3-torch
// (for /usr/bin/python3), and a machine without it gets a failure that says what to install.
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding safetensors_torch.py, for PYTHONPATH. */
export const pythonSupportDir = dirname(fileURLToPath(import.meta.url));

const candidates = [process.env.NNGRAPH_TEST_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);

function canImport(python: string, modules: string): boolean {
  return spawnSync(python, ['-c', `import ${modules}`], { stdio: 'ignore' }).status === 0;
}

let cached: string | undefined;

/** A python3 that can import torch and numpy; throws with the install command when there is none. */
export function torchPython(): string {
  if (cached) return cached;
  const found = candidates.find((python) => canImport(python, 'torch, numpy'));
  if (!found) {
    throw new Error(`no Python with PyTorch and NumPy (tried ${candidates.join(', ')}): ` +
      "install Debian's python3-torch and python3-numpy (apt-get install python3-torch python3-numpy), " +
      'or point NNGRAPH_TEST_PYTHON at a python3 that has them');
  }
  cached = found;
  return found;
}

/** Runs a Python script with torch, in cwd, with safetensors_torch importable. */
export function runTorchScript(script: string, cwd: string, args: string[] = []): { ok: boolean; stdout: string; stderr: string } {
  const run = spawnSync(torchPython(), ['-c', script, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: [pythonSupportDir, process.env.PYTHONPATH].filter(Boolean).join(':') },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ok: run.status === 0, stdout: run.stdout ?? '', stderr: run.stderr ?? String(run.error ?? '') };
}

