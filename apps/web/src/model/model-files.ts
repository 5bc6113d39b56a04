import { Network, type NetworkJSON } from '@backprop/core';
import type { ChainChoices, LinearChain } from '@backprop/interop';

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

/** A read model file: the network, or a PyTorch safetensors chain that still needs its activations (interop's inspectSafetensors). */
export type ReadModel = { readonly net: Network } | { readonly chain: LinearChain; readonly bytes: Uint8Array };

/** Reads a dropped or chosen file as a network; the format comes from the extension (JSON otherwise). */
export async function readModelFile(file: File): Promise<ReadModel> {
  const name = file.name.toLowerCase();
  if (name.endsWith('.onnx') || name.endsWith('.safetensors')) {
    const interop = await import('@backprop/interop');
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (name.endsWith('.onnx')) return { net: interop.fromOnnx(bytes) };
    const content = interop.inspectSafetensors(bytes);
    return content.kind === 'chain' ? { chain: content.chain, bytes } : { net: interop.fromSafetensors(bytes) };
  }
  return { net: Network.fromJSON(await file.text()) };
}

/** The network of a bare safetensors chain with the user's choices: `fromSafetensors(bytes, spec)`, as `backprop import --spec` does. */
export async function chainNetwork(bytes: Uint8Array, chain: LinearChain, choices: ChainChoices): Promise<Network> {
  const interop = await import('@backprop/interop');
  return interop.fromSafetensors(bytes, interop.chainSpec(chain, choices));
}

/** `4-8-3 relu/softmax`: the widths, the hidden activations and the output function. */
export function describeNetwork(net: Network): string {
  const hidden = [...new Set(net.layers.filter((l) => l.kind === 'hidden').map((l) => l.activation))];
  return `${[net.inputs, ...net.layers.map((l) => l.units)].join('-')} ${hidden.length ? `${hidden.join(',')}/` : ''}${net.output}`;
}
