// One CSV cell as text, for the CSV files and tables the command line writes (the rule is the export's own).
export { csvCell } from '../graph/index';
