// A training run: the core's one owner of data, split, program, weights and loop.
export { createRun } from './run';
export type { NonFiniteStop, Run, RunEvent, RunOptions } from './run';
export { trainRun } from './trainLoop';
export type { TrainHooks, TrainResult } from './trainLoop';
export { epochLine, formatDuration, formatMetrics, thousands } from './report';
export { splitRows, validationCountOf } from './split';
export type { RowSplit } from './split';
export { prepareRunData } from './runData';
export type { RunData } from './runData';
