// Light or dark, as VS Code's theme says (the body classes it sets in every webview), not as the OS says.
import { useEffect, useState } from 'react';

export type ColorMode = 'light' | 'dark';

function currentMode(): ColorMode {
  const classes = document.body.classList;
  if (classes.contains('vscode-high-contrast-light')) return 'light';
  return classes.contains('vscode-dark') || classes.contains('vscode-high-contrast') ? 'dark' : 'light';
}

export function useVsCodeColorMode(): ColorMode {
  const [mode, setMode] = useState<ColorMode>(currentMode);
  useEffect(() => {
    const observer = new MutationObserver(() => setMode(currentMode()));
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);
  return mode;
}
