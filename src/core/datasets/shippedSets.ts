// The real data sets shipped in the package's data/ folder (see data/README.md for their source and license), and the
// reader of scikit-learn's CSV layout they are stored in.
import type { Dataset } from '../types';
import { DatasetError } from './errors';

export type ShippedSetName = 'iris' | 'wine' | 'breast-cancer' | 'digits';

export interface ShippedSet {
  name: ShippedSetName;
  /** File name inside data/. */
  fileName: string;
  sampleCount: number;
  featureNames: readonly string[];
  classNames: readonly string[];
  /** scikit-learn's files start with `n_samples,n_features,class names…`, except digits. */
  hasHeaderLine: boolean;
}

const breastCancerMeasures = [
  'radius', 'texture', 'perimeter', 'area', 'smoothness', 'compactness', 'concavity', 'concave points', 'symmetry',
  'fractal dimension',
];

/** scikit-learn's `feature_names` and `target_names` for each set. */
export const shippedSets: Readonly<Record<ShippedSetName, ShippedSet>> = {
  iris: {
    name: 'iris',
    fileName: 'iris.csv',
    sampleCount: 150,
    featureNames: ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'],
    classNames: ['setosa', 'versicolor', 'virginica'],
    hasHeaderLine: true,
  },
  wine: {
    name: 'wine',
    fileName: 'wine_data.csv',
    sampleCount: 178,
    featureNames: [
      'alcohol', 'malic_acid', 'ash', 'alcalinity_of_ash', 'magnesium', 'total_phenols', 'flavanoids',
      'nonflavanoid_phenols', 'proanthocyanins', 'color_intensity', 'hue', 'od280/od315_of_diluted_wines', 'proline',
    ],
    classNames: ['class_0', 'class_1', 'class_2'],
    hasHeaderLine: true,
  },
  'breast-cancer': {
    name: 'breast-cancer',
    fileName: 'breast_cancer.csv',
    sampleCount: 569,
    featureNames: [
      ...breastCancerMeasures.map((m) => `mean ${m}`),
      ...breastCancerMeasures.map((m) => `${m} error`),
      ...breastCancerMeasures.map((m) => `worst ${m}`),
    ],
    classNames: ['malignant', 'benign'],
    hasHeaderLine: true,
  },
  digits: {
    name: 'digits',
    fileName: 'digits.csv',
    sampleCount: 1797,
    featureNames: Array.from({ length: 64 }, (_, i) => `pixel_${Math.floor(i / 8)}_${i % 8}`),
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    hasHeaderLine: false,
  },
};

export function isShippedSetName(name: string): name is ShippedSetName {
  return Object.prototype.hasOwnProperty.call(shippedSets, name);
}

/**
 * Reads one shipped set from its file's text. The files are ours, so a mismatch means a damaged installation: the
 * error names the file and line so that a reinstall is the obvious fix.
 */
export function parseShippedSet(set: ShippedSet, text: string): Dataset {
  const featureCount = set.featureNames.length;
  const classCount = set.classNames.length;
  const lines = text.split(/\r?\n/);
  const firstDataLine = set.hasHeaderLine ? 1 : 0;
  const features = new Float32Array(set.sampleCount * featureCount);
  const labels = new Float32Array(set.sampleCount);
  const damaged = (lineIndex: number, what: string): DatasetError =>
    new DatasetError(`data/${set.fileName} is damaged (line ${lineIndex + 1}: ${what}); reinstall NN Graph`);
  for (let row = 0; row < set.sampleCount; row++) {
    const lineIndex = firstDataLine + row;
    const line = lines[lineIndex];
    if (line === undefined || line.trim() === '') throw damaged(lineIndex, `expected ${set.sampleCount} samples`);
    const values = line.split(',');
    if (values.length !== featureCount + 1) {
      throw damaged(lineIndex, `${values.length} values instead of ${featureCount + 1}`);
    }
    for (let f = 0; f < featureCount; f++) {
      const value = Number(values[f]);
      if (!Number.isFinite(value) || values[f].trim() === '') throw damaged(lineIndex, `'${values[f]}' is not a number`);
      features[row * featureCount + f] = value;
    }
    const classIndex = Number(values[featureCount]);
    if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= classCount) {
      throw damaged(lineIndex, `class '${values[featureCount]}' is not in 0…${classCount - 1}`);
    }
    labels[row] = classIndex;
  }
  return {
    name: set.name,
    features,
    labels,
    sampleCount: set.sampleCount,
    featureCount,
    labelWidth: 1,
    labelKind: classCount === 2 ? 'binary' : 'index',
    classCount,
    featureNames: [...set.featureNames],
    classNames: [...set.classNames],
  };
}
