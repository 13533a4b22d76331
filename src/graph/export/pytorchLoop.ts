// The fixed Python of an exported PyTorch script that trains: the command line, the data on the device, the epoch
// loop as src/core/run/run.ts steps it (batches of the training rows in the epoch's order, a sample-weighted epoch
// loss, validation in chunks of the batch size), DistributedDataParallel under torchrun (gloo on CPU, nccl on GPU,
// a DistributedSampler, rank 0 writing lines and weights), and the same per-epoch JSON lines as `nngraph train --json`.
// With --progress (what the PyTorch engine of `nngraph train` and the editor pass) it also prints a line describing
// the run before the first step and one per batch. SIGINT and SIGTERM stop every process after the same batch; rank 0
// then saves the weights and prints the summary, as `nngraph train` does on Ctrl-C.

export const pythonLoop = String.raw`
def parse_args():
    parser = argparse.ArgumentParser(description="Trains the graph " + json.dumps(GRAPH_NAME) + ", exported by NN Graph.")
    parser.add_argument("--epochs", type=int, default=TRAINING["epochs"], help="number of epochs (0 trains nothing)")
    parser.add_argument("--init-weights", default=DEFAULT_INIT_WEIGHTS, help="start from this safetensors file")
    parser.add_argument("--save-weights", help="write the trained weights to this safetensors file")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto")
    parser.add_argument("--json", action="store_true", help="one JSON object per epoch, as nngraph train --json")
    parser.add_argument("--predict", action="store_true", help="after training, print one JSON array of outputs per row")
    parser.add_argument("--progress", action="store_true", help="with --json: a first line describing the run, and one per batch")
    return parser.parse_args()


def script_path(name):
    return name if os.path.isabs(name) else os.path.join(os.path.dirname(os.path.abspath(__file__)), name)


def start_processes(device_choice):
    """One process, or one of torchrun's: the device, the rank and the number of processes."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    use_cuda = device_choice == "cuda" or (device_choice == "auto" and torch.cuda.is_available())
    if world == 1:
        return torch.device("cuda" if use_cuda else "cpu"), 0, 1
    torch.distributed.init_process_group(backend="nccl" if use_cuda else "gloo")
    if use_cuda:
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        torch.cuda.set_device(local_rank)
        return torch.device("cuda", local_rank), torch.distributed.get_rank(), world
    return torch.device("cpu"), torch.distributed.get_rank(), world


def load_weights(model, path):
    tensors = read_safetensors(path)
    with torch.no_grad():
        for attribute, node_id, inputs, units, bias, _ in DENSE_LAYERS:
            layer = getattr(model, attribute)
            kernel = tensors.get(node_id + ".kernel")
            if kernel is None or list(kernel.shape) != [inputs, units]:
                fail(f"{path}: no tensor {node_id + '.kernel'!r} of shape [{inputs}, {units}]")
            layer.weight.copy_(torch.from_numpy(kernel.T.copy()))
            if bias:
                values = tensors.get(node_id + ".bias")
                if values is None or list(values.shape) != [units]:
                    fail(f"{path}: no tensor {node_id + '.bias'!r} of shape [{units}]")
                layer.bias.copy_(torch.from_numpy(values.copy()))


def initialize_weights(model):
    """The weights nngraph draws from the seed: dense layers in graph order, kernel then bias (zeros)."""
    weights_random = Random.for_stream(TRAINING["seed"], STREAM_WEIGHTS)
    with torch.no_grad():
        for attribute, _, inputs, units, bias, init in DENSE_LAYERS:
            layer = getattr(model, attribute)
            layer.weight.copy_(torch.from_numpy(initial_kernel(init, inputs, units, weights_random).T.copy()))
            if bias:
                layer.bias.zero_()


def weights_of(model):
    tensors = {}
    for attribute, node_id, _, _, bias, _ in DENSE_LAYERS:
        layer = getattr(model, attribute)
        tensors[node_id + ".kernel"] = layer.weight.detach().cpu().numpy().T
        if bias:
            tensors[node_id + ".bias"] = layer.bias.detach().cpu().numpy()
    return tensors


def evaluate(model, features, labels):
    """Mean loss (and accuracy) over the rows, in chunks of the batch size, as the core evaluates."""
    loss_sum, correct, count = 0.0, 0.0, features.shape[0]
    model.eval()
    with torch.no_grad():
        for start in range(0, count, TRAINING["batch_size"]):
            outputs = model(features[start : start + TRAINING["batch_size"]])
            rows = labels[start : start + TRAINING["batch_size"]]
            loss_sum += batch_loss(outputs, rows).item() * outputs.shape[0]
            correct += count_correct(outputs, rows)
        # As Keras' evaluate: the regularization term at these weights is part of the validation loss.
        penalty = float(model.penalty())
    model.train()
    return loss_sum / count + penalty, correct / count


def stop_agreed(world, device):
    """Whether to stop after this batch. Under torchrun every process must stop after the same batch (each step waits
    for the others' gradients), so the request of any process counts for all of them."""
    if world == 1:
        return STOP_REQUESTED[0]
    flag = torch.tensor([1.0 if STOP_REQUESTED[0] else 0.0], device=device)
    torch.distributed.all_reduce(flag, op=torch.distributed.ReduceOp.MAX)
    return flag.item() > 0


def local_batches(train_count, world):
    """Each process's share of the epoch's rows (the DistributedSampler pads to an equal share) and its batch size."""
    share = math.ceil(train_count / world) if world > 1 else train_count
    return share, max(1, TRAINING["batch_size"] // world)


def train_epoch(model, optimizer, features, labels, epoch_rows, rank, world, on_batch):
    """One epoch: the rows in the epoch's order, in batches; under torchrun each process takes its share of them.
    Returns the epoch's loss and accuracy, or None when a stop request ended it early."""
    if world > 1:
        sampler = torch.utils.data.distributed.DistributedSampler(epoch_rows, num_replicas=world, rank=rank, shuffle=False)
        epoch_rows = [epoch_rows[i] for i in sampler]
    _, batch_size = local_batches(len(epoch_rows), world)
    totals = torch.zeros(3, dtype=torch.float64, device=features.device)
    for step, start in enumerate(range(0, len(epoch_rows), batch_size), 1):
        rows = torch.tensor(epoch_rows[start : start + batch_size], device=features.device)
        optimizer.zero_grad()
        outputs = model(features[rows])
        loss = batch_loss(outputs, labels[rows]) + getattr(model, "module", model).penalty()
        loss.backward()
        optimizer.step()
        step_totals = [loss.item() * len(rows), count_correct(outputs.detach(), labels[rows]), len(rows)]
        totals += torch.tensor(step_totals, dtype=torch.float64, device=totals.device)
        if on_batch is not None:
            on_batch(step, step_totals, totals.tolist())
        if stop_agreed(world, features.device):
            return None
    if world > 1:
        torch.distributed.all_reduce(totals)
    loss_sum, correct, count = totals.tolist()
    return loss_sum / count, correct / count


class EarlyStopping:
    """Keras 3's EarlyStopping(monitor="val_loss", mode="min"), as nngraph's run applies it (src/core/run/earlyStopping.ts)."""

    def __init__(self, settings, model):
        self.settings, self.model = settings, model
        self.best, self.best_epoch, self.best_weights, self.wait, self.stopped_epoch, self.last_epoch = math.inf, 0, None, 0, None, 0

    def copy_weights(self):
        return {name: value.detach().clone() for name, value in self.model.state_dict().items()}

    def epoch_ended(self, epoch, val_loss):
        """Records a finished epoch (1-based); True when training should stop now."""
        self.last_epoch = epoch
        if self.settings["restore_best_weights"] and self.best_weights is None:
            self.best_weights, self.best_epoch = self.copy_weights(), epoch
        self.wait += 1
        if val_loss + self.settings["min_delta"] < self.best:
            self.best, self.best_epoch, self.wait = val_loss, epoch, 0
            if self.settings["restore_best_weights"]:
                self.best_weights = self.copy_weights()
            return False
        if self.wait >= self.settings["patience"] and epoch > 1:
            self.stopped_epoch = epoch
            return True
        return False

    def finish(self):
        """Puts the best epoch's weights back (restore_best_weights, stopped early or not) and says what happened."""
        restored = self.settings["restore_best_weights"] and self.best_weights is not None
        if restored:
            self.model.load_state_dict(self.best_weights)
        outcome = {"stop": "early-stopped", "stopped_epoch": self.stopped_epoch} if self.stopped_epoch is not None else {}
        outcome.update({"best_epoch": self.best_epoch, "best_val_loss": self.best,
                        "weights_epoch": self.best_epoch if restored else self.last_epoch, "restored_best_weights": restored})
        return outcome


def report(line, as_json, epochs):
    if as_json:
        print(json.dumps(line), flush=True)
        return
    parts = [f"{name}: {line[name]:.4f}" for name in ("loss", "accuracy", "val_loss", "val_accuracy") if name in line]
    print(f"Epoch {line['epoch']}/{epochs} - {line['elapsed_ms']:.0f}ms - " + " - ".join(parts), flush=True)


def main():
    args = parse_args()
    device, rank, world = start_processes(args.device)
    torch.manual_seed(TRAINING["seed"])
    raw_features, label_values, _ = read_dataset(script_path(DATA["csv"]), DATA["label"], DATA["features"])
    data_random = Random.for_stream(TRAINING["seed"], STREAM_DATA)
    train_rows, validation_rows = split_rows(len(raw_features), TRAINING["validation_split"], TRAINING["shuffle"], data_random)
    offset, scale = fit_normalization(raw_features, train_rows, NORMALIZE)
    features = torch.from_numpy(normalize(raw_features, offset, scale)).to(device)
    labels = label_tensor(label_values).to(device)
    model = GraphModel().to(device)
    if args.init_weights:
        load_weights(model, script_path(args.init_weights))
    else:
        initialize_weights(model)
    trained = torch.nn.parallel.DistributedDataParallel(model) if world > 1 else model
    optimizer = make_optimizer(trained.parameters())
    validation = torch.tensor(validation_rows, dtype=torch.long, device=device)
    stopper = EarlyStopping(TRAINING["early_stopping"], model) if TRAINING["early_stopping"] else None
    share, batch_size = local_batches(len(train_rows), world)
    progress = Progress(args, rank, world, len(train_rows), math.ceil(share / batch_size) if share > 0 else 0)
    progress.started(len(raw_features), len(validation_rows), features.shape[1], model, device)
    last, completed, stopped = {}, 0, False
    for epoch in range(1, args.epochs + 1):
        started = time.perf_counter()
        if TRAINING["shuffle"]:
            data_random.shuffle(train_rows)
        on_batch = progress.batch_reporter(epoch) if progress.enabled else None
        trained_epoch = train_epoch(trained, optimizer, features, labels, list(train_rows), rank, world, on_batch)
        if trained_epoch is None:
            stopped = True
            break
        loss, accuracy = trained_epoch
        last = {"epoch": epoch, "loss": loss}
        if TRAINING["accuracy"]:
            last["accuracy"] = accuracy
        if len(validation_rows) > 0:
            val_loss, val_accuracy = evaluate(model, features[validation], labels[validation])
            last["val_loss"] = val_loss
            if TRAINING["accuracy"]:
                last["val_accuracy"] = val_accuracy
        elapsed = time.perf_counter() - started
        last["samples_per_s"] = round(len(train_rows) / elapsed) if elapsed > 0 else 0
        last["elapsed_ms"] = round(elapsed * 1000, 3)
        completed = epoch
        if rank == 0:
            report(last, args.json, args.epochs)
        # Every process computes the same validation loss, so all of them stop at the same epoch.
        if stopper is not None and "val_loss" in last and stopper.epoch_ended(epoch, last["val_loss"]):
            break
        if epoch < args.epochs and stop_agreed(world, device):
            stopped = True
            break
    # A run the person stopped is not over, so early stopping restores nothing (as NN Graph's own run does).
    outcome = stopper.finish() if stopper is not None and not stopped else {}
    if rank == 0:
        finish(model, features, args, last, completed, progress.steps, stopped, outcome)
    if world > 1:
        # Every process waits here until rank 0 has written the weights and the lines.
        torch.distributed.barrier()
        sys.stdout.flush()
        sys.stderr.flush()
        # Tearing the process group down can deadlock in PyTorch 1.13 under Python 3.11 (Debian bookworm's): the gloo
        # group's destructor, run with the GIL held, joins a worker thread that waits for the GIL to free a tensor.
        # Nothing is left to write, so leave without running destructors.
        os._exit(0)


class Progress:
    """--progress (with --json, rank 0 only): a line describing the run, then one per batch, shaped like the batch
    reports of NN Graph's own engine; the batch loss is rank 0's, the running means are over rank 0's rows."""

    def __init__(self, args, rank, world, train_count, steps_per_epoch):
        self.enabled = args.progress and args.json and rank == 0
        self.world, self.train_count, self.steps_per_epoch = world, train_count, steps_per_epoch
        self.steps = 0

    def started(self, sample_count, validation_count, feature_count, model, device):
        if not self.enabled:
            return
        run = {"samples": sample_count, "train": self.train_count, "validation": validation_count,
               "features": feature_count, "steps_per_epoch": self.steps_per_epoch,
               "params": sum(parameter.numel() for parameter in model.parameters()),
               "device": str(device), "processes": self.world, "torch": torch.__version__}
        print(json.dumps({"run": run}), flush=True)

    def batch_reporter(self, epoch):
        global_batch = TRAINING["batch_size"] // self.world * self.world if self.world > 1 else TRAINING["batch_size"]
        before = (epoch - 1) * self.train_count

        def on_batch(step, step_totals, totals):
            self.steps += 1
            line = {"epoch": epoch, "step": step, "steps_per_epoch": self.steps_per_epoch, "global_step": self.steps,
                    "loss": totals[0] / totals[2], "batch_loss": step_totals[0] / step_totals[2],
                    "samples_seen": before + min(step * global_batch, self.train_count)}
            if TRAINING["accuracy"]:
                line["accuracy"] = totals[1] / totals[2]
                line["batch_accuracy"] = step_totals[1] / step_totals[2]
            print(json.dumps({"batch": line}), flush=True)

        return on_batch


def finish(model, features, args, last, completed, steps, stopped, outcome):
    if args.save_weights:
        write_safetensors(script_path(args.save_weights), weights_of(model), {"producer": "nngraph export (pytorch)"})
    if args.json:
        summary = {"done": True, "stop": "cancelled" if stopped else "completed", "epochs": completed}
        if args.progress:
            summary["steps"] = steps
        summary.update({name: last[name] for name in ("loss", "accuracy", "val_loss", "val_accuracy") if name in last})
        summary.update(outcome)
        if args.save_weights:
            summary["weights"] = args.save_weights
        print(json.dumps(summary), flush=True)
    elif stopped:
        print(f"Stopped after {completed} complete epochs", flush=True)
    elif outcome:
        early = f"stopped early after epoch {outcome['stopped_epoch']}; " if "stopped_epoch" in outcome else ""
        print(f"Early stopping: {early}best val_loss {outcome['best_val_loss']:.4f} at epoch {outcome['best_epoch']}; "
              f"weights of epoch {outcome['weights_epoch']} kept", flush=True)
    if args.predict:
        model.eval()
        with torch.no_grad():
            for start in range(0, features.shape[0], TRAINING["batch_size"]):
                for row in probabilities(model(features[start : start + TRAINING["batch_size"]])).cpu().tolist():
                    print(json.dumps(row))


if __name__ == "__main__":
    main()
`;
