// The choices of `backprop export` and `backprop import`, apart from the commands themselves so that
// parsing argv does not load @backprop/interop (commands are imported on demand, see index.ts).

/** What `backprop export --format` writes. */
export const exportFormats = ['onnx', 'safetensors', 'js', 'c', 'pytorch'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The export format an `--out` file's extension names (pytorch writes a folder: it is always asked for by name). */
export const exportExtensions: Readonly<Record<string, Exclude<ExportFormat, 'pytorch'>>> = { '.onnx': 'onnx', '.safetensors': 'safetensors', '.js': 'js', '.mjs': 'js', '.c': 'c' };

/** Tensor types `--dtype` accepts (ONNX and safetensors only; the JS module keeps the network's dtype). */
export const exportDtypes = ['float32', 'float64'] as const;
export type ExportDtype = (typeof exportDtypes)[number];

/** What `backprop import` reads. */
export const importFormats = ['onnx', 'safetensors'] as const;
export type ImportFormat = (typeof importFormats)[number];
