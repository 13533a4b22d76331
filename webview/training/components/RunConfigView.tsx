// The configuration a run was started with, so two runs can be told apart when compared.
import type { PanelRun } from '../runStore';

export function RunConfigView({ run }: { run: PanelRun }): React.JSX.Element {
  const { config, info } = run.header;
  const rows: [string, string][] = [
    ['File', config.documentName],
    ['Data set', info !== undefined ? `${config.dataset} (${info.trainCount} training, ${info.validationCount} validation)` : config.dataset],
    ['Optimizer', config.optimizer],
    ['Mode', config.mode === 'step' ? 'step by step (NN Graph: Step trains one batch)' : 'full run'],
    ['Engine', config.engine === 'pytorch' ? 'PyTorch (the exported script, with your Python)' : 'built-in'],
    ['Epochs', String(config.epochs)],
    ['Batch size', String(config.batchSize)],
    ['Seed', String(config.seed)],
    ['Validation split', String(config.validationSplit)],
  ];
  const changes = run.header.learningRateChanges ?? [];
  if (changes.length > 0) {
    rows.push(['Learning rate', changes.map((change) => `${change.learningRate} from step ${change.globalStep.toLocaleString('en-US')}`).join(', ')]);
  }
  if (info !== undefined) {
    rows.push(['Parameters', info.paramCount.toLocaleString('en-US')], ['Weights', info.weights], ['Backend', info.backend]);
    // Runs with the same fingerprint started from the same weights, whatever else differs.
    if (info.initialWeights !== undefined) rows.push(['Initial weights', `fingerprint ${info.initialWeights}`]);
  }
  return (
    <section aria-label="Run configuration">
      <h3>Configuration</h3>
      <table className="config">
        <tbody>
          {rows.map(([name, value]) => <tr key={name}><th scope="row">{name}</th><td>{value}</td></tr>)}
        </tbody>
      </table>
    </section>
  );
}
