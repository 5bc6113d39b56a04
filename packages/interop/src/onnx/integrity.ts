import { onnxFail } from '../errors.js';
import type { ModelProto } from './proto.js';

// Protobuf has no end marker: a file cut exactly between two fields is a valid, shorter message. ModelProto's
// fields go on the wire in number order (graph 7, opset_import 8, metadata_props 14), so a cut after the graph
// loses only trailing metadata_props entries, and the model would load silently without them (its labels,
// scaler or the user's metadata). An entry written *last* cannot say so, as the cut removes it first; so the
// entry that declares the others goes *first* among metadata_props, and a cut before it leaves a file of ours
// (producer_name "backprop") without any metadata, which toOnnx never writes (the loss is always there).

/** The metadata_props key of the leading entry: JSON `{ "keys": [the keys of the entries after it, in order] }`. */
export const INTEGRITY_KEY = 'backprop.integrity';

/** The producer_name toOnnx writes (ahead of the graph on the wire, so it survives any cut after it). */
export const PRODUCER = 'backprop';

/** The leading entry for `entries` (the metadata_props that follow it). */
export function integrityEntry(entries: readonly { readonly key: string }[]): { key: string; value: string } {
  return { key: INTEGRITY_KEY, value: JSON.stringify({ keys: entries.map((e) => e.key) }) };
}

// The first few missing keys, each cut at 32 characters (a key may have 64): a message of one or two lines.
const quoted = (keys: readonly string[], max = 4): string => {
  const shown = keys.slice(0, max).map((k) => JSON.stringify(k.length > 32 ? `${k.slice(0, 31)}…` : k));
  return keys.length > max ? `${shown.join(', ')} and ${keys.length - max} more` : shown.join(', ');
};

/**
 * Checks that a file toOnnx wrote is whole: every entry its integrity entry lists is present, and a file of ours
 * has its graph and metadata at all. Files from other tools (no integrity entry, another producer) pass as they are;
 * entries added after export (another tool's) are allowed. Throws `OnnxImportError` (`corrupt_model`) naming what is missing.
 */
export function checkIntegrity(model: ModelProto): void {
  const props = model.metadataProps ?? [];
  const entry = props.find((p) => p.key === INTEGRITY_KEY);
  if (entry === undefined) {
    if (model.producerName !== PRODUCER) return;
    if (!model.graph) onnxFail('corrupt_model', 'model.graph', 'the graph toOnnx writes', 'none (the file ends before it: truncated?)');
    if (props.length === 0) onnxFail('corrupt_model', 'metadata_props', 'the entries toOnnx writes after the graph (the loss at least)', 'none (the file ends before them: truncated?)');
    return;
  }
  let keys: unknown;
  try {
    keys = (JSON.parse(entry.value ?? '') as { keys?: unknown }).keys;
  } catch {
    keys = undefined;
  }
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) {
    onnxFail('corrupt_model', `metadata_props "${INTEGRITY_KEY}"`, 'JSON {"keys": [the keys of the entries after it]}', JSON.stringify((entry.value ?? '').slice(0, 40)));
  }
  const present = new Set(props.map((p) => p.key));
  const missing = (keys as string[]).filter((k) => !present.has(k));
  if (missing.length > 0) {
    const found = keys.length - missing.length;
    onnxFail('corrupt_model', 'metadata_props', `the ${keys.length} entries "${INTEGRITY_KEY}" lists`, `${found}, without ${quoted(missing)} (the file ends early: truncated?)`);
  }
}
