// The command line's help texts, one per command (`nngraph <command> --help`).
import type { CommandName } from './args';

const dataOptionsHelp = `
CSV data sets:
  --root DIR           a CSV path must stay inside DIR, symbolic links included (default: the graph's folder)
  --max-csv-mb N       refuse CSV files over N megabytes (default: 512)`;

export const usageText: Readonly<Record<'main' | CommandName, string>> = {
  main: `Usage: nngraph <command> [options]

Commands:
  check FILE...      check .nngraph files; prints file:line:col - error NGxxx: message
  summary FILE       print the model's layers, output shapes, parameter counts and FLOPs per sample
  train FILE         train the model on its dataset and report loss and metrics per epoch
  predict FILE       print the trained model's outputs (probabilities) for each row of its dataset or of a CSV
  explain FILE       one sample through the model, forward and backward: every node's output and gradient
  export FILE        write the graph as a training program (--to pytorch|keras|tfjs) or an ONNX model (--to onnx)
  import MODEL       turn a trained model (.onnx, Keras/TF.js .json) into a .nngraph and its weights, to edit, check and retrain
  diff A B           print what changed between two .nngraph files as networks; exit 1 when they differ

Options:
  -h, --help         show help (nngraph <command> --help for a command's options)
  -V, --version      show the version

Exit codes: 0 success, 1 errors in a file or a failed run, 2 wrong usage, 130 stopped by Ctrl-C, 143 by SIGTERM.`,
  check: `Usage: nngraph check FILE... [--root DIR] [--max-csv-mb N]

Checks each .nngraph file (structure, parameters, wiring, shapes, dataset) and prints one line per problem:
  file:line:col - error NGxxx: message
Exits with 1 when any file has an error (warnings alone exit 0).
${dataOptionsHelp}`,
  summary: `Usage: nngraph summary FILE [--root DIR] [--max-csv-mb N]

Prints a Keras-like table of the model: each layer, its output shape and its number of parameters.
${dataOptionsHelp}`,
  train: `Usage: nngraph train FILE [options]

Trains the model on the dataset named in the file, with the file's training settings unless overridden.

Options:
  --epochs N           number of epochs (0 with --save-weights writes the initial weights)
  --batch-size N       samples per step
  --learning-rate X    the optimizer's learning rate
  --seed N             seed of the weights, the data split, shuffling, dropout and generated datasets
  --backend B          auto (default: WebAssembly SIMD where it runs, else TypeScript), wasm or js
  --init-weights F     start from the weights in the safetensors file F
  --save-weights F     write the trained weights to the safetensors file F (also when stopped by Ctrl-C or
                       SIGTERM, and the last finite ones after a non-finite stop); never the graph or its CSV
  --force              let --save-weights replace an existing file that is not a safetensors file
  --json               one JSON object per epoch on stdout, then a summary with "done": true
  --quiet              print only the final result
  --engine E           builtin (NN Graph's own) or pytorch (the exported PyTorch script, run with your Python, from
                       the same initial weights, with the same output); the file's training.engine by default
  --nproc N            pytorch: N processes under torchrun (DistributedDataParallel, gloo on CPU, nccl on GPU)
  --python PATH        pytorch: the Python that has torch and numpy (default python3)
${dataOptionsHelp}

Ctrl-C stops after the current batch (and saves the weights if --save-weights is given); exit code 130.
SIGTERM does the same, with exit code 143. Both hold for the pytorch engine too: every process stops after the same
batch and the first one's weights are saved.`,
  predict: `Usage: nngraph predict FILE [--weights F] [--input CSV] [--json] [--root DIR] [--max-csv-mb N]

Prints the model's outputs for each input row, in order: the probabilities after the final activation (sigmoid or
softmax, also when the loss applies it itself), or the predictions of a regression (mse) model.

Options:
  --weights F          the safetensors weights to use (default: <name>.safetensors beside the graph)
  --input CSV          predict on the rows of CSV instead of the graph's dataset: a header row, then one row per
                       sample holding every feature column by name (any order; other columns, such as the label,
                       are ignored). The values are raw features, in the units of the dataset: they are normalized
                       with the statistics fitted on the training rows, exactly as training does, the way a Keras
                       model with a Normalization layer or a PyTorch pipeline with its fitted scaler takes raw rows.
                       A graph with featureCount and no dataset (nngraph import without --dataset) needs --input:
                       its features are the columns x0…x{n-1} (any order, other columns ignored), or else all
                       columns when there are exactly featureCount of them, read as they are (normalize "none").
  --json               one JSON array of numbers per row (otherwise a CSV with a header naming the outputs)
${dataOptionsHelp}`,
  explain: `Usage: nngraph explain FILE --sample N [--weights F] [--json] [--root DIR] [--max-csv-mb N]

Runs row N of the graph's dataset (in file order, from 0, with the features normalized as training normalizes them)
through the model as a batch of one, forward and backward, in float64, and prints every node's output, the gradient
of the loss with respect to it, each dense layer's kernel and bias gradients, the loss node's pieces (probabilities,
−log p_y, ŷ − y at the logits, and the tutorial's formula −y/ŷ + 1 beside the right one), the chain rule at each
dense layer, and a numerical check (central differences) of the gradients. Dropout is inactive (inference).

Options:
  --sample N           the row to explain (required)
  --weights F          the safetensors weights to use (default: <name>.safetensors beside the graph when it exists,
                       else the initial weights drawn from the graph's seed; the output says which)
  --json               one JSON object: {"sample", "rows", "features", "label", "loss", "weights", "nodes": {ID:
                       {"role", "output", "outputGrad", "paramGrads": {"kernel", "bias"}}}, "lossNode", "dense",
                       "activations", "checks"}; values are nested arrays in the tensor's shape without the batch
                       axis, a kernel is [in][units], the loss node's output is a number
${dataOptionsHelp}`,
  export: `Usage: nngraph export FILE --to pytorch|keras|tfjs|onnx [-o PATH] [--weights F] [--force] [--root DIR] [--max-csv-mb N]

pytorch, keras and tfjs write a standalone program that builds the graph and trains it with the graph's settings, on
the same rows and validation rows as 'nngraph train', normalized the same way. A built-in dataset is written beside
the program as <program>.data.csv; a CSV dataset is read from its place.
  pytorch  a Python script (torch and numpy only) with an nn.Module, trained the way 'nngraph train' does: the same
           initial weights from the seed, the optimizer with Keras' formulas and epsilon, file order when shuffle is
           off. Run it with 'python3 SCRIPT --help', or under 'torchrun --nproc_per_node N SCRIPT'.
  keras    a Keras 3 script: keras.Sequential for a chain, the functional API for any other DAG, Keras' optimizer,
           loss (from_logits where the graph folds its final activation), metrics and set_random_seed.
  tfjs     a Node program (CommonJS, @tensorflow/tfjs) that trains with model.fit and prints the per-epoch lines of
           'nngraph train --json' with --json.
  onnx     the trained model as an ONNX inference graph (opset 20) whose input 'features' takes raw feature rows: the
           normalization fitted on the training rows is inside the model, and its output is what 'nngraph predict'
           prints (the probabilities after the final sigmoid or softmax). The weights are --weights F, else
           <name>.safetensors beside the graph, else the seed's untrained initial weights (with a note saying so).

Options:
  --to TARGET          pytorch, keras, tfjs or onnx
  -o, --output PATH    the file to write (default beside the graph: <name>.py, <name>.keras.py, <name>.tfjs.cjs,
                       <name>.onnx)
  --weights F          pytorch, keras, tfjs: start the program from these safetensors weights by default (copied
                       beside it as <program>.init.safetensors); onnx: the weights the model holds
  --force              replace existing files; without it nothing is written over an existing file
${dataOptionsHelp}`,
  import: `Usage: nngraph import MODEL [-o FILE.nngraph] [--dataset SPEC] [--force] [--root DIR] [--max-csv-mb N]

Reads a trained model and writes it as a graph (laid out by the auto-layout) with its weights beside it as
<name>.safetensors, so it can be edited, checked, trained further and predicted with. MODEL is an ONNX file (.onnx)
of a model on feature rows ([batch, features]): Gemm, or MatMul + Add, becomes a dense layer; Relu, Sigmoid, Tanh,
Softmax (last axis), LeakyRelu, Elu, Gelu (the op or PyTorch's Erf form), Softplus and Identity activations;
Dropout, Add and Concat (last axis); Flatten from axis 1 passes [batch, width] rows through. Any other op is
refused with a message naming the node, its op and where it sits. MODEL may also be a TF.js layers model.json (its
.bin weight shards beside it) or a Keras JSON config (model.to_json(), no weights: the graph starts from its
initializers), Sequential or functional, with InputLayer, Dense, Activation, ReLU, LeakyReLU, ELU, Softmax, Dropout,
Add and Concatenate layers. The loss follows the output: softmax → categorical cross-entropy, sigmoid → binary, anything else → mse.

Options:
  -o, --output FILE    the graph to write (default: <model name>.nngraph beside the model)
  --dataset SPEC       the dataset the graph trains and predicts on: a built-in name (iris, moons, …) or a dataset
                       object as JSON, e.g. '{"csv": "data.csv", "label": "y"}' (a CSV path relative to the graph).
                       Without it the input node declares the model's feature count, and the graph says (NG051) that a
                       dataset is still to be chosen; 'nngraph predict FILE --input CSV' predicts on raw rows at once. A Sub/Div input scaling (NN Graph's own ONNX export) becomes
                       normalize standard or minmax when this dataset's training rows give the same statistics;
                       otherwise it is folded into the first dense layers' weights.
  --force              replace existing files; without it nothing is written over an existing file
${dataOptionsHelp}`,
  diff: `Usage: nngraph diff A B [--json] [--positions]

Compares two .nngraph files as networks: nodes and edges added or removed, parameters and training settings changed
(old → new). Renamed ids, the order of keys, nodes and edges, and defaults written out are not changes; node
positions are not either, unless --positions is given.

Options:
  --json         one JSON object on stdout with every change (and renames, and moves with --positions)
  --positions    report moved nodes, and count a move as a difference

Exits with 0 when the networks are the same, 1 when they differ, 2 when a file cannot be read (file:line:col).`,
};
