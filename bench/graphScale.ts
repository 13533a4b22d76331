// The graph layer on large and hostile files: how long `check` takes on a 5 MB file, on 100k keys in one object and
// on 50k nodes; what moving one node costs the extension host at 1k nodes (the edit itself plus the check the host
// runs after every change); and Auto Layout at 5k nodes. Prints one JSON line for bench/run.mjs.
import { analyzeGraph } from '../src/graph/analyze';
import { applyEdit, readEditableGraph, type EditIntent } from '../src/graph/edits';
import { applyTextEdits, computeTextEdits } from '../src/graph/format';
import { graphTextOfSize, manyKeysText, randomGraphText } from './graphTexts';

/** Median wall time of `runs` calls after one warm-up call, in ms. */
function medianMs(runs: number, work: () => void): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** What the host does for one edit intent: read the text, apply the intent, compute the minimal text edits. */
function hostEdit(text: string, intent: EditIntent): string {
  const read = readEditableGraph(text);
  if (!read.ok) throw new Error(read.reason);
  const result = applyEdit(read.value, intent);
  if (!result.ok) throw new Error(result.message);
  return applyTextEdits(text, computeTextEdits(text, result.value));
}

const fiveMb = graphTextOfSize(5 * 1024 * 1024);
const keys = manyKeysText(100_000);
const fiftyK = randomGraphText(50_000);
const oneK = randomGraphText(1_000);
const fiveK = randomGraphText(5_000);
const move: EditIntent = { kind: 'moveNodes', moves: [{ nodeId: 'n500', position: { x: 1234, y: 567 } }] };
let movedText = '';
const moveEditMs = medianMs(9, () => { movedText = hostEdit(oneK, move); });
const checkAfterMoveMs = medianMs(9, () => { analyzeGraph(movedText); });
let layoutOutcome = '';
const layout5kMs = medianMs(3, () => {
  const read = readEditableGraph(fiveK);
  if (!read.ok) throw new Error(read.reason);
  const result = applyEdit(read.value, { kind: 'autoLayout' });
  if (result.ok) computeTextEdits(fiveK, result.value);
  layoutOutcome = result.ok ? 'laid out' : `refused: ${result.message}`;
});

console.log(JSON.stringify({
  check5MbMs: medianMs(5, () => { analyzeGraph(fiveMb.text); }),
  fiveMbBytes: fiveMb.text.length, fiveMbNodes: fiveMb.nodeCount,
  check100kKeysMs: medianMs(5, () => { analyzeGraph(keys); }),
  keysBytes: keys.length,
  check50kNodesMs: medianMs(3, () => { analyzeGraph(fiftyK); }),
  moveEditMs, checkAfterMoveMs, moveHostMs: moveEditMs + checkAfterMoveMs,
  layout5kMs, layoutOutcome,
}));
