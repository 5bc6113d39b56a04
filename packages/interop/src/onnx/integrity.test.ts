import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { OnnxImportError } from '../errors.js';
import { batch, maxAbsDiff, predictArray, runOrt, withPreprocessing } from '../testing/nets.js';
import { ONNX_METADATA_KEYS, toOnnx } from './export.js';
import { fromOnnx } from './import.js';
import { decodeModel, encodeModel } from './proto.js';

// Protobuf has no end marker: before the integrity entry, a file cut between two trailing metadata_props
// entries loaded without them (its labels, scaler, the user's metadata), and nothing said so.
const PYTHON = '/usr/bin/python3';
const dir = mkdtempSync(join(tmpdir(), 'backprop-integrity-'));
const metadata = { dataset: 'data/iris.csv', label: 'species', seed: 0, standardized: true };
const net = withPreprocessing(Network.create({ inputs: 3, layers: [{ units: 4, activation: 'tanh' }], output: { units: 3, fn: 'softmax' }, seed: 2 })).setMetadata(metadata);
const bytes = toOnnx(net);
const model = decodeModel(bytes);
const props = model.metadataProps!;

function error(of: () => unknown): Error | undefined {
  try {
    of();
  } catch (e) {
    return e as Error;
  }
  return undefined;
}

describe('a file toOnnx wrote, cut short, is refused', () => {
  test('the integrity entry comes first and lists every other entry', () => {
    expect(props[0]!.key).toBe(ONNX_METADATA_KEYS.integrity);
    expect(JSON.parse(props[0]!.value!)).toEqual({ keys: props.slice(1).map((p) => p.key) });
    expect(props.slice(1).map((p) => p.key)).toEqual(['backprop.loss', 'backprop.labels', 'backprop.scaler', 'backprop.metadata.types', 'dataset', 'label', 'seed', 'standardized']);
  });

  test('every cut, at every byte, is an OnnxImportError (none loads)', () => {
    for (let n = 1; n < bytes.length; n++) {
      const e = error(() => fromOnnx(bytes.subarray(0, n)));
      expect(e, `cut at ${n} of ${bytes.length} bytes loaded`).toBeInstanceOf(OnnxImportError);
      expect((e as OnnxImportError).code, String(n)).toBe('corrupt_model');
      expect(e!.message, String(n)).toMatch(/truncated\?\)$|model\.graph: expected a graph with nodes, got no graph$/);
    }
  });

  test('a cut between two entries names the entries missing', () => {
    for (let k = 1; k < props.length; k++) {
      const prefix = encodeModel({ ...model, metadataProps: props.slice(0, k) });
      // The wire order puts metadata_props last, so this is exactly the file's first bytes.
      expect(Buffer.from(bytes.subarray(0, prefix.length)).equals(Buffer.from(prefix))).toBe(true);
      const missing = props.slice(k).map((p) => JSON.stringify(p.key));
      const shown = missing.length > 4 ? `${missing.slice(0, 4).join(', ')} and ${missing.length - 4} more` : missing.join(', ');
      expect(error(() => fromOnnx(prefix))?.message).toBe(`metadata_props: expected the ${props.length - 1} entries "backprop.integrity" lists, got ${k - 1}, without ${shown} (the file ends early: truncated?)`);
    }
  });

  test('a cut before the integrity entry (after the graph or opset_import) leaves a file of ours without metadata: refused', () => {
    const noMeta = encodeModel({ ...model, metadataProps: [] });
    expect(error(() => fromOnnx(noMeta))?.message).toBe('metadata_props: expected the entries toOnnx writes after the graph (the loss at least), got none (the file ends before them: truncated?)');
    const noOpset = encodeModel({ ...model, opsetImport: [], metadataProps: [] });
    expect(Buffer.from(bytes.subarray(0, noOpset.length)).equals(Buffer.from(noOpset))).toBe(true);
    expect(error(() => fromOnnx(noOpset))).toBeInstanceOf(OnnxImportError);
  });

  test('long keys are cut in the message (a key may have 64 characters)', () => {
    const long = Network.create({ inputs: 2, output: { units: 2, fn: 'softmax' } }).setMetadata({ [`k${'x'.repeat(60)}`]: 'v', second: 'w' });
    const m = decodeModel(toOnnx(long));
    const cut = encodeModel({ ...m, metadataProps: m.metadataProps!.slice(0, 2) });
    expect(error(() => fromOnnx(cut))?.message).toBe(`metadata_props: expected the 3 entries "backprop.integrity" lists, got 1, without "k${'x'.repeat(30)}…", "second" (the file ends early: truncated?)`);
  });

  test('a damaged integrity entry is a typed error naming it', () => {
    const damaged = encodeModel({ ...model, metadataProps: [{ key: 'backprop.integrity', value: '{"keys": 3}' }, ...props.slice(1)] });
    expect(error(() => fromOnnx(damaged))?.message).toMatch(/^metadata_props "backprop\.integrity": expected JSON \{"keys"/);
  });
});

describe('files from other tools, and ours edited by them, still load', () => {
  test('no integrity entry, another producer: loads with its entries, and without any metadata at all', () => {
    const theirs = encodeModel({ ...model, producerName: 'pytorch', metadataProps: props.slice(1, 3) });
    expect(fromOnnx(theirs).preprocessing?.labels).toEqual(['class-0', 'class-1', 'class-2']);
    expect(fromOnnx(encodeModel({ ...model, producerName: 'pytorch', metadataProps: [] })).metadata).toBeUndefined();
    for (const name of ['torch_relu_tanh_softmax.onnx', 'tf2onnx_dense_relu_softmax.onnx']) {
      expect(() => fromOnnx(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)))).not.toThrow();
    }
  });

  test('an entry another tool appended after export is allowed', () => {
    const appended = encodeModel({ ...model, metadataProps: [...props, { key: 'reviewed', value: 'yes' }] });
    expect(fromOnnx(appended).metadata).toEqual({ ...metadata, reviewed: 'yes' });
  });

  test('python3-onnx checks and re-saves what we write (same entries), onnxruntime runs it; both load back', async () => {
    const file = join(dir, 'm.onnx');
    const resaved = join(dir, 'resaved.onnx');
    writeFileSync(file, bytes);
    expect(spawnSync(PYTHON, ['-c', 'import onnx'], { stdio: 'ignore' }).status, `${PYTHON} cannot import onnx`).toBe(0);
    const script = 'import onnx, sys, json\nm = onnx.load(sys.argv[1])\nonnx.checker.check_model(m, full_check=True)\nonnx.save(m, sys.argv[2])\nprint(json.dumps([p.key for p in m.metadata_props]))';
    expect(JSON.parse(execFileSync(PYTHON, ['-c', script, file, resaved], { encoding: 'utf8' }))).toEqual(props.map((p) => p.key));
    const X = batch(5, 3);
    for (const b of [bytes, new Uint8Array(readFileSync(resaved))]) {
      expect(maxAbsDiff(await runOrt(b, X), predictArray(net, X))).toBeLessThan(1e-5);
      expect(fromOnnx(b).metadata).toEqual(metadata);
    }
  });
});
