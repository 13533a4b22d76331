// Every message between the extension host and its webviews, as discriminated unions, with the validators both
// sides run on arrival (zod). Unknown or malformed messages are dropped and logged, never acted on.
//
// Sections: (1) graph editor webview <-> host, (2) training panel webview <-> host.
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------------------------
// (1) Graph editor
// ---------------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------------
// (2) Training panel
// ---------------------------------------------------------------------------------------------------------------

export { z };
