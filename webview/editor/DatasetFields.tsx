// The input node's dataset: a built-in set with its options, or a CSV file chosen through the host's file dialog
// (stored relative to the .nngraph file) with its label column.
import {
  BUILTIN_DATASET_NAMES, BUILTIN_DATASETS, BUILTIN_OPTION_RULES, type JsonObject, type JsonValue,
} from '../../src/graph/index';
import { pickCsv, sendIntent } from './hostConnection';
import { parseNumberInput } from './ParamField';
import { SelectField } from './fields/SelectField';
import { TextField } from './fields/TextField';

interface DatasetFieldsProps { nodeId: string; dataset: unknown; csvColumns: string[] | undefined }

const CSV_CHOICE = 'csv';

export function DatasetFields({ nodeId, dataset, csvColumns }: DatasetFieldsProps) {
  const current = typeof dataset === 'object' && dataset !== null && !Array.isArray(dataset) ? (dataset as JsonObject) : {};
  const builtin = typeof current.builtin === 'string' ? current.builtin : undefined;
  const csv = typeof current.csv === 'string' ? current.csv : undefined;
  const setDataset = (next: JsonObject) => sendIntent({ kind: 'setDataset', nodeId, dataset: next });
  const setOption = (name: string, value: JsonValue | undefined) =>
    sendIntent({ kind: 'setParam', nodeId, path: ['dataset', name], ...(value !== undefined ? { value } : {}) });
  const choice = csv !== undefined ? CSV_CHOICE : builtin ?? '';
  const options = [
    ...BUILTIN_DATASET_NAMES.map((name) => ({ value: name, label: name })),
    { value: CSV_CHOICE, label: 'CSV file…' },
  ];
  return (
    <div className="dataset-fields">
      <SelectField label="dataset" value={choice} options={options} onCommit={(picked) => {
        if (picked === CSV_CHOICE) pickCsv(nodeId);
        else if (picked !== builtin) setDataset({ builtin: picked });
      }} />
      {builtin !== undefined && BUILTIN_DATASETS[builtin] && (
        <>
          <div className="field__hint">{BUILTIN_DATASETS[builtin].description}</div>
          {BUILTIN_DATASETS[builtin].options.map((option) => (
            <TextField key={option} label={option} type="number" value={current[option] === undefined ? '' : String(current[option])}
              placeholder="default" hint={BUILTIN_OPTION_RULES[option].description}
              onCommit={(text) => setOption(option, parseNumberInput(text))} />
          ))}
        </>
      )}
      {csv !== undefined && (
        <>
          <div className="field">
            <span className="field__label">file</span>
            <div className="dataset-fields__path">{csv}</div>
            <vscode-button secondary onClick={() => pickCsv(nodeId)} aria-label="Choose CSV file">Choose CSV…</vscode-button>
          </div>
          <SelectField label="label column" value={typeof current.label === 'string' ? current.label : ''}
            options={(csvColumns ?? []).map((column) => ({ value: column, label: column }))}
            onCommit={(column) => setOption('label', column)} disabled={!csvColumns || csvColumns.length === 0} />
        </>
      )}
    </div>
  );
}
