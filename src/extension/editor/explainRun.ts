// Explain mode on the host, free of vscode so a unit test drives it in plain Node: one sample of a prepared Run (the
// same run Train builds, so the row and its scaling are what training reads) through src/core/explain, with the
// weights edited by hand applied to a copy, and the result as the protocol's plain-number view.
import {
  explainSample, type Explanation, type LossPieces, type NamedTensor, type Run,
} from '../../core/index';
import type { ExplainSample, ExplanationView, LossPiecesView, WeightOverride } from '../../protocol/explainMessages';
import { explainPlotOf } from './explainPlot';

/** What a Run does not know about itself: the graph's input node, and where its weights came from, in words. */
export interface ExplainRunContext {
  run: Run;
  inputNodeId: string;
  weightsSource: string;
  weightsNote?: string;
}

/** An explanation, or a sentence saying why not (a row past the end, typed values of the wrong width…). */
export type ExplainOutcome = { ok: true; explanation: ExplanationView } | { ok: false; message: string };

export function explainWithRun(context: ExplainRunContext, sample: ExplainSample, overrides: readonly WeightOverride[]): ExplainOutcome {
  const { run } = context;
  const { dataset, raw } = run.data;
  const { featureCount, labelWidth } = dataset;
  let features: Float32Array;
  let rawFeatures: Float32Array;
  let labels: Float32Array;
  if (sample.kind === 'row') {
    if (sample.row >= dataset.sampleCount) {
      const rows = dataset.sampleCount === 0 ? 'no rows' : `${dataset.sampleCount} rows (0 to ${dataset.sampleCount - 1})`;
      return { ok: false, message: `Row ${sample.row} is past the end of the data set, which has ${rows}.` };
    }
    features = dataset.features.slice(sample.row * featureCount, (sample.row + 1) * featureCount);
    rawFeatures = raw.features.slice(sample.row * featureCount, (sample.row + 1) * featureCount);
    labels = dataset.labels.slice(sample.row * labelWidth, (sample.row + 1) * labelWidth);
  } else {
    if (sample.features.length !== featureCount) {
      return { ok: false, message: `The model reads ${featureCount} feature(s); ${sample.features.length} were typed.` };
    }
    const labelProblem = typedLabelProblem(run, sample.label);
    if (labelProblem) return { ok: false, message: labelProblem };
    rawFeatures = Float32Array.from(sample.features);
    features = run.scaleFeatures(Float32Array.from(sample.features));
    labels = Float32Array.from(sample.label);
  }
  const weights = run.program.getWeights();
  const overrideProblem = applyOverrides(weights, overrides);
  if (overrideProblem) return { ok: false, message: overrideProblem };
  let explanation: Explanation;
  try {
    explanation = explainSample({ spec: run.program.spec, weights, inputNodeId: context.inputNodeId, features, labels });
  } catch (error) {
    return { ok: false, message: `This sample cannot be explained: ${error instanceof Error ? error.message : String(error)}` };
  }
  const plot = explainPlotOf(run, overrides.length > 0 ? weights : undefined);
  return {
    ok: true,
    explanation: {
      sample, rowCount: dataset.sampleCount, ...(plot ? { plot } : {}),
      ...(dataset.featureNames ? { featureNames: dataset.featureNames } : {}),
      ...(dataset.classNames ? { classNames: dataset.classNames } : {}),
      rawFeatures: plain(rawFeatures), features: plain(features), label: plain(labels), loss: finiteOrNull(explanation.loss),
      weightsSource: context.weightsSource, ...(context.weightsNote ? { weightsNote: context.weightsNote } : {}),
      overrides: [...overrides],
      ...explanationParts(explanation, weights),
    },
  };
}

function typedLabelProblem(run: Run, label: readonly number[]): string | undefined {
  const { labelWidth, labelKind, classCount } = run.data.dataset;
  if (label.length !== labelWidth) return `The model's label has ${labelWidth} value(s); ${label.length} were typed.`;
  if (labelKind === 'index' && (!Number.isInteger(label[0]) || label[0] < 0 || label[0] >= classCount)) {
    return `The label is a class number from 0 to ${classCount - 1}; ${label[0]} is not one.`;
  }
  return undefined;
}

