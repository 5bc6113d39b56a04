/**
 * @backprop/interop: carry @backprop/core networks to and from the tools that scale — ONNX (export
 * and import), safetensors with a PyTorch snippet, and a dependency-free standalone predict module.
 * Uses only the core's public API and has no other dependency: ONNX's protobuf is read and written by a
 * small static codec (onnx/wire.ts), byte for byte what protobufjs writes.
 * @packageDocumentation
 */

/** ONNX export: `toOnnx(net) → Uint8Array` (opset 13, IR 7, input `input` / output `output`, batch `N`). */
export { toOnnx, ONNX_OPSET, ONNX_IR_VERSION, ONNX_METADATA_KEYS } from './onnx/export.js';
export type { OnnxExportOptions } from './onnx/export.js';
/** ONNX import: `fromOnnx(bytes) → Network` for PyTorch / tf2onnx feed-forward graphs. */
export { fromOnnx } from './onnx/import.js';
/** PyTorch weights: safetensors with nn.Sequential names, and the Python that rebuilds the module. */
export { toSafetensors, fromSafetensors } from './safetensors.js';
export type { SafetensorsOptions } from './safetensors.js';
/** Bare PyTorch safetensors (no metadata): the Linear chain its tensors describe, and the spec for fromSafetensors. */
export { inspectSafetensors, chainSpec } from './safetensors-chain.js';
export type { ChainChoices, LinearChain, SafetensorsContent, TensorShape } from './safetensors-chain.js';
export type { SafetensorsNames } from './safetensors-names.js';
export { pytorchSnippet } from './pytorch.js';
export type { PytorchSnippetOptions } from './pytorch.js';
/** A typed, dependency-free ES module computing predict, for shipping a model without the library. */
export { toStandaloneModule } from './standalone.js';
export type { StandaloneModule, StandaloneOptions } from './standalone.js';
/** C99 for microcontrollers: a dependency-free header and source computing predict with float32 weights. */
export { toCSource } from './c-source.js';
export type { CSource, CSourceOptions } from './c-source.js';
/** Typed errors of the loaders (both extend the core's BackpropError), and the importer's operator list. */
export { OnnxImportError, SafetensorsError, SUPPORTED_ONNX_OPS } from './errors.js';
export type { Bytes } from './bytes.js';
/**
 * A training run to PyTorch and back: a folder with the weights, torch.optim's state, the schedule and
 * position, and a train.py that continues exactly (one process or DistributedDataParallel); then the
 * folder back into a checkpoint that `fit(…, { resume: true })` continues.
 */
export { toPytorchTraining } from './pytorch-training/export.js';
export type { PytorchTrainingOptions } from './pytorch-training/export.js';
export { TRAINING_FOLDER_FORMAT } from './pytorch-training/folder.js';
export type { TrainingFolderJSON } from './pytorch-training/folder.js';
/** Parts of {@link TrainingFolderJSON}: the architecture, the torch.optim optimizer and the resolved schedule that train.py reads. */
export type { Architecture, ResolvedSchedule, TorchOptimizer } from './pytorch-training/mapping.js';
export { fromPytorchTraining, TrainingFolderError } from './pytorch-training/import.js';
export type { ImportedTraining } from './pytorch-training/import.js';
