// The training core's Node-only surface: reading data files from disk. Kept apart from index.ts, which the webviews
// bundle (through the graph layer) and which must therefore import no Node built-ins.
export { createDataFileReader, findDataDirectory } from './datasets/node';
// CSV files on disk: the path rule's containment check with realpath, the size cap, the streamed header and scan.
export {
  loadCsvDatasetFile, loadCsvDatasetFileAsync, readCsvFileInto, readCsvFileIntoAsync, readCsvHeaderFile, resolveCsvFile, resolveCsvFileSync,
  scanCsvInfoFile, type CsvFileResolution,
} from './datasets/csvFile';
