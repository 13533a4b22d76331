// The fixed JavaScript of an exported TF.js program, ported from the Python of pytorchData.ts (which names the core
// files each part mirrors): the seeded generator (src/core/random.ts), the CSV rules, the split (run/split.ts),
// normalization fitted on the training rows, the safetensors reader; then main(), which trains with model.fit and
// prints the per-epoch lines of `nngraph train --json`. No file text is spliced in here.

export const tfjsRuntime = String.raw`
class Random {
  // xoshiro128** seeded through splitmix32: src/core/random.ts, draw for draw.
  constructor(seed) {
    let state = (Math.floor(seed) % 4294967296) | 0;
    const words = [];
    for (let i = 0; i < 4; i++) {
      [state, words[i]] = splitmix32(state);
    }
    this.s = words.map((word) => word | 0);
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
  }

  static forStream(seed, stream) {
    const [, mixed] = splitmix32((Math.floor(seed) % 4294967296) ^ Math.imul(stream, 0x632be5ab));
    return new Random(mixed ^ Math.imul(stream + 1, 0x27d4eb2d));
  }

  nextUint32() {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  nextInt(n) {
    const limit = 4294967296 - (4294967296 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  shuffle(items) {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
  }
}

function splitmix32(state) {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

function rotl(x, k) {
  return (x << k) | (x >>> (32 - k));
}

const STREAM_DATA = 3;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function fail(message) {
  process.stderr.write("error: " + message + "\n");
  process.exit(1);
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char !== '"') field += char;
      else if (body[i + 1] === '"') { field += char; i++; }
      else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ",") { row.push(field); field = ""; }
    else if (char === "\n") { row.push(field); rows.push(row); row = []; field = ""; }
    else field += char;
  }
  if (field !== "" || row.length > 0) { row.push(field); rows.push(row); }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ""));
}

function readDataset(file, label, featureNames) {
  // As src/core/datasets/csv.ts reads it: numeric labels as they are, text labels as classes in sorted order.
  const rows = parseCsv(fs.readFileSync(file, "utf8"));
  if (rows.length < 2) fail(file + " needs a header row and at least one data row");
  const header = rows[0].map((name) => name.trim());
  if (!header.includes(label)) fail(file + " has no label column " + JSON.stringify(label));
  const names = featureNames ?? header.filter((name) => name !== label);
  const columns = names.map((name) => {
    if (!header.includes(name)) fail(file + " has no feature column " + JSON.stringify(name));
    return header.indexOf(name);
  });
  const body = rows.slice(1);
  const features = new Float32Array(body.length * columns.length);
  body.forEach((cells, r) => {
    if (cells.length !== header.length) fail(file + ": data row " + (r + 1) + " has " + cells.length + " values but the header has " + header.length + " columns");
    columns.forEach((column, f) => {
      const cell = cells[column].trim();
      if (!NUMBER.test(cell)) fail(file + ": data row " + (r + 1) + ", column " + (column + 1) + ": " + JSON.stringify(cell) + " is not a number");
      features[r * columns.length + f] = Number(cell);
    });
  });
  const raw = body.map((cells) => cells[header.indexOf(label)].trim());
  const classNames = raw.every((value) => NUMBER.test(value)) ? null : [...new Set(raw)].sort();
  const labels = Float32Array.from(raw, (value) => (classNames === null ? Number(value) : classNames.indexOf(value)));
  return { features, labels, count: body.length, width: columns.length };
}

function splitRows(count, validationSplit, shuffle, dataRandom) {
  // run/split.ts: the last floor(n * split) rows of file order (or of one shuffle) are held out.
  const order = Array.from({ length: count }, (_, i) => i);
  if (shuffle) dataRandom.shuffle(order);
  const trainCount = count - Math.floor(count * validationSplit);
  return [order.slice(0, trainCount), order.slice(trainCount)];
}

function normalizeFeatures(data, rows, method) {
  // normalize.ts: offset and scale per feature from the training rows, summed in row order, stored as float32.
  const { features, width } = data;
  for (let f = 0; f < width && method !== "none" && rows.length > 0; f++) {
    const values = rows.map((r) => features[r * width + f]);
    let offset;
    let scale;
    if (method === "minmax") {
      offset = Math.min(...values);
      const high = Math.max(...values);
      scale = high > offset ? high - offset : 1;
    } else {
      offset = values.reduce((sum, value) => sum + value, 0) / values.length;
      const std = Math.sqrt(values.reduce((sum, value) => sum + (value - offset) ** 2, 0) / values.length);
      scale = std > 1e-12 * Math.max(1, Math.abs(offset)) ? std : 1;
    }
    offset = Math.fround(offset);
    scale = Math.fround(scale);
    for (let r = 0; r < data.count; r++) features[r * width + f] = (features[r * width + f] - offset) / scale;
  }
}

function readSafetensors(file) {
  const raw = fs.readFileSync(file);
  const headerLength = Number(raw.readBigUInt64LE(0));
  const header = JSON.parse(raw.subarray(8, 8 + headerLength).toString("utf8"));
  const tensors = new Map();
  for (const [name, entry] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    if (entry.dtype !== "F32") fail(file + ": tensor " + JSON.stringify(name) + " is " + entry.dtype + ", not F32");
    const [begin, end] = entry.data_offsets;
    const bytes = raw.subarray(8 + headerLength + begin, 8 + headerLength + end);
    const values = new Float32Array(bytes.length / 4);
    for (let i = 0; i < values.length; i++) values[i] = bytes.readFloatLE(4 * i);
    tensors.set(name, { shape: entry.shape, values });
  }
  return tensors;
}

function loadWeights(model, file) {
  const tensors = readSafetensors(file);
  const tensorOf = (name, shape) => {
    const tensor = tensors.get(name);
    if (tensor === undefined || JSON.stringify(tensor.shape) !== JSON.stringify(shape)) fail(file + ": no tensor " + JSON.stringify(name) + " of shape " + JSON.stringify(shape));
    return tf.tensor(tensor.values, shape);
  };
  for (const dense of DENSE_LAYERS) {
    const values = [tensorOf(dense.nodeId + ".kernel", [dense.inputs, dense.units])];
    if (dense.useBias) values.push(tensorOf(dense.nodeId + ".bias", [dense.units]));
    model.getLayer(dense.layer).setWeights(values);
  }
}

function parseArgs(argv) {
  const options = { epochs: TRAINING.epochs, initWeights: DEFAULT_INIT_WEIGHTS, json: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--epochs") options.epochs = Number(argv[++i]);
    else if (argv[i] === "--init-weights") options.initWeights = argv[++i];
    else if (argv[i] === "--json") options.json = true;
    else {
      process.stdout.write("Trains the graph " + JSON.stringify(GRAPH_NAME) + " with TensorFlow.js, exported by NN Graph.\n"
        + "Usage: node this.cjs [--epochs N] [--init-weights F] [--json]\n");
      process.exit(argv[i] === "--help" ? 0 : 2);
    }
  }
  if (!Number.isInteger(options.epochs) || options.epochs < 0) fail("--epochs needs a whole number");
  return options;
}

function epochReporter(options, trainingCount) {
  let started = 0;
  return {
    onEpochBegin: async () => { started = performance.now(); },
    onBatchBegin: async () => {
      if (DECAY_PER_STEP === 0) return;
      for (const weight of model.trainableWeights) weight.write(tf.mul(weight.read(), 1 - DECAY_PER_STEP));
    },
    onEpochEnd: async (epoch, logs) => {
      const elapsed = performance.now() - started;
      const line = { epoch: epoch + 1 };
      for (const name of ["loss", "accuracy", "val_loss", "val_accuracy"]) {
        if (logs[name] !== undefined && (TRAINING.accuracy || !name.endsWith("accuracy"))) line[name] = logs[name];
      }
      line.samples_per_s = elapsed > 0 ? Math.round(trainingCount / (elapsed / 1000)) : 0;
      line.elapsed_ms = Math.round(elapsed * 1000) / 1000;
      if (options.json) process.stdout.write(JSON.stringify(line) + "\n");
      else process.stdout.write("Epoch " + line.epoch + "/" + options.epochs + " - " + Math.round(elapsed) + "ms - loss: " + line.loss.toFixed(4) + "\n");
    },
  };
}

/**
 * Keras 3's EarlyStopping on val_loss, as nngraph applies it (TF.js's own earlyStopping callback cannot restore the
 * best weights): the best epoch's weights are put back when training ends, whether or not it stopped early.
 */
function earlyStopper() {
  if (EARLY_STOPPING === null) return [];
  let best = Infinity, wait = 0, bestWeights = null;
  const copy = () => model.getWeights().map((weight) => weight.clone());
  const keep = (weights) => { if (bestWeights !== null) tf.dispose(bestWeights); bestWeights = weights; };
  return [{
    onEpochEnd: async (epoch, logs) => {
      if (logs.val_loss === undefined) return;
      if (EARLY_STOPPING.restoreBestWeights && bestWeights === null) keep(copy());
      wait += 1;
      if (logs.val_loss + EARLY_STOPPING.minDelta < best) {
        best = logs.val_loss;
        wait = 0;
        if (EARLY_STOPPING.restoreBestWeights) keep(copy());
        return;
      }
      if (wait >= EARLY_STOPPING.patience && epoch > 0) model.stopTraining = true;
    },
    onTrainEnd: async () => {
      if (EARLY_STOPPING.restoreBestWeights && bestWeights !== null) model.setWeights(bestWeights);
    },
  }];
}

let model = null;

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const besideProgram = (name) => path.resolve(__dirname, name);
  const data = readDataset(besideProgram(DATA.csv), DATA.label, DATA.features);
  const [trainRows, validationRows] = splitRows(data.count, TRAINING.validationSplit, TRAINING.shuffle, Random.forStream(TRAINING.seed, STREAM_DATA));
  normalizeFeatures(data, trainRows, NORMALIZE);
  const rowsOf = (rows) => [
    tf.tensor2d(Float32Array.from(rows.flatMap((r) => Array.from(data.features.subarray(r * data.width, (r + 1) * data.width)))), [rows.length, data.width]),
    labelTensor(Float32Array.from(rows, (r) => data.labels[r])),
  ];
  model = buildModel();
  if (options.initWeights !== null) loadWeights(model, besideProgram(options.initWeights));
  model.compile({ optimizer: makeOptimizer(), loss: batchLoss, metrics: TRAINING.accuracy ? [accuracy] : [] });
  const [x, y] = rowsOf(trainRows);
  await model.fit(x, y, {
    epochs: options.epochs,
    batchSize: TRAINING.batchSize,
    shuffle: TRAINING.shuffle,
    validationData: validationRows.length > 0 ? rowsOf(validationRows) : undefined,
    verbose: 0,
    callbacks: [epochReporter(options, trainRows.length), ...earlyStopper()],
  });
}

main().catch((error) => fail(error && error.stack ? error.stack : String(error)));
`;
