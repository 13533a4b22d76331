// A group of VS Code check boxes for a list of distinct choices (a features node's groups). Each change commits the
// checked choices in the table's order, so the file's list reads the same whichever box was clicked first.
interface CheckboxSetFieldProps {
  label: string;
  choices: readonly string[];
  value: unknown;
  hint?: string;
  invalid?: boolean;
  onCommit: (chosen: string[]) => void;
}

export function CheckboxSetField({ label, choices, value, hint, invalid, onCommit }: CheckboxSetFieldProps) {
  const chosen = Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
  const toggle = (choice: string, checked: boolean) => {
    onCommit(choices.filter((c) => (c === choice ? checked : chosen.includes(c))));
  };
  return (
    <fieldset className={`field field--set${invalid === true ? ' field--invalid' : ''}`}>
      <legend className="field__label">{label}</legend>
      {choices.map((choice) => (
        <vscode-checkbox key={choice} checked={chosen.includes(choice)} label={choice}
          onchange={(event: Event) => toggle(choice, (event.target as HTMLElement & { checked: boolean }).checked)} />
      ))}
      {hint && <div className="field__hint">{hint}</div>}
    </fieldset>
  );
}
