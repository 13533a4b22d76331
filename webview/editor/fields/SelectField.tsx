// A labelled VS Code drop-down.
import { useId } from 'react';

export interface SelectOption { value: string; label: string }

interface SelectFieldProps { label: string; value: string; options: readonly SelectOption[]; onCommit: (value: string) => void; disabled?: boolean }

export function SelectField({ label, value, options, onCommit, disabled }: SelectFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>{label}</label>
      <vscode-single-select id={id} value={value} label={label} disabled={disabled}
        onchange={(event: Event) => onCommit((event.target as HTMLElement & { value: string }).value)}>
        {options.map((option) => <vscode-option key={option.value} value={option.value} selected={option.value === value}>{option.label}</vscode-option>)}
      </vscode-single-select>
    </div>
  );
}
