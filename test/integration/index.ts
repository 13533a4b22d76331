// Entry of the integration suite (bundled to dist/test/index.js): VS Code loads it in the extension host as
// `extensionTestsPath` and calls run(). The same file serves both runners:
//   - here, under code-server: test/e2e/runIntegration.mjs (part of `npm run test:e2e`);
//   - on a desktop with VS Code: test/integration/runElectron.mjs (`npm run test:vscode`).
// It always prints one final line `MOCHA_DONE failures=N passes=M`; under code-server the extension host's console reaches
// the browser page, which is where the runner reads it.
import type MochaType from 'mocha';
import { defineActivationTests } from './activation.suite';
import { defineCustomEditorTests } from './customEditor.suite';

// mocha 12's package root is an ES module; its CommonJS build is what a bundled extension-host script can require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha = require('mocha/lib/mocha.cjs') as typeof MochaType;

/** Marks the suite's own lines among everything else the extension host logs (the code-server runner keeps them). */
const LINE_PREFIX = '[nngraph-test] ';

function say(text: string): void {
  for (const line of text.split('\n')) console.log(LINE_PREFIX + line);
}

/**
 * Mocha's built-in reporters print with format strings (`%s`, `%d`) that arrive mangled in the browser console, so
 * this one logs finished lines: suite titles, one line per test, and the error of each failure.
 */
class PlainReporter extends Mocha.reporters.Base {
  constructor(runner: MochaType.Runner, options?: MochaType.MochaOptions) {
    super(runner, options);
    const { EVENT_SUITE_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;
    runner.on(EVENT_SUITE_BEGIN, (suite: MochaType.Suite) => { if (suite.title) say(suite.fullTitle()); });
    runner.on(EVENT_TEST_PASS, (test: MochaType.Test) => say(`  ok ${test.title} (${test.duration ?? 0} ms)`));
    runner.on(EVENT_TEST_PENDING, (test: MochaType.Test) => say(`  skipped ${test.title}`));
    runner.on(EVENT_TEST_FAIL, (test: MochaType.Test, error: Error) => {
      say(`  FAILED ${test.title}\n${error.stack ?? error.message}`);
    });
  }
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: PlainReporter });
  // The suites are bundled into this file rather than loaded from disk, so the tdd globals (suite, test, setup)
  // are installed by hand before the suites are defined.
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'nngraph-integration', mocha);
  defineActivationTests();
  defineCustomEditorTests();

  const { failures, passes } = await new Promise<{ failures: number; passes: number }>((resolve) => {
    const runner = mocha.run((failureCount) => resolve({ failures: failureCount, passes: runner.stats?.passes ?? 0 }));
  });
  say(`MOCHA_DONE failures=${failures} passes=${passes}`);
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
