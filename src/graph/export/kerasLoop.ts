// The fixed Python of an exported Keras script: the command line, loading and saving safetensors weights by the
// DENSE_LAYERS table, the per-epoch JSON lines of `nngraph train --json`, and main(), which reads the rows, splits
// and normalizes them as the core does (pytorchData.ts) and hands the training rows to model.fit. The split is always
// explicit (validation_data): normalization is fitted on the training rows before fit sees them, and with shuffle on
// our validation rows are the tail of a seeded shuffle, not the tail of the file that validation_split would take.

export const kerasLoop = String.raw`
def parse_args():
    parser = argparse.ArgumentParser(description="Trains the graph " + json.dumps(GRAPH_NAME) + " with Keras, exported by NN Graph.")
    parser.add_argument("--epochs", type=int, default=TRAINING["epochs"], help="number of epochs")
    parser.add_argument("--init-weights", default=DEFAULT_INIT_WEIGHTS, help="start from this safetensors file")
    parser.add_argument("--save-weights", help="write the trained weights to this safetensors file")
    parser.add_argument("--json", action="store_true", help="one JSON object per epoch, as nngraph train --json")
    return parser.parse_args()


def script_path(name):
    return name if os.path.isabs(name) else os.path.join(os.path.dirname(os.path.abspath(__file__)), name)


def load_tensors(path):
    """The safetensors package's numpy reader when it is installed, else the small reader above."""
    try:
        from safetensors.numpy import load_file
    except ImportError:
        return read_safetensors(path)
    return load_file(path)


def load_weights(model, path):
    tensors = load_tensors(path)
    for layer_name, node_id, inputs, units, bias in DENSE_LAYERS:
        kernel = tensors.get(node_id + ".kernel")
        if kernel is None or list(kernel.shape) != [inputs, units]:
            fail(f"{path}: no tensor {node_id + '.kernel'!r} of shape [{inputs}, {units}]")
        values = [kernel]
        if bias:
            values.append(tensors.get(node_id + ".bias"))
            if values[1] is None or list(values[1].shape) != [units]:
                fail(f"{path}: no tensor {node_id + '.bias'!r} of shape [{units}]")
        model.get_layer(layer_name).set_weights(values)


def weights_of(model):
    tensors = {}
    for layer_name, node_id, _, _, bias in DENSE_LAYERS:
        values = model.get_layer(layer_name).get_weights()
        tensors[node_id + ".kernel"] = values[0]
        if bias:
            tensors[node_id + ".bias"] = values[1]
    return tensors


class JsonLines(keras.callbacks.Callback):
    """Prints each epoch as nngraph train --json does."""

    def __init__(self, training_rows):
        super().__init__()
        self.training_rows = training_rows
        self.started = 0.0

    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        elapsed = time.perf_counter() - self.started
        line = {"epoch": epoch + 1}
        for name in ("loss", "accuracy", "val_loss", "val_accuracy"):
            if logs and name in logs:
                line[name] = float(logs[name])
        line["samples_per_s"] = round(self.training_rows / elapsed) if elapsed > 0 else 0
        line["elapsed_ms"] = round(elapsed * 1000, 3)
        print(json.dumps(line), flush=True)


def main():
    args = parse_args()
    keras.utils.set_random_seed(TRAINING["seed"])
    raw_features, label_values, _ = read_dataset(script_path(DATA["csv"]), DATA["label"], DATA["features"])
    data_random = Random.for_stream(TRAINING["seed"], STREAM_DATA)
    train_rows, validation_rows = split_rows(len(raw_features), TRAINING["validation_split"], TRAINING["shuffle"], data_random)
    offset, scale = fit_normalization(raw_features, train_rows, NORMALIZE)
    features = normalize(raw_features, offset, scale)
    labels = label_array(label_values)
    model = build_model()
    if args.init_weights:
        if os.path.exists(script_path(args.init_weights)):
            load_weights(model, script_path(args.init_weights))
        elif args.init_weights != DEFAULT_INIT_WEIGHTS:
            fail(f"{args.init_weights} does not exist")
    model.compile(optimizer=make_optimizer(), loss=make_loss(), metrics=make_metrics())
    validation = (features[validation_rows], labels[validation_rows]) if validation_rows else None
    callbacks = [JsonLines(len(train_rows))] if args.json else []
    if TRAINING["early_stopping"]:
        # Keras 3 restores the best weights at the end whether or not it stopped early, as nngraph does (Keras 2.x
        # restored them only when it stopped early).
        settings = TRAINING["early_stopping"]
        callbacks.append(keras.callbacks.EarlyStopping(monitor="val_loss", patience=settings["patience"],
                                                       min_delta=settings["min_delta"],
                                                       restore_best_weights=settings["restore_best_weights"]))
    model.fit(
        features[train_rows],
        labels[train_rows],
        epochs=args.epochs,
        batch_size=TRAINING["batch_size"],
        validation_data=validation,
        shuffle=TRAINING["shuffle"],
        verbose=0 if args.json else 2,
        callbacks=callbacks,
    )
    if args.save_weights:
        write_safetensors(script_path(args.save_weights), weights_of(model), {"producer": "nngraph export (keras)"})


if __name__ == "__main__":
    main()
`;
