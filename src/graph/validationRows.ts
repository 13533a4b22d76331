// A warning only the data can raise: with `shuffle: false` the validation rows are the file's last ones
// (docs/nngraph-format.md), so a CSV sorted by class validates on a single class, and val_accuracy then says nothing
// about the others. The dataset description counts how many rows at the end of the file share the last row's class.
import { type TrainingConfig } from '../core/index';
import { validationCountOf } from '../core/pure';
import type { Reporter } from './checks';
import type { GraphStructure } from './structure';
import type { DatasetInfo } from './types';

export function checkValidationRows(reporter: Reporter, structure: GraphStructure, training: TrainingConfig, info: DatasetInfo | undefined): void {
  const input = structure.inputNode;
  if (input === undefined || info === undefined || training.shuffle || info.classCount < 2) return;
  const { sampleCount, lastClassRun } = info;
  if (sampleCount === undefined || lastClassRun === undefined) return;
  const validationCount = validationCountOf(sampleCount, training.validationSplit);
  if (validationCount === 0 || lastClassRun < validationCount) return;
  const nodePath = structure.nodePathById.get(input.id);
  if (nodePath === undefined) return;
  reporter.report('NG044',
    `With "shuffle": false the validation rows are the last ${validationCount} of the ${sampleCount} rows, and they all hold the same class ` +
    '(is the file sorted by class?): validation then measures one class only. Shuffle the rows of the file, or set "shuffle": true.',
    [...nodePath, 'params', 'dataset'], { nodeId: input.id, field: 'params.dataset' });
}
