// Checks that a ProgramSpec is internally consistent before any buffer is planned. The graph compiler produces valid
// specs; this catches hand-written or stale ones with a message that names the node and the field.
import type { OpSpec, ProgramSpec, ValueRef } from '../types';
import { FEATURE_GROUPS, featuresWidth } from '../ops/features';

/** Throws an Error naming the node and what is wrong. */
export function checkProgramSpec(spec: ProgramSpec): void {
  const widths = spec.valueWidths;
  if (widths.length !== spec.ops.length + 1) {
    throw new Error(`program: valueWidths has ${widths.length} entries, expected ${spec.ops.length + 1} (features + one per op)`);
  }
  if (widths[0] !== spec.featureCount) {
    throw new Error(`program: valueWidths[0] is ${widths[0]} but featureCount is ${spec.featureCount}`);
  }
  for (let v = 0; v < widths.length; v++) {
    if (!Number.isInteger(widths[v]) || widths[v] < 1) throw new Error(`program: value ${v} has width ${widths[v]}, expected an integer ≥ 1`);
  }
  spec.ops.forEach((op, index) => checkOp(op, index, widths));
  checkLoss(spec);
}

function checkInput(op: OpSpec, index: number, input: ValueRef): void {
  if (!Number.isInteger(input) || input < 0 || input > index) {
    throw new Error(`node "${op.nodeId}": input ${input} is not an earlier value (ops must be in topological order)`);
  }
}

function checkOp(op: OpSpec, index: number, widths: number[]): void {
  const out = widths[index + 1];
  const fail = (what: string): never => { throw new Error(`node "${op.nodeId}" (${op.kind}): ${what}`); };
  switch (op.kind) {
    case 'dense':
      checkInput(op, index, op.input);
      if (!Number.isInteger(op.units) || op.units < 1) fail(`units must be an integer ≥ 1, got ${op.units}`);
      if (out !== op.units) fail(`output width ${out} differs from units ${op.units}`);
      for (const [name, rate] of [['l1', op.l1], ['l2', op.l2]] as const) {
        if (rate !== undefined && !(rate >= 0 && Number.isFinite(rate))) fail(`${name} must be a finite number ≥ 0, got ${rate}`);
      }
      return;
    case 'activation':
    case 'dropout':
      checkInput(op, index, op.input);
      if (out !== widths[op.input]) fail(`output width ${out} differs from input width ${widths[op.input]}`);
      if (op.kind === 'dropout' && !(op.rate >= 0 && op.rate < 1)) fail(`rate must be in [0, 1), got ${op.rate}`);
      if (op.kind === 'activation' && !Number.isFinite(op.alpha)) fail(`alpha must be a finite number, got ${op.alpha}`);
      return;
    case 'features': {
      checkInput(op, index, op.input);
      const unknown = op.groups.filter((group) => !(FEATURE_GROUPS as readonly string[]).includes(group));
      if (unknown.length > 0) fail(`unknown feature groups ${unknown.join(', ')} (known: ${FEATURE_GROUPS.join(', ')})`);
      if (new Set(op.groups).size !== op.groups.length) fail(`groups name one twice: ${op.groups.join(', ')}`);
      const expected = featuresWidth(op.groups, widths[op.input]);
      if (out !== expected) fail(`output width ${out} differs from the ${expected} columns its groups make of width ${widths[op.input]}`);
      return;
    }
    case 'add':
      checkInput(op, index, op.inputs[0]);
      checkInput(op, index, op.inputs[1]);
      if (widths[op.inputs[0]] !== widths[op.inputs[1]] || out !== widths[op.inputs[0]]) {
        fail(`inputs of widths ${widths[op.inputs[0]]} and ${widths[op.inputs[1]]} cannot be added into width ${out}`);
      }
      return;
    case 'concat':
      checkInput(op, index, op.inputs[0]);
      checkInput(op, index, op.inputs[1]);
      if (out !== widths[op.inputs[0]] + widths[op.inputs[1]]) {
        fail(`output width ${out} is not the sum of the input widths ${widths[op.inputs[0]]} + ${widths[op.inputs[1]]}`);
      }
      return;
  }
}

function checkLoss(spec: ProgramSpec): void {
  const loss = spec.loss;
  const fail = (what: string): never => { throw new Error(`node "${loss.nodeId}" (${loss.kind}): ${what}`); };
  if (!Number.isInteger(loss.predictions) || loss.predictions < 0 || loss.predictions > spec.ops.length) {
    fail(`predictions ${loss.predictions} is not a value of the program`);
  }
  const width = spec.valueWidths[loss.predictions];
  if (spec.labelKind === 'index') {
    if (loss.kind !== 'categorical-cross-entropy') fail('class-index labels need a categorical cross-entropy');
    if (spec.labelWidth !== 1) fail(`class-index labels have one column, got labelWidth ${spec.labelWidth}`);
    if (spec.classCount !== width) fail(`predictions have ${width} columns for ${spec.classCount} classes`);
  } else if (spec.labelWidth !== width) {
    fail(`predictions have ${width} columns but the labels have ${spec.labelWidth}`);
  }
  if (loss.kind === 'categorical-cross-entropy' && width < 2) fail('categorical cross-entropy needs at least 2 classes');
}
