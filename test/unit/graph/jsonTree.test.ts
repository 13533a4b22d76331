// The reader's tree of valid text, which reads each container's children only when asked, must be the tree
// jsonc-parser builds (same types, offsets, lengths, keys and values), and the reader must notice every duplicate
// key without walking that tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { readJsonText } from '../../../src/graph/reader';
import { runFuzz } from './fuzz';

/** Every node of a tree as plain data, children read through the same accessor the checks use. */
function flatten(node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  const own = { type: node.type, offset: node.offset, length: node.length, colonOffset: node.colonOffset };
  if (node.type === 'object' || node.type === 'array' || node.type === 'property') {
    return { ...own, children: (node.children ?? []).map(flatten) };
  }
  return { ...own, value: node.value };
}

/** Text of a value with whitespace of every kind between tokens (and strings that hold brackets and escapes). */
const spacedJson = fc.tuple(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(0, 1, 2, '\t', ' \r\n ')).map(([value, space]) => {
  const text = JSON.stringify(value, null, space);
  return typeof space === 'string' && space.includes('\r') ? text.replace(/\n/g, '\r\n') : text;
});

test('the lazily read tree of valid JSON is the tree jsonc-parser builds', () => {
  runFuzz('lazy tree vs jsonc-parser', fc.property(spacedJson, (text) => {
    const read = readJsonText(`  ${text}\n`);
    assert.ok(read.ok);
    const expected = parseTree(`  ${text}\n`, [], { disallowComments: true });
    assert.deepEqual(flatten(read.root), flatten(expected));
    assert.equal(read.mayHaveDuplicateKeys, false);
  }), 500);
});

test('a key twice in one object, at any depth, is noticed; the same key in two objects is not a duplicate', () => {
  const twice = readJsonText('{"a": [{"k": 1, "s": "x:{y}", "k": 2}], "b": {"k": 3}}');
  assert.ok(twice.ok && twice.mayHaveDuplicateKeys);
  const proto = readJsonText('{"__proto__": 1, "__proto__": 2}');
  assert.ok(proto.ok && proto.mayHaveDuplicateKeys);
  const once = readJsonText('{"a": [{"k": 1, "s": "x:{y}"}], "b": {"k": 3}, "__proto__": {"k": 4}}');
  assert.ok(once.ok && !once.mayHaveDuplicateKeys);
});
