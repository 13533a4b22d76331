// The graph layer on large and hostile files: how long `check` takes on a 5 MB file, on 100k keys in one object and
// on 50k nodes; what moving one node costs the extension host at 1k nodes (the edit itself plus the check the host
// runs after every change); and Auto Layout at 5k nodes. Prints one JSON line for bench/run.mjs.
import { analyzeGraph } from '../src/graph/analyze';
import { applyEdit, readEditableGraph, type EditIntent } from '../src/graph/edits';
import { applyTextEdits, computeTextEdits } from '../src/graph/format';
import { graphTextOfSize, manyKeysText, randomGraphText } from './graphTexts';

/** CPU time of the work (user + system) in ms: on a shared machine, wall time also counts other processes' turns. */
const cpuMsByLabel: Record<string, number> = {};

/** Median wall time of `runs` calls after one warm-up call, in ms; the median CPU time goes to cpuMsByLabel. */
function medianMs(label: string, runs: number, work: () => void): number {
  work();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    work();
    const cpu = process.cpuUsage(cpuStarted);
    times.push(performance.now() - started);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  const median = (list: number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  cpuMsByLabel[label] = median(cpuTimes);
  return median(times);
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
const moveEditMs = medianMs('moveEdit', 9, () => { movedText = hostEdit(oneK, move); });
const checkAfterMoveMs = medianMs('checkAfterMove', 9, () => { analyzeGraph(movedText); });
let layoutOutcome = '';
const layout5kMs = medianMs('layout5k', 3, () => {
  const read = readEditableGraph(fiveK);
  if (!read.ok) throw new Error(read.reason);
  const result = applyEdit(read.value, { kind: 'autoLayout' });
  if (result.ok) computeTextEdits(fiveK, result.value);
  layoutOutcome = result.ok ? 'laid out' : `refused: ${result.message}`;
});

const check5MbMs = medianMs('check5Mb', 5, () => { analyzeGraph(fiveMb.text); });
const check100kKeysMs = medianMs('check100kKeys', 5, () => { analyzeGraph(keys); });
const check50kNodesMs = medianMs('check50kNodes', 3, () => { analyzeGraph(fiftyK); });
// What the host runs when a graph of 5k nodes opens (the Problems panel's check), besides sending its text.
const check5kNodesMs = medianMs('check5kNodes', 5, () => { analyzeGraph(fiveK); });
console.log(JSON.stringify({
  check5MbMs,
  fiveMbBytes: fiveMb.text.length, fiveMbNodes: fiveMb.nodeCount,
  check100kKeysMs,
  keysBytes: keys.length,
  check50kNodesMs, check5kNodesMs,
  moveEditMs, checkAfterMoveMs, moveHostMs: moveEditMs + checkAfterMoveMs,
  layout5kMs, layoutOutcome, cpuMs: cpuMsByLabel,
}));
