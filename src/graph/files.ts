// The files that live beside a graph, named from the graph's own file name (the format page, "Trained weights").

/** `model.nngraph` → `model`: the name the files beside the graph are derived from. */
export function graphBaseName(graphFileName: string): string {
  return graphFileName.replace(/\.nngraph$/i, '');
}

/** Where a graph's trained weights live: `<name>.safetensors` beside `<name>.nngraph`. */
export function weightsFileNameFor(graphFileName: string): string {
  return `${graphBaseName(graphFileName)}.safetensors`;
}
