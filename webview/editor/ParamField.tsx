// The inspector's control for one parameter, chosen by its kind in the node-type table. An emptied field removes
// the parameter, so the documented default applies again.
import type { JsonValue, ParamSpec } from '../../src/graph/index';
import { CheckboxField } from './fields/CheckboxField';
import { CheckboxSetField } from './fields/CheckboxSetField';
import { SelectField } from './fields/SelectField';
import { TextField } from './fields/TextField';

interface ParamFieldProps {
  spec: Exclude<ParamSpec, { kind: 'dataset' }>;
  value: unknown;
  problem?: string;
  onCommit: (value: JsonValue | undefined) => void;
}

const DEFAULT_CHOICE = '';

export function parseNumberInput(text: string): JsonValue | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const parsed = Number(trimmed);
  // A value that is not a number is kept as text, so the diagnostics can say what is wrong with it.
  return Number.isFinite(parsed) ? parsed : trimmed;
}

export function ParamField({ spec, value, problem, onCommit }: ParamFieldProps) {
  switch (spec.kind) {
    case 'integer':
    case 'number': {
      const fallback = spec.default !== undefined ? `default ${spec.default}` : spec.required ? 'required' : '';
      return (
        <TextField label={spec.name} type="number" value={value === undefined ? '' : String(value)} placeholder={fallback}
          invalid={problem !== undefined} hint={problem ?? spec.description} onCommit={(text) => onCommit(parseNumberInput(text))} />
      );
    }
    case 'boolean':
      return <CheckboxField label={`${spec.name}${spec.default !== undefined ? ` (default ${String(spec.default)})` : ''}`}
        checked={typeof value === 'boolean' ? value : spec.default === true} onCommit={(checked) => onCommit(checked)} />;
    case 'enum': {
      const options = [
        ...(spec.required ? [] : [{ value: DEFAULT_CHOICE, label: `default${spec.default ? ` (${spec.default})` : ''}` }]),
        ...spec.values.map((choice) => ({ value: choice, label: choice })),
      ];
      return (
        <SelectField label={spec.name} value={typeof value === 'string' ? value : DEFAULT_CHOICE} options={options}
          onCommit={(choice) => onCommit(choice === DEFAULT_CHOICE ? undefined : choice)} />
      );
    }
    case 'enumSet':
      // An empty choice is written as [] (not removed), so the diagnostics can say the node makes no columns.
      return (
        <CheckboxSetField label={spec.name} choices={spec.values} value={value} invalid={problem !== undefined}
          hint={problem ?? spec.description} onCommit={(chosen) => onCommit(chosen)} />
      );
  }
}
