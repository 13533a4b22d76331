// Names from a file are data all the way to the screen: the editor's node component, rendered by React in jsdom with
// ids, params and problems holding markup, quotes and template syntax, shows them as text, creates no element from
// them and runs no script. jsdom runs scripts here (runScripts: 'dangerously'), so an injected one would run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dom } from './domEnvironment';
import * as React from 'react';
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlowProvider } from '@xyflow/react';
import { GraphNodeView } from '../../../webview/editor/GraphNodeView';
import { NODE_TYPES } from '../../../src/graph/nodeTypes';

const HOSTILE = [
  '<script>window.__pwned = "script"</script>',
  '<img src="x" onerror="window.__pwned = \'img\'">',
  '"><svg onload="window.__pwned = \'svg\'">',
  '${window.__pwned = "template"}',
  '\' onmouseover=\'window.__pwned = "quote"',
  '</div><iframe srcdoc="<script>parent.__pwned = 1</script>"></iframe>',
] as const;

// tsx compiles the webview's .tsx for this test with the classic JSX transform, which looks for a global React.
(globalThis as Record<string, unknown>).React = React;

interface TestWindow {
  __pwned?: unknown;
  __probe?: unknown;
  document: { getElementById(id: string): unknown; createElement(tag: string): { textContent: string | null }; body: { appendChild(node: unknown): void } };
}
const window = dom.window as unknown as TestWindow;

test('node ids, params and problems holding markup render as text, and no script runs', async () => {
  type Props = Parameters<typeof GraphNodeView>[0];

  const container = window.document.getElementById('root') as Parameters<typeof createRoot>[0] & {
    textContent: string | null; querySelectorAll(selector: string): ArrayLike<{ attributes: ArrayLike<{ name: string }> }> & Iterable<{ attributes: ArrayLike<{ name: string }> & Iterable<{ name: string }> }>;
  };
  const root = createRoot(container);
  const nodes = HOSTILE.map((text, index) => {
    const props = {
      id: text, type: 'nngraph', selected: index % 2 === 0, dragging: false, zIndex: 0, isConnectable: true,
      positionAbsoluteX: 0, positionAbsoluteY: 0, selectable: true, deletable: true, draggable: true,
      data: {
        nodeType: 'input', params: { dataset: { csv: text, label: text } },
        inputs: NODE_TYPES.input.inputs.map((p) => p.name), outputs: NODE_TYPES.input.outputs.map((p) => p.name),
        outputShapes: {}, problems: [{ code: 'NG014', severity: 'error', message: `Node id ${text} is bad.` }],
        failure: text, showStats: false,
      },
    } as unknown as Props;
    return createElement(GraphNodeView, { ...props, key: String(index) });
  });
  await act(async () => { root.render(createElement(ReactFlowProvider, null, ...nodes)); });

  const shown = container.textContent ?? '';
  for (const text of HOSTILE) {
    assert.ok(shown.includes(text), `the id is shown verbatim as text: ${text}`);
    assert.ok(shown.includes(`Node id ${text} is bad.`), 'a problem naming it is shown as text');
  }
  assert.equal(container.querySelectorAll('script, img, svg, iframe').length, 0, 'no element was made from a name');
  assert.ok([...container.querySelectorAll('*')].every((element) =>
    [...element.attributes].every((attribute) => !attribute.name.startsWith('on'))), 'no event handler attribute');
  assert.equal(window.__pwned, undefined, 'no script ran');
  console.log(`rendered ${HOSTILE.length} hostile names in jsdom: shown as text, ${container.querySelectorAll('*').length} elements, no script ran`);
  await act(async () => { root.unmount(); });
});

test('the test can see a script run: jsdom here executes an injected inline script', () => {
  const probe = window.document.createElement('script');
  probe.textContent = 'window.__probe = 42';
  window.document.body.appendChild(probe);
  assert.equal(window.__probe, 42);
});
