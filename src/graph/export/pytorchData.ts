// The fixed Python of an exported PyTorch script that reproduces NN Graph's data handling: the seeded generator
// (src/core/random.ts, ported draw for draw, so the split, every epoch's order and the initial weights are the same),
// the CSV reading rules (src/core/datasets/csv.ts, csvLabels.ts), normalization fitted on the training rows
// (normalize.ts, summed in the same order), the split (run/split.ts), the Keras initializers (initializers.ts) and
// the safetensors layout of the format page. Each part names the TypeScript it mirrors: change them together.
// No file text is spliced in here; the graph's values come from the constants pytorch.ts writes above this.

export const pythonRandom = String.raw`
MASK32 = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & MASK32


def _rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & MASK32


def _js_mod_2_32(value):
    # JavaScript's (Math.floor(x) % 2**32) keeps the sign of x; the bits are what count.
    whole = math.floor(value)
    remainder = abs(whole) % 4294967296
    return (-remainder if whole < 0 else remainder) & MASK32


def _splitmix32(state):
    state = (state + 0x9E3779B9) & MASK32
    z = state
    z = _imul(z ^ (z >> 16), 0x85EBCA6B)
    z = _imul(z ^ (z >> 13), 0xC2B2AE35)
    return state, (z ^ (z >> 16)) & MASK32


class Random:
    """xoshiro128** seeded through splitmix32: src/core/random.ts, draw for draw."""

    def __init__(self, seed):
        state = _js_mod_2_32(seed)
        words = []
        for _ in range(4):
            state, output = _splitmix32(state)
            words.append(output)
        self.s = words
        if not any(words):
            self.s[0] = 1
        self.spare_normal = None

    @staticmethod
    def for_stream(seed, stream):
        _, mixed = _splitmix32(_js_mod_2_32(seed) ^ _imul(stream, 0x632BE5AB))
        return Random(mixed ^ _imul(stream + 1, 0x27D4EB2D))

    def next_uint32(self):
        s0, s1, s2, s3 = self.s
        result = _imul(_rotl(_imul(s1, 5), 7), 9)
        t = (s1 << 9) & MASK32
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = _rotl(s3, 11)
        self.s = [s0, s1, s2, s3]
        return result

    def next_float(self):
        return (self.next_uint32() >> 8) / 16777216

    def next_double(self):
        high = self.next_uint32() >> 5
        low = self.next_uint32() >> 6
        return (high * 67108864 + low) / 9007199254740992

    def next_normal(self):
        if self.spare_normal is not None:
            spare, self.spare_normal = self.spare_normal, None
            return spare
        radius = math.sqrt(-2 * math.log(1 - self.next_double()))
        angle = 2 * math.pi * self.next_double()
        self.spare_normal = radius * math.sin(angle)
        return radius * math.cos(angle)

    def next_int(self, n):
        limit = 4294967296 - (4294967296 % n)
        x = self.next_uint32()
        while x >= limit:
            x = self.next_uint32()
        return x % n

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.next_int(i + 1)
            items[i], items[j] = items[j], items[i]


STREAM_WEIGHTS, STREAM_DATA = 1, 3
`;

