// The data sets: generated toy sets, the shipped real sets, CSV files, label layout and normalization. Pure: the
// node-only file reading lives in ./node.
export { DatasetError } from './errors';
export {
  builtinDatasetInfo, builtinDatasetNames, generatedDatasetNames, generatedDatasetOptions, isBuiltinDatasetName,
  loadBuiltinDataset, resolveDatasetOptions, shippedDatasetNames,
} from './builtin';
export type { BuiltinDatasetInfo, DatasetOptionSpec, GeneratedDatasetName, ReadDataFile } from './builtin';
export { createCsvDatasetReader, createCsvFeatureRowsReader, formatCsvError, isCsvError, parseCsvDataset, parseCsvFeatureRows, type FeatureColumnChoice } from './csv';
export { CsvInfoScanner, readCsvInfo } from './csvScan';
export { CsvRowSplitter } from './csvRows';
export { csvPathProblem, csvTooLargeMessage, DEFAULT_MAX_CSV_MEGABYTES, formatMegabytes } from './csvPath';
export type { CsvFileProblemKind } from './csvPath';
export type { CsvColumns, CsvDatasetInfo, CsvError, CsvPieceOptions, CsvPieceReader } from './csv';
export { applyNormalization, fitNormalization, normalizeFeaturesInPlace } from './normalize';
export type { NormalizationStats, NormalizeMethod } from './normalize';
export { layOutLabels } from './labels';
export type { LabelLayout } from './labels';
export { shippedSets } from './shippedSets';
export type { ShippedSet, ShippedSetName } from './shippedSets';
export type { RandomSource } from './generated';
