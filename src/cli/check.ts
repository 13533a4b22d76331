// `nngraph check FILE...`: every problem of every file, one line each; exit 1 if any is an error.
import type { DataOptions } from './data';
import { CliError } from './errors';
import { checkGraphFile } from './graphFile';
import type { Output } from './output';

export async function runCheck(files: readonly string[], output: Output, dataOptions: DataOptions): Promise<number> {
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    try {
      const checked = await checkGraphFile(file, output, dataOptions);
      errors += checked.errorCount;
      warnings += checked.warningCount;
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      output.err(error.message);
      errors++;
    }
  }
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  output.err(`Checked ${plural(files.length, 'file')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`);
  return errors > 0 ? 1 : 0;
}
