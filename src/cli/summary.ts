// `nngraph summary FILE`: the Keras-like table of layers, output shapes and parameter counts.
import { formatSummaryTable } from '../graph/index';
import type { DataOptions } from './data';
import { CliError } from './errors';
import { checkGraphFile } from './graphFile';
import type { Output } from './output';

export async function runSummary(file: string, output: Output, dataOptions: DataOptions): Promise<number> {
  const checked = await checkGraphFile(file, output, dataOptions);
  const { summary, graph } = checked.analysis;
  if (checked.errorCount > 0 || !summary) {
    throw new CliError(`${file}: the graph has errors, so it has no summary`);
  }
  output.out(formatSummaryTable(summary, graph?.name ?? file));
  return 0;
}
