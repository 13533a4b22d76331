// A model that scales its raw input first ((x − offset) / scale, as NN Graph's ONNX export writes the training rows'
// normalization) keeps computing the same function when the scaling moves into the dense layers that read the
// features: x_n · W + b = x · (W / scale per row) + (b − (offset / scale) · W). The graph then reads raw features
// (`normalize: "none"`), which is right for a model whose statistics no dataset of the graph can reproduce.
import { ModelImportError, type ImportedLayer, type ImportedModel } from './importedModel';

type Dense = Extract<ImportedLayer, { kind: 'dense' }>;

function foldInto(layer: Dense, offset: Float32Array, scale: Float32Array, source: string): Dense {
  const { units } = layer;
  if (!layer.kernel) throw new ModelImportError(`${source}: the input scaling cannot be folded into a dense layer whose weights the model does not hold`);
  const rows = offset.length;
  const kernel = new Float32Array(layer.kernel.length);
  const bias = new Float64Array(units);
  if (layer.bias) for (let u = 0; u < units; u++) bias[u] = layer.bias[u];
  for (let r = 0; r < rows; r++) {
    for (let u = 0; u < units; u++) {
      const weight = layer.kernel[r * units + u];
      kernel[r * units + u] = weight / scale[r];
      bias[u] -= (offset[r] / scale[r]) * weight;
    }
  }
  return { kind: 'dense', units, kernel, bias: Float32Array.from(bias) };
}

/** The same model without `normalization`, the scaling folded into every dense layer that reads the features. */
export function foldNormalization(model: ImportedModel, notes: string[]): ImportedModel {
  const { normalization } = model;
  if (!normalization) return model;
  const readers = model.steps.filter((step) => step.inputs.includes(0));
  const blocker = readers.find((step) => step.layer.kind !== 'dense');
  if (blocker) {
    throw new ModelImportError(`${model.source}: the model scales its input ((x − offset) / scale, a Sub and a Div) and feeds the result to `
      + `${JSON.stringify(blocker.sourceName)} (${blocker.layer.kind}), so the scaling cannot be folded into weights; name the dataset the model `
      + 'was trained on (--dataset), whose training rows give these statistics, so the graph can normalize as the model does');
  }
  const steps = model.steps.map((step) => (step.inputs.includes(0) && step.layer.kind === 'dense'
    ? { ...step, layer: foldInto(step.layer, normalization.offset, normalization.scale, model.source) }
    : step));
  notes.push(`the model scales its input (Sub/Div, ${model.featureWidth} features) with statistics no named dataset reproduces, so the scaling `
    + `is folded into the weights of ${readers.map((step) => JSON.stringify(step.sourceName)).join(', ')} and the graph reads raw features (normalize: "none")`);
  const { normalization: _dropped, ...rest } = model;
  return { ...rest, steps };
}
