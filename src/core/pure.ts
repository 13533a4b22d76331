// The core's browser-safe surface: what the graph layer runs in the webviews too (checks that price a model, the CSV
// path text rule, how many rows validation takes). index.ts also carries the kernels, which read files and start
// threads with Node, so code bundled for a browser imports from here instead.
export { csvPathProblem } from './datasets/csvPath';
export { describeMemoryExcess } from './program/memory';
export { optimizerSlotCount } from './optimizers/slots';
export { validationCountOf } from './run/split';
export { EPSILON } from './losses';
export { FEATURE_GROUPS, featureGroupWidth, featuresWidth } from './ops/features';
export { maxNeuronUnits } from './neurons';
