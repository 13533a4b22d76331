// The graph layer on large and hostile files: how long `check` takes on a 5 MB file, on 100k keys in one object and
// on 50k nodes; what moving one node costs the extension host at 1k nodes (the edit itself plus the check the host
// runs after every change, and everything the host runs after the change: the editor's dataset context twice and the
// Problems panel's analysis); and Auto Layout at 5k nodes. Prints one JSON line for bench/run.mjs.
import { analyzeWithDataset, readDatasetContext, type CsvPlace } from '../src/extension/editor/csvDataset';
import { analyzeGraph } from '../src/graph/analyze';
import { applyEdit, readEditableGraph, type EditIntent } from '../src/graph/edits';
import { applyTextEdits, computeTextEdits } from '../src/graph/format';
import { graphTextOfSize, manyKeysText, randomGraphText } from './graphTexts';

/** CPU time of the work (user + system) in ms: on a shared machine, wall time also counts other processes' turns. */
const cpuMsByLabel: Record<string, number> = {};

/** The wall and CPU times of the timed runs of one measurement, in ms. */
interface Timings { wall: number[]; cpu: number[] }

/** Starts timing one run; the returned function stops it and records its times. */
function startRun(timings: Timings): () => void {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  return () => {
    const cpu = process.cpuUsage(cpuStarted);
    timings.wall.push(performance.now() - started);
    timings.cpu.push((cpu.user + cpu.system) / 1000);
  };
}

/** The median wall time; the median CPU time goes to cpuMsByLabel. */
function medianOf(label: string, timings: Timings): number {
  const median = (list: number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  cpuMsByLabel[label] = median(timings.cpu);
  return median(timings.wall);
}

/** Median wall time of `runs` calls after one warm-up call, in ms; the median CPU time goes to cpuMsByLabel. */
function medianMs(label: string, runs: number, work: () => void): number {
  work();
  const timings: Timings = { wall: [], cpu: [] };
  for (let i = 0; i < runs; i++) {
    const stop = startRun(timings);
    work();
    stop();
  }
  return medianOf(label, timings);
}

/** As medianMs, for work that waits; each call is given its run number (-1 for the warm-up). */
async function medianMsAsync(label: string, runs: number, work: (run: number) => Promise<void>): Promise<number> {
  await work(-1);
  const timings: Timings = { wall: [], cpu: [] };
  for (let i = 0; i < runs; i++) {
    const stop = startRun(timings);
    await work(i);
    stop();
  }
  return medianOf(label, timings);
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
// The host's whole reaction to a change (graphEditorProvider's sendDocument, then the Problems panel), each run on a
// text it has not seen: the host shares one analysis per text, so a repeated text would measure only the sharing.
const place: CsvPlace = { root: '/workspace', graphFolder: '/workspace', maxMegabytes: 512 };
const changedTexts = Array.from({ length: 10 }, (_, i) => hostEdit(oneK, { kind: 'moveNodes', moves: [{ nodeId: 'n500', position: { x: 2000 + i, y: 567 } }] }));
const afterChange = medianMsAsync('afterChange', 9, async (run) => {
  const text = changedTexts[run + 1];
  await readDatasetContext(text, place, { headerOnly: true });
  await readDatasetContext(text, place);
  await analyzeWithDataset(text, place);
});
void afterChange.then((afterChangeMs) => console.log(JSON.stringify({
  check5MbMs,
  fiveMbBytes: fiveMb.text.length, fiveMbNodes: fiveMb.nodeCount,
  check100kKeysMs,
  keysBytes: keys.length,
  check50kNodesMs, check5kNodesMs,
  moveEditMs, checkAfterMoveMs, moveHostMs: moveEditMs + checkAfterMoveMs, afterChangeMs,
  layout5kMs, layoutOutcome, cpuMs: cpuMsByLabel,
})));
