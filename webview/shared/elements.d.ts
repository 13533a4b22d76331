// JSX typings for the VS Code Elements this project uses. React 19 sets known properties on custom elements and turns
// lower-case `on<event>` props into event listeners, so `onchange` listens to the element's own `change` event.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type Base = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement>;
type Listener = (event: Event) => void;

interface ButtonProps extends Base { secondary?: boolean; disabled?: boolean; icon?: string; 'icon-only'?: boolean }
interface TextfieldProps extends Base {
  value?: string; type?: string; label?: string; placeholder?: string; invalid?: boolean; min?: number; max?: number; step?: number | 'any';
  onchange?: Listener; oninput?: Listener;
}
interface SingleSelectProps extends Base { value?: string; label?: string; disabled?: boolean; onchange?: Listener }
interface OptionProps extends Base { value?: string; description?: string; selected?: boolean }
interface CheckboxProps extends Base { checked?: boolean; label?: string; disabled?: boolean; onchange?: Listener }

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'vscode-button': ButtonProps;
      'vscode-textfield': TextfieldProps;
      'vscode-single-select': SingleSelectProps;
      'vscode-option': OptionProps;
      'vscode-checkbox': CheckboxProps;
      'vscode-divider': Base;
    }
  }
}
