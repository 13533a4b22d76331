// A labelled VS Code text field that commits on change (Enter or leaving the field), not on every key.
import { useEffect, useId, useRef } from 'react';

interface TextFieldProps {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  type?: 'text' | 'number';
  placeholder?: string;
  invalid?: boolean;
  hint?: string;
}

export function TextField({ label, value, onCommit, type = 'text', placeholder, invalid, hint }: TextFieldProps) {
  const id = useId();
  const element = useRef<HTMLElement & { value: string }>(null);
  // The element keeps what the user typed; put the document's value back when it changes (undo, text edits).
  useEffect(() => {
    if (element.current && element.current.value !== value) element.current.value = value;
  }, [value]);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>{label}</label>
      <vscode-textfield id={id} ref={element} value={value} type={type} label={label} {...(type === 'number' ? { step: 'any' } : {})} invalid={invalid}
        {...(placeholder !== undefined ? { placeholder } : {})}
        onchange={(event: Event) => onCommit((event.target as HTMLElement & { value: string }).value)} />
      {hint && <div className="field__hint">{hint}</div>}
    </div>
  );
}
