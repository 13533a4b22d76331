"""PyTorch autograd reference for `nngraph explain`: rebuilds a .nngraph graph in float64 from its JSON (written here
from the format page, independently of NN Graph's compiler), loads the safetensors weights, runs one sample (a batch of
one) forward, the loss backward, and prints every node's output and gradient and each dense node's weight gradients.

Usage: explainReference.py CASES.json, where CASES.json is a list of {"graph", "weights", "features", "label"}; prints
one JSON object per case: {"loss", "nodes": {ID: {"output", "outputGrad", "paramGrads": {"kernel", "bias"}}}}.
Dropout is the identity, as at inference. A folded sigmoid/softmax (the one a cross-entropy reads directly, without
fromLogits) is a node like any other here: its output gets the gradient of -sum y log p, i.e. -y/p.
"""
import json
import sys

import torch
import torch.nn.functional as F

from safetensors_torch import load_file

torch.set_default_dtype(torch.float64)

ALPHA_DEFAULTS = {"leaky_relu": 0.01, "elu": 1.0}


def activation(fn, x, alpha):
    if fn == "relu":
        return torch.relu(x)
    if fn == "sigmoid":
        return torch.sigmoid(x)
    if fn == "tanh":
        return torch.tanh(x)
    if fn == "softmax":
        return torch.softmax(x, dim=-1)
    if fn == "leaky_relu":
        return F.leaky_relu(x, alpha)
    if fn == "elu":
        return F.elu(x, alpha)
    if fn == "gelu":
        return F.gelu(x)  # exact (erf), as Keras' default and the core
    if fn == "softplus":
        return F.softplus(x)
    if fn == "linear":
        return x * 1.0
    raise ValueError(f"unknown activation {fn}")


def topological(nodes, edges):
    incoming = {node["id"]: {} for node in nodes}
    for edge in edges:
        to_node, to_port = edge["to"].split(".")
        incoming[to_node][to_port] = edge["from"]
    order, done = [], set()
    while len(order) < len(nodes):
        for node in nodes:
            if node["id"] in done:
                continue
            if all(source.split(".")[0] in done for source in incoming[node["id"]].values()):
                order.append(node)
                done.add(node["id"])
    return order, incoming


def explain(case):
    graph = json.load(open(case["graph"]))
    weights = {name: tensor.to(torch.float64).requires_grad_(True) for name, tensor in load_file(case["weights"]).items()}
    nodes, edges = graph["nodes"], graph["edges"]
    order, incoming = topological(nodes, edges)
    consumers = {}
    for edge in edges:
        consumers[edge["from"]] = consumers.get(edge["from"], 0) + 1
    by_id = {node["id"]: node for node in nodes}
    outputs = {}
    loss_node = None
    for node in order:
        node_id, kind, params = node["id"], node["type"], node.get("params", {})
        source = lambda port: outputs[incoming[node_id][port].split(".")[0]]
        if kind == "input":
            value = torch.tensor([case["features"]], dtype=torch.float64, requires_grad=True)
        elif kind == "dense":
            value = source("in") @ weights[f"{node_id}.kernel"]
            if f"{node_id}.bias" in weights:
                value = value + weights[f"{node_id}.bias"]
            fn = params.get("activation", "linear")
            if fn != "linear":  # a dense node's own activation, as Keras' Dense(activation=...), default alpha
                value = activation(fn, value, ALPHA_DEFAULTS.get(fn, 0.0))
        elif kind == "activation":
            fn = params["fn"]
            value = activation(fn, source("in"), float(params.get("alpha", ALPHA_DEFAULTS.get(fn, 0.0))))
        elif kind == "dropout":
            value = source("in") * 1.0
        elif kind == "add":
            value = source("a") + source("b")
        elif kind == "concat":
            value = torch.cat([source("a"), source("b")], dim=-1)
        elif kind == "features":
            # Playground's derived inputs, in the format page's order: x, x squared, the pairwise products x_i x_j
            # (i < j, in row-major order), sin x; only the groups the node includes.
            x = source("in")
            include = set(params["include"])
            columns = []
            if "x" in include:
                columns.append(x)
            if "square" in include:
                columns.append(x * x)
            if "product" in include:
                n = x.shape[-1]
                columns += [x[:, i:i + 1] * x[:, j:j + 1] for i in range(n) for j in range(i + 1, n)]
            if "sin" in include:
                columns.append(torch.sin(x))
            value = torch.cat(columns, dim=-1)
        elif kind in ("cross-entropy", "mse"):
            loss_node = node
            continue
        else:
            raise ValueError(f"unknown node type {kind}")
        if value.requires_grad:
            value.retain_grad()
        outputs[node_id] = value
    prediction_source = incoming[loss_node["id"]]["predictions"]
    p = outputs[prediction_source.split(".")[0]]
    width = p.shape[-1]
    label = case["label"]
    if isinstance(label, list):
        y = torch.tensor([label], dtype=torch.float64)
    else:
        y = torch.zeros(1, width)
        y[0, int(label)] = 1.0
    params = loss_node.get("params", {})
    if loss_node["type"] == "mse":
        loss = ((p - y) ** 2).mean()
    else:
        binary = params.get("mode") == "binary"
        from_logits = params.get("fromLogits") is True
        source_node = by_id[prediction_source.split(".")[0]]
        folded = (not from_logits and source_node["type"] == "activation" and consumers[prediction_source] == 1
                  and source_node["params"]["fn"] == ("sigmoid" if binary else "softmax"))
        if binary:
            loss = F.binary_cross_entropy_with_logits(p, y) if from_logits else F.binary_cross_entropy(p, y)
        elif from_logits:
            loss = -(y * torch.log_softmax(p, dim=-1)).sum()
        elif folded:
            loss = -(y * torch.log(p)).sum()
        else:
            loss = -(y * torch.log(p / p.sum())).sum()  # Keras' categorical cross-entropy on probabilities renormalizes
    loss.backward()
    result = {}
    for node_id, value in outputs.items():
        entry = {"output": value[0].tolist(), "outputGrad": value.grad[0].tolist()}
        if f"{node_id}.kernel" in weights:
            entry["paramGrads"] = {"kernel": weights[f"{node_id}.kernel"].grad.tolist()}
            if f"{node_id}.bias" in weights:
                entry["paramGrads"]["bias"] = weights[f"{node_id}.bias"].grad.tolist()
        result[node_id] = entry
    result[loss_node["id"]] = {"output": loss.item(), "outputGrad": 1.0}
    return {"loss": loss.item(), "nodes": result}


def main():
    cases = json.load(open(sys.argv[1]))
    for case in cases:
        print(json.dumps(explain(case)))


if __name__ == "__main__":
    main()