/** Reading the CSV, the split and normalization: what every exported Python script needs. */
export const pythonRows = String.raw`
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def read_dataset(path, label, feature_names):
    """The CSV as src/core/datasets/csv.ts reads it: features, labels (class indices or values), class names."""
    with open(path, newline="", encoding="utf-8-sig") as file:
        rows = [row for row in csv.reader(file) if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        fail(f"{path} needs a header row and at least one data row")
    header = [name.strip() for name in rows[0]]
    if label not in header:
        fail(f"{path} has no label column {label!r}")
    if feature_names is None:
        feature_names = [name for name in header if name != label]
    for name in feature_names:
        if name not in header:
            fail(f"{path} has no feature column {name!r}")
    columns = [header.index(name) for name in feature_names]
    label_column = header.index(label)
    body = rows[1:]
    features = np.empty((len(body), len(columns)), dtype=np.float32)
    for r, row in enumerate(body):
        if len(row) != len(header):
            fail(f"{path}: data row {r + 1} has {len(row)} values but the header has {len(header)} columns")
        for f, column in enumerate(columns):
            cell = row[column].strip()
            if not NUMBER.match(cell):
                fail(f"{path}: data row {r + 1}, column {column + 1}: {cell!r} is not a number")
            features[r, f] = float(cell)
    labels, class_names = read_labels([row[label_column].strip() for row in body])
    return features, labels, class_names


def read_labels(raw):
    """Numbers are used as they are; any text makes every label a class, numbered in sorted order (csvLabels.ts)."""
    if all(NUMBER.match(value) for value in raw):
        return np.array([float(value) for value in raw], dtype=np.float64), None
    # Python sorts by code point, JavaScript by UTF-16 unit: the same order unless labels mix characters beyond U+FFFF
    # with ones between U+E000 and U+FFFF.
    class_names = sorted(set(raw))
    index = {name: i for i, name in enumerate(class_names)}
    return np.array([index[value] for value in raw], dtype=np.float64), class_names


def split_rows(sample_count, validation_split, shuffle, data_random):
    """run/split.ts: the last floor(n * split) rows of file order (or of one shuffle) are held out."""
    order = list(range(sample_count))
    if shuffle:
        data_random.shuffle(order)
    train_count = sample_count - math.floor(sample_count * validation_split)
    return order[:train_count], order[train_count:]


def fit_normalization(features, rows, method):
    """normalize.ts: offset and scale per feature from the training rows, summed in row order, stored as float32."""
    count = features.shape[1]
    offset = np.zeros(count, dtype=np.float32)
    scale = np.ones(count, dtype=np.float32)
    if method == "none" or len(rows) == 0:
        return offset, scale
    for f in range(count):
        values = features[rows, f].astype(np.float64)
        if method == "minmax":
            low, high = values.min(), values.max()
            offset[f] = low
            scale[f] = high - low if high > low else 1
            continue
        mean = np.cumsum(values)[-1] / len(rows)
        std = math.sqrt(np.cumsum((values - mean) ** 2)[-1] / len(rows))
        offset[f] = mean
        scale[f] = std if std > 1e-12 * max(1.0, abs(mean)) else 1
    return offset, scale


def normalize(features, offset, scale):
    return ((features.astype(np.float64) - offset.astype(np.float64)) / scale.astype(np.float64)).astype(np.float32)

`;

/** The core's initial weights (initializers.ts), for a script that draws them as nngraph does. */
export const pythonInitializers = String.raw`
TRUNCATED_NORMAL_STD = 0.87962566103423978


def initial_kernel(init, fan_in, fan_out, weights_random):
    """initializers.ts: Keras' initializers, drawn in row-major [in, units] order from the weights stream."""
    count = fan_in * fan_out
    if init == "zeros":
        return np.zeros((fan_in, fan_out), dtype=np.float32)
    if init in ("glorot_uniform", "he_uniform"):
        limit = math.sqrt(6 / (fan_in + fan_out)) if init == "glorot_uniform" else math.sqrt(6 / fan_in)
        values = [(2 * weights_random.next_float() - 1) * limit for _ in range(count)]
    else:
        spread = 2 / (fan_in + fan_out) if init == "glorot_normal" else 2 / fan_in
        stddev = math.sqrt(spread) / TRUNCATED_NORMAL_STD
        values = []
        for _ in range(count):
            sample = weights_random.next_normal()
            while sample < -2 or sample > 2:
                sample = weights_random.next_normal()
            values.append(sample * stddev)
    return np.array(values, dtype=np.float32).reshape(fan_in, fan_out)

`;

/** Reading and writing the safetensors layout of the format page. */
export const pythonSafetensors = String.raw`
def read_safetensors(path):
    with open(path, "rb") as file:
        raw = file.read()
    (header_length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + header_length])
    start = 8 + header_length
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            fail(f"{path}: tensor {name!r} is {entry['dtype']}, not F32")
        begin, end = entry["data_offsets"]
        values = np.frombuffer(raw[start + begin : start + end], dtype="<f4").astype(np.float32)
        tensors[name] = values.reshape(entry["shape"])
    return tensors


def write_safetensors(path, tensors, metadata):
    """Names in sorted order, F32 little-endian, written to a temporary file and renamed over the target."""
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        blob = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    header["__metadata__"] = metadata
    header_bytes = json.dumps(header).encode("utf-8")
    header_bytes += b" " * (-len(header_bytes) % 8)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "wb") as file:
        file.write(struct.pack("<Q", len(header_bytes)) + header_bytes + b"".join(blobs))
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
`;

export const pythonData = [pythonRows, pythonInitializers, pythonSafetensors].join('');
