// One analysis per text. After each change the host needs the graph code's analysis up to four times: the editor
// asks for the dataset twice (header first, then the label scan) and the Problems panel asks for the dataset and then
// the diagnostics. With nothing read from disk (a built-in data set, or none) those four are the same analysis, and
// on a graph of 1k nodes each one costs tens of milliseconds of the host's thread.
import { type Analysis, analyzeGraph } from '../../graph/index';

interface CachedAnalysis { text: string; workspaceDepth: number | undefined; analysis: Analysis }

/** The last analyses, newest last: one document changes at a time, and its editor and Problems panel share them. */
const recent: CachedAnalysis[] = [];
const MAX_CACHED = 2;

/**
 * The analysis of `text` with no dataset file read (what `analyzeGraph(text, { workspaceDepth })` gives). Callers
 * share the object, so none may change it.
 */
export function analyzeTextOnce(text: string, workspaceDepth: number | undefined): Analysis {
  const hit = recent.find((entry) => entry.workspaceDepth === workspaceDepth && entry.text === text);
  if (hit) return hit.analysis;
  const analysis = analyzeGraph(text, workspaceDepth !== undefined ? { workspaceDepth } : {});
  recent.push({ text, workspaceDepth, analysis });
  if (recent.length > MAX_CACHED) recent.shift();
  return analysis;
}
