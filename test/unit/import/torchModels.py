# Real producers for the import tests: MLPs built and exported by PyTorch's own torch.onnx.export (Debian's 1.13),
# each written to OUT/<name>.onnx with a CSV of feature rows (x0, x1, …, and a label column y that fits the model's
# loss) and PyTorch's outputs for those rows in OUT/<name>.out.json. The test imports each model, predicts with
# nngraph on the CSV and compares. Usage: python3 torchModels.py OUT
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

out = sys.argv[1]
torch.manual_seed(7)


class Plain(nn.Module):
    """Linear → ReLU → Linear → Sigmoid: a binary classifier (Gemm with transB=1)."""
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(5, 16)
        self.out = nn.Linear(16, 1)

    def forward(self, x):
        return torch.sigmoid(self.out(torch.relu(self.hidden(x))))


class Cat(nn.Module):
    """Two branches joined with torch.cat (Concat, axis 1), GELU (exported in its Erf form), softmax over 3 classes."""
    def __init__(self):
        super().__init__()
        self.left = nn.Linear(4, 6)
        self.right = nn.Linear(4, 5)
        self.head = nn.Linear(11, 3)

    def forward(self, x):
        joined = torch.cat([torch.tanh(self.left(x)), F.gelu(self.right(x))], dim=1)
        return torch.softmax(self.head(joined), dim=-1)


class Residual(nn.Module):
    """A residual add (x + f(x)) with LeakyReLU, ELU and Softplus, ending in a regression (no final activation)."""
    def __init__(self):
        super().__init__()
        self.inp = nn.Linear(3, 8)
        self.block = nn.Linear(8, 8)
        self.out = nn.Linear(8, 1)

    def forward(self, x):
        h = F.leaky_relu(self.inp(x), 0.2)
        h = h + F.elu(self.block(h), alpha=0.7)
        return self.out(F.softplus(h))


class MatMulAdd(nn.Module):
    """Weights used by hand, x @ W + b (MatMul then Add), and a softmax over 4 classes."""
    def __init__(self):
        super().__init__()
        self.w1 = nn.Parameter(torch.randn(6, 10) * 0.5)
        self.b1 = nn.Parameter(torch.randn(10) * 0.1)
        self.w2 = nn.Parameter(torch.randn(10, 4) * 0.5)
        self.b2 = nn.Parameter(torch.randn(4) * 0.1)

    def forward(self, x):
        return torch.softmax(torch.relu(x @ self.w1 + self.b1) @ self.w2 + self.b2, dim=1)


models = {
    'plain': (Plain(), 5, 'binary'),
    'cat': (Cat(), 4, 3),
    'residual': (Residual(), 3, 'regression'),
    'matmul': (MatMulAdd(), 6, 4),
}

for name, (model, width, labels) in models.items():
    model.eval()
    rows = torch.randn(40, width) * 2
    path = os.path.join(out, name)
    torch.onnx.export(model, rows[:2], f'{path}.onnx', input_names=['features'], output_names=['output'],
                      dynamic_axes={'features': {0: 'batch'}, 'output': {0: 'batch'}}, opset_version=13)
    with torch.no_grad():
        outputs = model(rows)
    with open(f'{path}.csv', 'w') as csv:
        csv.write(','.join(f'x{i}' for i in range(width)) + ',y\n')
        for r, row in enumerate(rows.tolist()):
            label = r % 2 if labels == 'binary' else (r % 7) * 0.5 if labels == 'regression' else r % labels
            csv.write(','.join(repr(value) for value in row) + f',{label}\n')
    with open(f'{path}.out.json', 'w') as result:
        json.dump(outputs.tolist(), result)
print(json.dumps(sorted(models)))
