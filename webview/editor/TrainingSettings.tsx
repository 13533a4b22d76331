// The file's training settings, shown in the inspector when no node is selected: optimizer and its parameters,
// epochs, batch size, seed, validation split, shuffling, and the engine Train uses. Emptied fields fall back to the
// documented defaults.
import {
  DEFAULT_ENGINE, DEFAULT_OPTIMIZERS, DEFAULT_TRAINING, type JsonObject, type JsonValue, type NodeProblem, OPTIMIZER_TYPES,
  TRAINING_ENGINES,
} from '../../src/graph/index';
import { sendIntent } from './hostConnection';
import { parseNumberInput } from './ParamField';
import { CheckboxField } from './fields/CheckboxField';
import { SelectField } from './fields/SelectField';
import { TextField } from './fields/TextField';

interface TrainingSettingsProps { name: string; training: JsonObject; problems: NodeProblem[] }

const NUMBER_FIELDS = [
  ['epochs', 'epochs'], ['batchSize', 'batch size'], ['seed', 'seed'], ['validationSplit', 'validation split'],
] as const;

const ENGINE_LABELS: Record<(typeof TRAINING_ENGINES)[number], string> = { builtin: 'built-in', pytorch: 'PyTorch' };

function setTraining(path: string[], value: JsonValue | undefined): void {
  sendIntent({ kind: 'setTraining', path, ...(value !== undefined ? { value } : {}) });
}

export function TrainingSettings({ name, training, problems }: TrainingSettingsProps) {
  const optimizer = typeof training.optimizer === 'object' && training.optimizer !== null && !Array.isArray(training.optimizer)
    ? (training.optimizer as JsonObject) : {};
  const optimizerType = typeof optimizer.type === 'string' ? optimizer.type : DEFAULT_TRAINING.optimizer.type;
  const defaults = (DEFAULT_OPTIMIZERS as Record<string, Record<string, unknown> | undefined>)[optimizerType] ?? {};
  const problemFor = (field: string) => problems.find((p) => p.field === `training.${field}`)?.message;
  return (
    <div className="inspector__training">
      <h2 className="inspector__title">Graph</h2>
      <TextField label="name" value={name} onCommit={(text) => sendIntent({ kind: 'setName', name: text })} />
      <section className="inspector__section" aria-label="Training">
        <h3>Training</h3>
        <SelectField label="optimizer" value={optimizerType} options={OPTIMIZER_TYPES.map((type) => ({ value: type, label: type }))}
          onCommit={(type) => type !== optimizerType && setTraining(['optimizer'], { type, learningRate: (DEFAULT_OPTIMIZERS as Record<string, { learningRate: number }>)[type].learningRate })} />
        {Object.entries(defaults).filter(([key]) => key !== 'type').map(([key, fallback]) => typeof fallback === 'boolean'
          ? <CheckboxField key={key} label={key} checked={typeof optimizer[key] === 'boolean' ? (optimizer[key] as boolean) : fallback}
            onCommit={(checked) => setTraining(['optimizer', key], checked)} />
          : <TextField key={key} label={key} type="number" value={optimizer[key] === undefined ? '' : String(optimizer[key])}
            placeholder={`default ${String(fallback)}`} {...(problemFor(`optimizer.${key}`) ? { hint: problemFor(`optimizer.${key}`), invalid: true } : {})}
            onCommit={(text) => setTraining(['optimizer', key], parseNumberInput(text))} />)}
        {NUMBER_FIELDS.map(([key, label]) => (
          <TextField key={key} label={label} type="number" value={training[key] === undefined ? '' : String(training[key])}
            placeholder={`default ${String(DEFAULT_TRAINING[key])}`} {...(problemFor(key) ? { hint: problemFor(key), invalid: true } : {})}
            onCommit={(text) => setTraining([key], parseNumberInput(text))} />
        ))}
        <CheckboxField label="shuffle every epoch" checked={typeof training.shuffle === 'boolean' ? training.shuffle : DEFAULT_TRAINING.shuffle}
          onCommit={(checked) => setTraining(['shuffle'], checked)} />
        <SelectField label="engine" value={typeof training.engine === 'string' ? training.engine : DEFAULT_ENGINE}
          options={TRAINING_ENGINES.map((engine) => ({ value: engine, label: ENGINE_LABELS[engine] }))}
          onCommit={(engine) => setTraining(['engine'], engine === DEFAULT_ENGINE ? undefined : engine)} />
      </section>
    </div>
  );
}
