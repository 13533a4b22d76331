// Whether saved weights fit a program: the same tensor names with the same shapes. A later run starts from saved
// weights only then; otherwise it starts fresh and says why (the graph changed since they were saved).
import type { NamedTensor } from '../../core/index';

/** Undefined when `saved` fits `expected`, otherwise a sentence naming the first difference. */
export function weightsMismatch(expected: readonly NamedTensor[], saved: readonly NamedTensor[]): string | undefined {
  const savedByName = new Map(saved.map((tensor) => [tensor.name, tensor]));
  for (const tensor of expected) {
    const found = savedByName.get(tensor.name);
    if (found === undefined) return `the saved weights have no tensor '${tensor.name}'`;
    if (found.shape.join('×') !== tensor.shape.join('×')) {
      return `'${tensor.name}' has shape [${found.shape.join(', ')}] in the saved weights but [${tensor.shape.join(', ')}] in the graph`;
    }
  }
  const expectedNames = new Set(expected.map((tensor) => tensor.name));
  const extra = saved.find((tensor) => !expectedNames.has(tensor.name));
  if (extra !== undefined) return `the saved weights have a tensor '${extra.name}' the graph does not use`;
  return undefined;
}
