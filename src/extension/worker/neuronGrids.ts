// The neuron view of a run: every small dense layer's units over the decision boundary's plane, computed by the
// core (neurons.ts) from the run's current weights and posted at most every `intervalMs` while training, and after
// each pause or end. Its clock is its own, so a change to how often progress is reported leaves it as it is.
import { neuronActivations, neuronLayout, type NeuronLayer, type Run } from '../../core/index';
import type { NeuronGrids, WorkerStartMessage, WorkerToHostMessage } from '../../protocol/workerMessages';
import { featureExtent, gridFeatures, type Extent } from './boundaryGrid';

type Post = (message: WorkerToHostMessage, transfer?: ArrayBuffer[]) => void;

export class NeuronGridStream {
  private lastPostedAt = -Infinity;

  private constructor(
    private readonly run: Run, private readonly runId: number, private readonly post: Post, private readonly now: () => number,
    private readonly gridSize: number, private readonly intervalMs: number, private readonly extent: Extent,
    private readonly layers: readonly NeuronLayer[],
    /** The grid's cell centres, scaled as the model's inputs are. */
    private readonly gridInputs: Float32Array,
    private readonly inputNames: [string, string],
  ) {}

  /**
   * Undefined unless the host asked for the view and the program has one; when it has none, the reason is posted
   * once, so the panel can say it.
   */
  static create(run: Run, start: WorkerStartMessage, post: Post, now: () => number): NeuronGridStream | undefined {
    const request = start.neurons;
    if (request === undefined) return undefined;
    const layout = neuronLayout(run.program.spec);
    if (!layout.ok) {
      post({ type: 'neurons', runId: start.runId, unavailable: layout.reason });
      return undefined;
    }
    const { raw } = run.data;
    const extent = featureExtent(raw.features, raw.sampleCount);
    const gridInputs = run.scaleFeatures(gridFeatures(extent, request.gridSize));
    const names = run.data.dataset.featureNames;
    const inputNames: [string, string] = names !== undefined && names.length === 2 ? [names[0], names[1]] : ['x₁', 'x₂'];
    return new NeuronGridStream(run, start.runId, post, now, request.gridSize, request.intervalMs, extent, layout.layers, gridInputs, inputNames);
  }

  due(): boolean {
    return this.now() - this.lastPostedAt >= this.intervalMs;
  }

  postGrids(globalStep: number): void {
    this.lastPostedAt = this.now();
    const cellCount = this.gridSize * this.gridSize;
    const { spec } = this.run.program;
    const values = neuronActivations(spec, this.layers, this.run.program.getWeights(), this.gridInputs, cellCount);
    const inputs = this.gridInputs.slice();
    const grids: NeuronGrids = {
      gridSize: this.gridSize, ...this.extent, globalStep, inputNames: this.inputNames, inputs,
      layers: this.layers.map((layer, i) => ({
        nodeId: layer.nodeId, units: layer.units, activation: layer.activation, probabilities: layer.probabilities,
        activations: values[i].activations, kernel: values[i].kernel,
      })),
    };
    const transfer = [inputs.buffer, ...values.flatMap((layer) => [layer.activations.buffer, layer.kernel.buffer])];
    this.post({ type: 'neurons', runId: this.runId, grids }, transfer as ArrayBuffer[]);
  }
}
