// Finds a Python that can `import torch`: the first `python3` on PATH, then Debian's /usr/bin/python3 (which has
// python3-torch where the one on PATH, e.g. pyenv's, may not). Tests that compare with PyTorch must run, never skip:
// without one this throws, saying what to install.
import { spawnSync } from 'node:child_process';

export function torchPython(): string {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    if (spawnSync(candidate, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0) return candidate;
  }
  throw new Error('no python3 here can import torch; install Debian\'s python3-torch (apt-get install python3-torch)');
}
