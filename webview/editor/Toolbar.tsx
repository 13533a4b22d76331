// The editor's toolbar: one row of groups (toolbarGroups.ts says what is in each). Every button has an icon, an
// accessible name and a tooltip; its text label shows while the row has room and gives way to the icon alone in a
// narrow editor (useToolbarDensity), so the row never wraps and the canvas keeps its height.
import { Fragment, useRef } from 'react';
import type { ToolbarAction, ToolbarChoice, ToolbarGroup } from './toolbarGroups';
import { useToolbarDensity } from './useToolbarDensity';

function shownLabel(action: ToolbarAction): string {
  return action.pressed && action.pressedLabel ? action.pressedLabel : action.label;
}

function ToolButton({ action }: { action: ToolbarAction }) {
  const classes = ['toolbar__button', `toolbar__button--rank-${action.labelRank ?? 0}`, action.primary ? 'toolbar__button--primary' : ''];
  return (
    <button type="button" className={classes.filter(Boolean).join(' ')} disabled={action.disabled === true}
      aria-label={action.name ?? action.label} title={action.tooltip ?? action.label} data-action={action.id}
      {...(action.pressed === undefined ? {} : { 'aria-pressed': action.pressed })} onClick={action.run}>
      <span className={`codicon codicon-${action.icon}`} aria-hidden="true" />
      <span className="toolbar__label">{shownLabel(action)}</span>
    </button>
  );
}

function ToolChoice({ choice }: { choice: ToolbarChoice }) {
  return (
    <select className="toolbar__choice" aria-label={choice.name} title={choice.tooltip} value={choice.value} data-action={choice.id}
      onChange={(event) => choice.onChange(event.target.value)}>
      {choice.options.map((option) => <option key={option.value} value={option.value} title={option.title}>{option.label}</option>)}
    </select>
  );
}

export function Toolbar({ groups }: { groups: readonly ToolbarGroup[] }) {
  const toolbar = useRef<HTMLDivElement>(null);
  const density = useToolbarDensity(toolbar, groups.flatMap((group) => group.actions.map(shownLabel)).join('|'));
  return (
    <div ref={toolbar} className={`toolbar toolbar--${density}`} role="toolbar" aria-label="Graph editor toolbar">
      {groups.map((group, index) => (
        <Fragment key={group.name}>
          {index > 0 && <span className="toolbar__separator" aria-hidden="true" />}
          <div className="toolbar__group" role="group" aria-label={group.name}>
            {group.actions.map((action) => <ToolButton key={action.id} action={action} />)}
            {group.choice !== undefined ? <ToolChoice choice={group.choice} /> : null}
          </div>
        </Fragment>
      ))}
    </div>
  );
}
