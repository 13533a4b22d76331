// Text from a file shown in a notification can never form a link VS Code would open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileText } from '../../../src/graph/index';
import { describeFirstError } from '../../../src/extension/training/describeRun';
import { notificationText } from '../../../src/extension/notificationText';
import { graphText } from '../training/helpers';

// VS Code's notification link syntax, as in src/vs/base/common/linkedText.ts of microsoft/vscode (notifications
// first replace newlines with spaces, then parse links with this pattern and open them with commands allowed).
const vscodeLinkPattern = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

function linksVsCodeWouldRender(message: string): string[] {
  const shown = message.replace(/(\r\n|\n|\r)/gm, ' ').trim();
  return [...shown.matchAll(vscodeLinkPattern)].map((match) => match[2]);
}

const hostile = [
  '[Click here](command:workbench.action.terminal.new)',
  '[x](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D)',
  '[docs](https://evil.example/)',
  '[open](file:///etc/passwd)',
  '[[a](command:x)](command:y)',
  '[a](command:x "title")',
  "[a](command:x 'title')",
  '[A](COMMAND:x)',
  'before [a](command:x) middle [b](https://y.example) after',
];

test('hostile link markup from a file never reaches a notification as a link', () => {
  for (const text of hostile) {
    assert.ok(linksVsCodeWouldRender(text).length > 0, `the pattern recognizes the raw text: ${text}`);
    assert.deepEqual(linksVsCodeWouldRender(notificationText(text)), [], `escaped: ${notificationText(text)}`);
  }
  assert.equal(notificationText('plain text (with brackets) [and more]'), 'plain text (with brackets) [and more]');
  console.log(`${hostile.length} hostile messages tried`);
});

test('a graph whose dataset name carries a command link is refused with a message that stays plain once escaped', () => {
  const text = graphText({
    dataset: { builtin: '[Run](command:workbench.action.terminal.new)' }, hidden: [4], outputUnits: 1, mode: 'binary',
    optimizer: { type: 'adam' }, epochs: 1,
  });
  const compiled = compileText(text);
  assert.ok(!compiled.ok);
  const message = `NN Graph: g.nngraph was not trained: it has ${describeFirstError(compiled.diagnostics)}`;
  assert.ok(linksVsCodeWouldRender(message).length > 0, `the raw message would carry a link: ${message}`);
  assert.deepEqual(linksVsCodeWouldRender(notificationText(message)), []);
});
