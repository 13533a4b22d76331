// The memory a graph would need to train, priced from its shapes with the core's own table of buffers, before any
// program exists: over the budget it is an error on the largest layer (NG042), so the Problems panel, `nngraph
// check` and Train all refuse it with its size instead of freezing the machine or failing deep in an allocation.
import { type BufferPlan, type TrainingConfig } from '../core/index';
import { describeMemoryExcess, optimizerSlotCount } from '../core/pure';
import type { Reporter } from './checks';
import { nodesOnPath } from './trainable';
import { nodeCost } from './cost';
import { widthOf } from './nodeTypes';
import { labelWidthOf, type PortShapes } from './shapes';
import type { GraphStructure } from './structure';
import type { DatasetInfo, GraphNode } from './types';

/** Reports NG042 when the model would not fit; silent while any width is unknown (other checks say why). */
export function checkModelSize(
  reporter: Reporter, structure: GraphStructure, shapes: PortShapes, training: TrainingConfig, info: DatasetInfo | undefined,
): void {
  const plan = planOf(structure, shapes, training, info);
  if (plan === undefined) return;
  const excess = describeMemoryExcess(plan.buffers, training.batchSize);
  if (excess === undefined) return;
  const node = plan.largestDense ?? structure.inputNode;
  const nodePath = node !== undefined ? structure.nodePathById.get(node.id) : undefined;
  if (node === plan.largestDense && node !== undefined && nodePath !== undefined) {
    reporter.report('NG042', excess, [...nodePath, 'params', 'units'], { nodeId: node.id, field: 'params.units' });
  } else {
    reporter.report('NG042', excess, ['training', 'batchSize'], { field: 'training.batchSize' });
  }
}

interface PricedPlan { buffers: BufferPlan; largestDense?: GraphNode }

/**
 * Every layer node is counted as an op, including a sigmoid/softmax the compiler folds into the loss: at most one
 * value width too many, so the estimate errs on the safe side by a few kilobytes.
 */
function planOf(structure: GraphStructure, shapes: PortShapes, training: TrainingConfig, info: DatasetInfo | undefined): PricedPlan | undefined {
  const input = structure.inputNode;
  const loss = structure.lossNode;
  if (input === undefined || loss === undefined || info === undefined) return undefined;
  const sourceWidth = (nodeId: string, port: string): number | null => {
    const wire = structure.incoming.get(nodeId)?.get(port);
    return wire === undefined ? null : widthOf(shapes.of(wire.from.nodeId, wire.from.port));
  };
  const valueWidths: number[] = [info.featureCount];
  const dropoutWidths: number[] = [];
  let paramCount = 0;
  let largestDense: GraphNode | undefined;
  let largestParams = -1;
  // Priced as compiled: a node off the path to the loss (a branch that feeds nothing) gets no buffers.
  const onPath = nodesOnPath(structure);
  for (const id of structure.order) {
    const node = structure.nodesById.get(id);
    if (node === undefined || node === input || node === loss || !onPath.has(id)) continue;
    const width = widthOf(shapes.of(id, 'out'));
    if (width === null) return undefined;
    valueWidths.push(width);
    dropoutWidths.push(node.type === 'dropout' ? width : 0);
    if (node.type !== 'dense') continue;
    const params = nodeCost(node, (nodeId, port) => shapes.of(nodeId, port))?.params;
    if (params === undefined) return undefined;
    paramCount += params;
    if (params > largestParams) {
      largestParams = params;
      largestDense = node;
    }
  }
  const predictionWidth = sourceWidth(loss.id, 'predictions');
  if (predictionWidth === null) return undefined;
  const buffers: BufferPlan = {
    valueWidths, paramCount, labelWidth: labelWidthOf(info), predictionWidth, dropoutWidths,
    optimizerSlots: optimizerSlotCount(training.optimizer),
  };
  return { buffers, largestDense };
}
