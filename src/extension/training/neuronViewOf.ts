// The worker's neuron grids as the training panel receives them: float32 arrays as little-endian base64, kernels as
// plain numbers (at most 16 × 16 per layer), or the sentence saying why the run has no neuron view.
import type { WorkerToHostMessage } from '../../protocol/workerMessages';
import { encodeFloat32, type NeuronView } from '../../protocol/neuronView';

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function neuronViewOf(message: Extract<WorkerToHostMessage, { type: 'neurons' }>): NeuronView {
  const { grids } = message;
  if (grids === undefined) return { kind: 'unavailable', reason: message.unavailable ?? 'The neuron view is not available for this run.' };
  return {
    kind: 'grids', gridSize: grids.gridSize, xMin: grids.xMin, xMax: grids.xMax, yMin: grids.yMin, yMax: grids.yMax,
    globalStep: grids.globalStep, inputNames: grids.inputNames, inputs: encodeFloat32(grids.inputs, base64),
    layers: grids.layers.map((layer) => ({
      nodeId: layer.nodeId, units: layer.units, activation: layer.activation, probabilities: layer.probabilities,
      activations: encodeFloat32(layer.activations, base64), kernel: Array.from(layer.kernel),
    })),
  };
}
