// A run's per-sample report, decoded once per report rather than on every render of the panel.
import { useMemo } from 'react';
import type { PanelRun } from './runStore';
import { decodeSamples, type RunSamples } from './sampleData';

export function useRunSamples(run: PanelRun): RunSamples | undefined {
  const { samples, sampleLosses } = run;
  return useMemo(() => decodeSamples(samples, sampleLosses), [samples, sampleLosses]);
}
