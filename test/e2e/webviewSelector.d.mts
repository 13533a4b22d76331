/** Source text of the `nngraph-webview` Playwright selector engine (see webviewSelector.mjs). */
export const WEBVIEW_SELECTOR_ENGINE: { content: string };
