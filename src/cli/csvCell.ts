// One CSV cell as text, for the CSV files and tables the command line writes.

/** Quoted (quotes doubled) when it holds a comma, a quote or a line break: names come from data files. */
export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
