// The training core's public surface: the only module other parts import. Keep it a flat list of exports.
export * from './types';
export * from './kernels/types';
export type { FloatArray } from './tensor';
export { Random, RandomStream } from './random';
export { createJsBackend } from './kernels/js';
export { createBackend, wasmUnavailableReason, type BackendOptions, type BackendPreference } from './kernels/index';
export { createProgram } from './program/program';
export type { ProgramOptions, SampleEvaluation, StepResult, TrainingProgram } from './program/types';
export * from './run/index';
export { confusionMatrix, countCorrect, hasAccuracy, predictedClass } from './metrics';
export { EPSILON } from './losses';
export { FEATURE_GROUPS, featureGroupWidth, featuresWidth } from './ops/features';
export { checkBackendGemm } from './kernels/checkBackend';
export { lastFiniteWeights } from './finiteWeights';
export { bufferPlanOf, type BufferPlan } from './program/layout';
export { describeMemoryExcess, formatBytes, memoryBudgetBytes, programMemoryBytes } from './program/memory';
export { optimizerSlotCount } from './optimizers/index';
export { matchWeights, readSafetensors, writeSafetensors, WeightsError, type SafetensorsContents } from './weights';
// The data sets' pure parts (generated and shipped sets, CSV text, labels, normalization, the split); reading files
// from disk is Node-only and lives in ./node.ts, so that the webviews can bundle this index.
export * from './datasets/index';
export type { CsvFileRequest } from './datasets/csvFile';
// Explain mode: one sample's forward and backward pass in float64 with the pieces a teacher shows.
export * from './explain/index';
// The neuron view: per-unit activations over the input plane of a plain stack of small dense layers.
export { maxNeuronUnits, neuronActivations, neuronLayout, type NeuronLayer, type NeuronLayerValues, type NeuronLayout } from './neurons';
