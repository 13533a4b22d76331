// Text from a file (node ids, names, paths, CSV headers, error messages quoting them) shown in a VS Code notification.
// VS Code parses a notification's message for links of the form [label](https:…|command:…|file:…) and opens them
// with commands allowed (src/vs/base/common/linkedText.ts and notificationsViewer.ts in microsoft/vscode), so a
// graph could otherwise put a clickable `command:` link in our notifications. No vscode import: tested in plain Node.

/**
 * The text with every `](` broken apart (`] (`): no link can form, whatever the file holds, and the text still reads
 * the same. Only a space is added, so no new `](` can appear, and VS Code's newline-to-space step cannot join one.
 */
export function notificationText(text: string): string {
  return text.replace(/\]\(/g, '] (');
}
