# The PyTorch side of fileOrder.test.ts: trains the test's model on its CSV in file order (no shuffling, no held-out
# rows), from the test's starting weights, and prints one JSON line per epoch with the sample-weighted mean batch loss
# (what Keras and `nngraph train --json` report). Float64 throughout, so the reference carries no rounding of its own.
# The safetensors file is read by hand (Debian has no safetensors package): an 8-byte little-endian header length, a
# JSON header, then raw little-endian float32 data.
import csv
import json
import struct
import sys

import torch


def read_safetensors(path):
    with open(path, "rb") as file:
        data = file.read()
    (header_length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + header_length])
    start = 8 + header_length
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        assert entry["dtype"] == "F32", entry
        begin, end = entry["data_offsets"]
        values = struct.unpack("<%df" % ((end - begin) // 4), data[start + begin : start + end])
        tensors[name] = torch.tensor(values, dtype=torch.float64).reshape(entry["shape"])
    return tensors


def main():
    csv_path, weights_path, settings_json = sys.argv[1:4]
    settings = json.loads(settings_json)
    with open(csv_path, newline="") as file:
        rows = list(csv.DictReader(file))
    features = torch.tensor([[float(row[name]) for name in settings["features"]] for row in rows], dtype=torch.float64)
    labels = torch.tensor([int(row[settings["label"]]) for row in rows], dtype=torch.long)
    weights = read_safetensors(weights_path)
    # Kernels are [in, units] as Keras stores them; a Linear holds [units, in].
    hidden = torch.nn.Linear(features.shape[1], weights["hidden.bias"].shape[0]).double()
    out = torch.nn.Linear(weights["out.kernel"].shape[0], weights["out.bias"].shape[0]).double()
    with torch.no_grad():
        hidden.weight.copy_(weights["hidden.kernel"].T)
        hidden.bias.copy_(weights["hidden.bias"])
        out.weight.copy_(weights["out.kernel"].T)
        out.bias.copy_(weights["out.bias"])
    model = torch.nn.Sequential(hidden, torch.nn.ReLU(), out)
    # Keras' SGD with momentum (v ← μ·v − lr·g; w ← w + v) is PyTorch's (b ← μ·b + g; w ← w − lr·b) for a fixed lr.
    optimizer = torch.optim.SGD(model.parameters(), lr=settings["learningRate"], momentum=settings["momentum"])
    batch_size = settings["batchSize"]
    for epoch in range(1, settings["epochs"] + 1):
        loss_sum = 0.0
        for start in range(0, len(rows), batch_size):
            x = features[start : start + batch_size]
            y = labels[start : start + batch_size]
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(y)
        print(json.dumps({"epoch": epoch, "loss": loss_sum / len(rows)}))


main()
