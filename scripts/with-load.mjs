// `node scripts/with-load.mjs [--busy N] -- COMMAND ARGS...`: runs COMMAND while N processes (default 2, one per core
// on the project's machines) spin on the CPU, then stops them. It is how the UI suite is shown to hold on a busy
// machine: `npm run test:e2e:loaded` = this around `npm run test:e2e`.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const split = args.indexOf('--');
const options = split >= 0 ? args.slice(0, split) : [];
const command = split >= 0 ? args.slice(split + 1) : args;
const busyIndex = options.indexOf('--busy');
const busyCount = busyIndex >= 0 ? Number(options[busyIndex + 1]) : 2;
if (command.length === 0 || !Number.isInteger(busyCount) || busyCount < 0) {
  console.error('usage: node scripts/with-load.mjs [--busy N] -- COMMAND [ARGS...]');
  process.exit(2);
}

// Each spinner stops by itself after two hours, so a crash of this script cannot leave the machine busy for good.
const spin = 'const end = Date.now() + 7_200_000; while (Date.now() < end) { for (let i = 0; i < 1e6; i++); }';
const spinners = Array.from({ length: busyCount }, () => spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }));
console.log(`[load] ${busyCount} busy process(es) running beside: ${command.join(' ')}`);
const stopSpinners = () => { for (const spinner of spinners) spinner.kill('SIGKILL'); };
process.on('exit', stopSpinners);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { stopSpinners(); process.exit(130); });

const child = spawn(command[0], command.slice(1), { stdio: 'inherit' });
child.on('exit', (code, signal) => {
  stopSpinners();
  console.log(`[load] done: ${command.join(' ')} exited with ${code ?? signal}`);
  process.exit(code ?? 1);
});