/** Sets each hand-edited weight on the copy `weights` (getWeights returns copies); says which one does not exist. */
function applyOverrides(weights: NamedTensor[], overrides: readonly WeightOverride[]): string | undefined {
  for (const override of overrides) {
    const tensor = weights.find((candidate) => candidate.name === `${override.nodeId}.${override.tensor}`);
    if (!tensor) return `The node '${override.nodeId}' has no ${override.tensor}: only dense nodes have weights.`;
    if (override.index >= tensor.data.length) {
      return `The ${override.tensor} of '${override.nodeId}' has ${tensor.data.length} entries; entry ${override.index} does not exist.`;
    }
    tensor.data[override.index] = override.value;
  }
  return undefined;
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

function plain(values: ArrayLike<number>): (number | null)[] {
  return Array.from(values, finiteOrNull);
}

/** A flat row-major [rows, columns] array as rows. */
function rowsOf(flat: Float32Array | Float64Array, columns: number): (number | null)[][] {
  const rows: (number | null)[][] = [];
  for (let start = 0; start < flat.length; start += columns) rows.push(plain(flat.subarray(start, start + columns)));
  return rows;
}

function explanationParts(explanation: Explanation, weights: readonly NamedTensor[]): Pick<ExplanationView, 'nodes' | 'lossPieces' | 'dense' | 'activations' | 'checks'> {
  const tensorNamed = (name: string): NamedTensor | undefined => weights.find((tensor) => tensor.name === name);
  return {
    nodes: explanation.nodes.map((node) => {
      const view: ExplanationView['nodes'][number] = { nodeId: node.nodeId, role: node.role, output: plain(node.output), outputGrad: plain(node.outputGrad) };
      const kernel = tensorNamed(`${node.nodeId}.kernel`);
      if (node.paramGrads && kernel) {
        const units = node.paramGrads.kernelShape[1];
        const bias = tensorNamed(`${node.nodeId}.bias`);
        view.dense = {
          kernel: rowsOf(kernel.data, units), bias: bias ? plain(bias.data) : null,
          kernelGrad: rowsOf(node.paramGrads.kernel, units), biasGrad: node.paramGrads.bias ? plain(node.paramGrads.bias) : null,
        };
      }
      return view;
    }),
    lossPieces: lossPiecesView(explanation.lossPieces),
    dense: explanation.dense.map((chain) => ({
      nodeId: chain.nodeId, inputNodeId: chain.inputNodeId, input: plain(chain.input), outputGrad: plain(chain.outputGrad), inputGrad: plain(chain.inputGrad),
    })),
    activations: explanation.activations.map((chain) => ({
      nodeId: chain.nodeId, fn: chain.fn, inputNodeId: chain.inputNodeId, input: plain(chain.input),
      derivative: chain.derivative ? plain(chain.derivative) : null, inputGrad: plain(chain.inputGrad),
    })),
    checks: explanation.checks.map((check) => ({
      nodeId: check.nodeId, tensor: check.tensor, step: check.step, size: check.size, maxAbsoluteError: finiteOrNull(check.maxAbsoluteError),
      entries: check.entries.map((entry) => ({ index: entry.index, analytic: finiteOrNull(entry.analytic), numeric: finiteOrNull(entry.numeric) })),
    })),
  };
}

function lossPiecesView(pieces: LossPieces): LossPiecesView {
  if (pieces.kind === 'mse') {
    return { kind: 'mse', predictions: plain(pieces.predictions), labels: plain(pieces.labels), terms: plain(pieces.terms), predictionGrad: plain(pieces.predictionGrad) };
  }
  return {
    kind: pieces.kind, fromLogits: pieces.fromLogits, activation: pieces.activation,
    ...(pieces.activationNodeId !== undefined ? { activationNodeId: pieces.activationNodeId } : {}),
    logits: pieces.logits ? plain(pieces.logits) : null, probabilities: plain(pieces.probabilities), labels: plain(pieces.labels),
    ...(pieces.trueClass ? {
      trueClass: {
        index: pieces.trueClass.index, probability: finiteOrNull(pieces.trueClass.probability),
        negativeLogProbability: finiteOrNull(pieces.trueClass.negativeLogProbability),
      },
    } : {}),
    terms: plain(pieces.terms), probabilityGrad: plain(pieces.probabilityGrad),
    logitGrad: pieces.logitGrad ? plain(pieces.logitGrad) : null, logitGradByChainRule: plain(pieces.logitGradByChainRule),
    tutorialGrad: plain(pieces.tutorialGrad), tutorialLogitGrad: plain(pieces.tutorialLogitGrad),
  };
}
