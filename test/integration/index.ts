// Entry of the integration suite (bundled to dist/test/index.js): VS Code loads it in the extension host as
// `extensionTestsPath` and calls run(). The same file serves both runners:
//   - here, under code-server: test/e2e/runIntegration.mjs (part of `npm run test:e2e`);
//   - on a desktop with VS Code: test/integration/runElectron.mjs (`npm run test:vscode`).
// It always prints one final line `MOCHA_DONE failures=N`; under code-server the extension host's console reaches
// the browser page, which is where the runner reads it.
import type MochaType from 'mocha';
import { defineActivationTests } from './activation.suite';
import { defineCustomEditorTests } from './customEditor.suite';

// mocha 12's package root is an ES module; its CommonJS build is what a bundled extension-host script can require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha = require('mocha/lib/mocha.cjs') as typeof MochaType;

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  // The suites are bundled into this file rather than loaded from disk, so the tdd globals (suite, test, setup)
  // are installed by hand before the suites are defined.
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'nngraph-integration', mocha);
  defineActivationTests();
  defineCustomEditorTests();

  const failures = await new Promise<number>((resolve) => {
    mocha.run((failureCount) => resolve(failureCount));
  });
  console.log(`MOCHA_DONE failures=${failures}`);
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
