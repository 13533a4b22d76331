"""A minimal safetensors reader and writer for PyTorch, used by the tests that compare with PyTorch.

Debian ships PyTorch (python3-torch) but not the `safetensors` package, so the tests read and write the format here:
8 bytes of little-endian header length, a JSON header of {name: {dtype, shape, data_offsets}}, then the raw
little-endian tensor bytes. It is written from the format's description, independently of NN Graph's TypeScript code,
so agreement between the two is a real check.
"""
import json
import struct

import torch

_DTYPES = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "I64": torch.int64, "I32": torch.int32}
_NAMES = {dtype: name for name, dtype in _DTYPES.items()}


def load_file(path):
    """Returns {name: tensor} (the __metadata__ entry is left out)."""
    with open(path, "rb") as f:
        raw = f.read()
    (header_len,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + header_len])
    data = raw[8 + header_len :]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        dtype = _DTYPES[entry["dtype"]]
        chunk = bytearray(data[start:end])
        flat = torch.frombuffer(chunk, dtype=dtype) if end > start else torch.zeros(0, dtype=dtype)
        tensors[name] = flat.reshape(entry["shape"]).clone()
    return tensors


def save_file(tensors, path, metadata=None):
    """Writes {name: tensor} in name order, each as its own dtype, contiguous and little-endian."""
    header = {}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        tensor = tensors[name].detach().cpu().contiguous()
        blob = tensor.numpy().tobytes()
        header[name] = {"dtype": _NAMES[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    if metadata:
        header["__metadata__"] = metadata
    header_bytes = json.dumps(header).encode("utf-8")
    header_bytes += b" " * (-len(header_bytes) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(header_bytes)) + header_bytes + b"".join(blobs))
