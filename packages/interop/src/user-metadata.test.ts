import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackpropError, Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { OnnxImportError, SafetensorsError } from './errors.js';
import { toOnnx } from './onnx/export.js';
import { fromOnnx } from './onnx/import.js';
import { decodeModel, encodeModel } from './onnx/proto.js';
import { fromSafetensors, readHeader, toSafetensors } from './safetensors.js';
import { withPreprocessing } from './testing/nets.js';

// The metadata record must reach the other systems as they define metadata (ONNX metadata_props, read by the
// reference `onnx` package; safetensors' __metadata__, a string → string map, read by Python's json after the
// 8-byte length, as safetensors.safe_open does: Debian has no python3-safetensors and torch 1.13 predates it),
// and come back as the same record. onnxruntime-node 1.30 exposes no custom metadata (inputMetadata /
// outputMetadata only), so python3-onnx is the reader for ONNX.
const PYTHON = '/usr/bin/python3';
const onnxAvailable = spawnSync(PYTHON, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'backprop-metadata-'));
const metadata = { dataset: 'data/iris.csv', label: 'species', seed: 0, validation: 0.2, standardized: true, note: '1', big: 1e21, tiny: -5e-324 };
const net = () => withPreprocessing(Network.create({ inputs: 3, layers: [{ units: 4, activation: 'tanh' }], output: { units: 3, fn: 'softmax' }, seed: 2 })).setMetadata(metadata);
const python = (script: string, ...args: string[]) => JSON.parse(execFileSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8' }));

// Each key under its own name, a non-string as its JSON text, and the types entry.
const expectedStrings = { dataset: 'data/iris.csv', label: 'species', seed: '0', validation: '0.2', standardized: 'true', note: '1', big: '1e+21', tiny: '-5e-324', 'backprop.metadata.types': '{"seed":"number","validation":"number","standardized":"boolean","big":"number","tiny":"number"}' };

describe('ONNX metadata_props', () => {
  test('python3-onnx reads net.metadata as string entries of a valid model, and fromOnnx brings back the same record', () => {
    expect(onnxAvailable, `${PYTHON} cannot import onnx: run bash scripts/ensure-system-packages.sh (apt-get install python3-onnx)`).toBe(true);
    const file = join(dir, 'm.onnx');
    writeFileSync(file, toOnnx(net()));
    const script = 'import onnx, sys, json\nm = onnx.load(sys.argv[1])\nonnx.checker.check_model(m, full_check=True)\nprint(json.dumps({p.key: p.value for p in m.metadata_props}))';
    const props = python(script, file) as Record<string, string>;
    expect(props).toMatchObject(expectedStrings);
    expect(Object.keys(props).filter((k) => !k.startsWith('backprop.'))).toEqual(Object.keys(metadata));
    expect(fromOnnx(readFileSync(file)).metadata).toEqual(metadata);
    // Deterministic: the same network gives the same bytes.
    expect(Buffer.from(toOnnx(net())).equals(readFileSync(file))).toBe(true);
  });

  test("entries another tool added (onnx's helper) come back as strings; ones the core cannot hold are left out", () => {
    expect(onnxAvailable).toBe(true);
    const file = join(dir, 'plain.onnx');
    writeFileSync(file, toOnnx(Network.create({ inputs: 2, layers: [], output: { units: 1, fn: 'logistic' } })));
    const script = "import onnx, sys\nm = onnx.load(sys.argv[1])\nonnx.helper.set_model_props(m, {'author': 'Ada', 'version': '3', 'has space': 'x', 'long': 'y' * 2000})\nonnx.save(m, sys.argv[1])\nprint('1')";
    python(script, file);
    expect(fromOnnx(readFileSync(file)).metadata).toEqual({ author: 'Ada', version: '3' });
  });

  test('a metadata key starting with backprop. is refused (it would overwrite the loss, labels or scaler); a damaged types entry is a typed error', () => {
    const bad = net().setMetadata({ 'backprop.loss': 'x' });
    expect(() => toOnnx(bad)).toThrow(BackpropError);
    expect(() => toOnnx(bad)).toThrow(/net\.metadata\["backprop\.loss"\]: expected a key other than/);
    const model = decodeModel(toOnnx(net()));
    const edit = (key: string, value: string) => encodeModel({ ...model, metadataProps: model.metadataProps!.map((p) => (p.key === key ? { key, value } : p)) });
    expect(() => fromOnnx(edit('seed', 'zero'))).toThrow(OnnxImportError);
    expect(() => fromOnnx(edit('seed', 'zero'))).toThrow('metadata_props "seed": expected a finite number as JSON text (its type entry says number), got "zero"');
    expect(() => fromOnnx(edit('standardized', 'yes'))).toThrow(/"standardized": expected "true" or "false"/);
    expect(() => fromOnnx(edit('backprop.metadata.types', '[1]'))).toThrow(/metadata_props "backprop.metadata.types": expected a JSON object/);
  });

  test('a network without metadata exports none and imports as none', () => {
    const plain = Network.create({ inputs: 2, layers: [], output: { units: 2, fn: 'softmax' } });
    expect(decodeModel(toOnnx(plain)).metadataProps!.map((p) => p.key)).toEqual(['backprop.integrity', 'backprop.loss']);
    expect(fromOnnx(toOnnx(plain)).metadata).toBeUndefined();
  });
});

describe('safetensors __metadata__', () => {
  test("Python reads every value as a string (the format's map), with net.metadata's entries; fromSafetensors brings back the same record", () => {
    const file = join(dir, 'm.safetensors');
    writeFileSync(file, toSafetensors(net()));
    const script = [
      'import json, struct, sys',
      'f = open(sys.argv[1], "rb")',
      'n = struct.unpack("<Q", f.read(8))[0]',
      'meta = json.loads(f.read(n))["__metadata__"]',
      'assert all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items()), meta',
      'print(json.dumps(meta))',
    ].join('\n');
    const meta = python(script, file) as Record<string, string>;
    expect(meta).toMatchObject({ format: 'backprop-network', ...expectedStrings });
    expect(fromSafetensors(readFileSync(file)).metadata).toEqual(metadata);
    expect(Buffer.from(toSafetensors(net())).equals(readFileSync(file))).toBe(true);
  });

  test('format, architecture, preprocessing and backprop.… are refused as keys; a damaged or foreign entry is handled', () => {
    for (const key of ['format', 'architecture', 'preprocessing', 'backprop.x']) {
      expect(() => toSafetensors(net().setMetadata({ [key]: 'pt' })), key).toThrow(`net.metadata[${JSON.stringify(key)}]`);
    }
    const bytes = toSafetensors(net());
    const { header } = readHeader(bytes);
    const rewrite = (meta: Record<string, unknown>) => {
      const json = new TextEncoder().encode(JSON.stringify({ ...header, __metadata__: { ...(header.__metadata__ as object), ...meta } }));
      const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
      const out = new Uint8Array(8 + json.length + bytes.length - 8 - n);
      new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
      out.set(json, 8);
      out.set(bytes.subarray(8 + n), 8 + json.length);
      return out;
    };
    expect(() => fromSafetensors(rewrite({ validation: '1e309' }))).toThrow(SafetensorsError);
    expect(() => fromSafetensors(rewrite({ validation: '1e309' }))).toThrow('__metadata__ "validation": expected a finite number as JSON text');
    // Not strings (the format forbids them; a hand-edited file) or keys the core cannot hold: left out, the model loads.
    expect(fromSafetensors(rewrite({ seed: 0, 'white space': 'x', extra: 'kept' })).metadata).toEqual({ ...metadata, seed: undefined, extra: 'kept' });
  });
});

describe('a file cut short (an interrupted download) is called truncated', () => {
  test('ONNX: every cut inside a field says so; safetensors: a cut in the header or in a tensor says so', () => {
    const onnx = toOnnx(net());
    let said = 0;
    for (let n = 1; n < onnx.length; n += 7) {
      let error: unknown;
      try {
        fromOnnx(onnx.subarray(0, n));
      } catch (e) {
        error = e;
      }
      // A cut between two fields is a valid shorter message; the integrity entry still refuses it (onnx/integrity.test.ts).
      expect(error, String(n)).toBeInstanceOf(OnnxImportError);
      if (/undecodable data/.test((error as Error).message)) {
        expect((error as Error).message, String(n)).toMatch(/; the file ends inside a field: truncated\?\)$/);
        said++;
      }
    }
    expect(said).toBeGreaterThan(onnx.length / 14);
    const st = toSafetensors(net());
    expect(() => fromSafetensors(st.subarray(0, 100))).toThrow(/header length: expected at most 92 bytes \(the file's size\), got \d+ \(the file ends inside its header: truncated\?\)/);
    expect(() => fromSafetensors(st.subarray(0, st.length - 4))).toThrow(/bytes: expected \d+ bytes of tensor data after the header \(as its data_offsets say\), got \d+ \(the file was cut short: truncated\)/);
    // Eight bytes of 0xff are not a plausible length: no guess.
    expect(() => fromSafetensors(Uint8Array.of(255, 255, 255, 255, 255, 255, 255, 255, 1))).toThrow(/header length: expected at most 1 bytes \(the file's size\), got 18446744073709551615$/);
  });
});
