// Errors in what a file or a caller asked of the data sets. They carry the option (`field`) at fault, so the graph
// code and the command line can point at the right place instead of crashing.

export class DatasetError extends Error {
  /** The dataset option at fault (`samples`, `noise`, …), or undefined when the name itself is wrong. */
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.name = 'DatasetError';
    this.field = field;
  }
}
