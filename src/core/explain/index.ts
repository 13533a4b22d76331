// Explain mode's math: one sample's forward and backward pass with every piece a teacher would show.
export { explainSample } from './explain';
export { explanationJson, nestedArray, type ExplanationJson, type ExplainedNodeJson, type ExplanationContext } from './json';
export { CHECK_STEP, DEFAULT_CHECKS_PER_TENSOR } from './numericCheck';
export type * from './types';
