import { Network, type NetworkJSON } from '@backprop/core';

// Model files in and out of the page: backprop JSON, ONNX, safetensors (with its PyTorch snippet) and
// the standalone ES module. @backprop/interop (protobufjs inside) loads on first use, so the page
// itself does not wait for it.

/** The file formats the page exports. */
export type ExportFormat = 'json' | 'onnx' | 'safetensors' | 'js';

/** A file to download: its name and content. */
export interface ModelFile {
  readonly name: string;
  readonly content: Blob;
}

/** The files of one export: the module comes with its `.d.ts`, safetensors with the Python that loads it. */
export async function modelFiles(json: NetworkJSON, format: ExportFormat): Promise<ModelFile[]> {
  if (format === 'json') return [{ name: 'model.json', content: new Blob([`${JSON.stringify(json, null, 2)}\n`], { type: 'application/json' }) }];
  const interop = await import('@backprop/interop');
  const net = Network.fromJSON(json);
  // Blob parts want ArrayBuffer-backed views; the exporters return plain Uint8Arrays.
  const bytes = (b: Uint8Array) => new Blob([new Uint8Array(b)], { type: 'application/octet-stream' });
  if (format === 'onnx') return [{ name: 'model.onnx', content: bytes(interop.toOnnx(net)) }];
  if (format === 'safetensors') {
    return [
      { name: 'model.safetensors', content: bytes(interop.toSafetensors(net)) },
      { name: 'load_model.py', content: new Blob([interop.pytorchSnippet(net, { file: 'model.safetensors' })], { type: 'text/x-python' }) },
    ];
  }
  const { js, dts } = interop.toStandaloneModule(net);
  return [
    { name: 'model.js', content: new Blob([js], { type: 'text/javascript' }) },
    { name: 'model.d.ts', content: new Blob([dts], { type: 'text/plain' }) },
  ];
}

/** Reads a dropped or chosen file as a network; the format comes from the extension (JSON otherwise). */
export async function readModelFile(file: File): Promise<Network> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.onnx') || name.endsWith('.safetensors')) {
    const interop = await import('@backprop/interop');
    const bytes = new Uint8Array(await file.arrayBuffer());
    return name.endsWith('.onnx') ? interop.fromOnnx(bytes) : interop.fromSafetensors(bytes);
  }
  return Network.fromJSON(await file.text());
}

/** `4-8-3 relu/softmax`: the widths, the hidden activations and the output function. */
export function describeNetwork(net: Network): string {
  const hidden = [...new Set(net.layers.filter((l) => l.kind === 'hidden').map((l) => l.activation))];
  return `${[net.inputs, ...net.layers.map((l) => l.units)].join('-')} ${hidden.length ? `${hidden.join(',')}/` : ''}${net.output}`;
}
