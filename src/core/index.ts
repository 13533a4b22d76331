// The training core's public surface: the only module other parts import. Keep it a flat list of exports.
export * from './types';
export * from './kernels/types';
export type { FloatArray } from './tensor';
export { Random, RandomStream } from './random';
export { createJsBackend } from './kernels/js';
export { createBackend, wasmUnavailableReason, type BackendOptions, type BackendPreference } from './kernels/index';
export { createProgram } from './program/program';
export type { ProgramOptions, StepResult, TrainingProgram } from './program/types';
export { train } from './train';
export type { TrainHooks, TrainResult } from './train';
export { createTrainerState } from './trainer';
export type { TrainerEvent, TrainerState } from './trainer';
export { confusionMatrix, countCorrect, hasAccuracy } from './metrics';
export { EPSILON } from './losses';
export { checkBackendGemm } from './kernels/checkBackend';
export { matchWeights, readSafetensors, writeSafetensors, WeightsError, type SafetensorsContents } from './weights';
// The data sets' pure parts (generated and shipped sets, CSV text, labels, normalization, the split); reading files
// from disk is Node-only and lives in ./node.ts, so that the webviews can bundle this index.
export * from './datasets/index';
