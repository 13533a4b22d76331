// A VS Code check box with its label.
interface CheckboxFieldProps { label: string; checked: boolean; onCommit: (checked: boolean) => void }

export function CheckboxField({ label, checked, onCommit }: CheckboxFieldProps) {
  return (
    <div className="field field--inline">
      <vscode-checkbox checked={checked} label={label}
        onchange={(event: Event) => onCommit((event.target as HTMLElement & { checked: boolean }).checked)} />
    </div>
  );
}
