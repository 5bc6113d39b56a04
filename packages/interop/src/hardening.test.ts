// Issue 16's hardening: hostile architectures, unsafe widths, Gemm's boolean attributes, owning byte
// arrays, bad arguments to every export, and seeded fuzzing of both loaders. The invariant throughout:
// a loader returns a Network or throws a BackpropError; never a TypeError or RangeError.
import { BackpropError, Network, createRng } from '@backprop/core';
import * as ort from 'onnxruntime-node';
import { describe, expect, test } from 'vitest';
import { chainSpec, fromOnnx, fromSafetensors, inspectSafetensors, pytorchSnippet, toOnnx, toSafetensors, toStandaloneModule } from './index.js';
import { decodeModel, encodeModel, type ModelProto } from './onnx/proto.js';
import { batch, maxAbsDiff, predictArray, runOrt } from './testing/nets.js';

const net = Network.create({ inputs: 3, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 5 });

/** The error `f` throws (undefined if none). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Asserts f throws a BackpropError (any subclass) whose argument is `argument`. */
function typed(f: () => unknown, argument?: string | RegExp): BackpropError {
  const e = thrown(f);
  expect(e, String(e)).toBeInstanceOf(BackpropError);
  if (argument !== undefined) expect((e as BackpropError).argument).toMatch(argument);
  return e as BackpropError;
}

/** safetensors bytes with the header replaced by `header` (the data section kept). */
function withHeader(bytes: Uint8Array, change: (h: Record<string, unknown>) => void): Uint8Array {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const h = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
  change(h);
  const json = new TextEncoder().encode(JSON.stringify(h));
  const out = new Uint8Array(8 + json.length + bytes.length - 8 - n);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(bytes.subarray(8 + n), 8 + json.length);
  return out;
}
const setArchitecture = (arch: unknown) => (h: Record<string, unknown>) => {
  (h.__metadata__ as Record<string, string>).architecture = JSON.stringify(arch);
};

describe('fromSafetensors: an architecture whose layers are not an array is a SafetensorsError', () => {
  const bytes = toSafetensors(net);
  test('stored layers = null reads as "no hidden layers" (as the core reads a spec), so the tensors no longer fit', () => {
    typed(() => fromSafetensors(withHeader(bytes, setArchitecture({ inputs: 3, layers: null, output: { units: 2, fn: 'softmax' } }))), 'tensor "0.weight".shape');
  });
  test.each([3, 'relu', { units: 4 }, true])('stored layers = %j', (layers) => {
    typed(() => fromSafetensors(withHeader(bytes, setArchitecture({ inputs: 3, layers, output: { units: 2, fn: 'softmax' } }))), /architecture/);
  });
  test.each([3, 'relu', { units: 4 }])('given layers = %j', (layers) => {
    typed(() => fromSafetensors(bytes, { inputs: 3, layers, output: { units: 2, fn: 'softmax' } } as never), /architecture/);
  });
  test.each([7, 'x', null, [1, 2]])('stored architecture = %j, or given as the spec', (arch) => {
    typed(() => fromSafetensors(withHeader(bytes, setArchitecture(arch))), /architecture/);
    if (arch !== null) typed(() => fromSafetensors(bytes, arch as never), 'architecture');
  });
});

describe('widths that are not safe integers, in every loader', () => {
  const bytes = toSafetensors(net);
  test.each([1e300, 2 ** 53, 2 ** 40, -3, 2.5, Number.NaN])('inputs = %d', (inputs) => {
    typed(() => fromSafetensors(bytes, { inputs, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' } }), /architecture/);
    typed(() => fromSafetensors(withHeader(bytes, setArchitecture({ inputs, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' } }))), /architecture/);
    typed(() => chainSpec({ inputs, units: [4, 2], tensors: [] }), 'chain.inputs');
    typed(() => chainSpec({ inputs: 3, units: [inputs, 2], tensors: [] }), 'chain.units[0]');
  });
  test('bare safetensors declaring a 2^40-wide Linear: inspect reports the chain, chainSpec refuses it', () => {
    const bare = withHeader(bytes, (h) => {
      h.__metadata__ = {};
      (h['0.weight'] as { shape: number[] }).shape = [4, 2 ** 40];
    });
    const content = inspectSafetensors(bare);
    expect(content.kind).toBe('chain');
    if (content.kind === 'chain') typed(() => chainSpec(content.chain), 'chain.inputs');
  });
  test('ONNX: a weight with 2^53 + 2 rows and a graph input declaring 1e300 features', () => {
    const edit = (change: (m: ModelProto) => void) => {
      const m = decodeModel(toOnnx(net));
      change(m);
      return encodeModel(m);
    };
    typed(() => fromOnnx(edit((m) => { m.graph!.initializer![0]!.dims = [2 ** 53 + 2, 3]; })));
    typed(() => fromOnnx(edit((m) => { m.graph!.input![0]!.type!.tensorType!.shape!.dim![1] = { dimValue: 1e300 }; })));
  });
});

describe('Gemm transA / transB are booleans, as in the ONNX operator spec and onnxruntime', () => {
  const withAttribute = (name: 'transA' | 'transB', value: number, transposeW: boolean) => {
    const m = decodeModel(toOnnx(net));
    for (const n of m.graph!.node!.filter((x) => x.opType === 'Gemm')) {
      const a = n.attribute!.find((x) => x.name === name);
      if (a) a.i = value;
      else n.attribute!.push({ name, type: 2, i: value });
      if (transposeW) {
        const W = m.graph!.initializer!.find((t) => t.name === n.input![1])!;
        const [r, c] = W.dims as number[];
        const from = new Float32Array(new Uint8Array(W.rawData!).buffer); // a copy: decoded bytes may be views into a pool
        const to = new Float32Array(from.length);
        for (let i = 0; i < r!; i++) for (let j = 0; j < c!; j++) to[j * r! + i] = from[i * c! + j]!;
        W.dims = [c!, r!];
        W.rawData = new Uint8Array(to.buffer);
      }
    }
    return encodeModel(m);
  };
  const X = batch(9, 3);
  test.each([2, -1, 7])('transB = %d means transposed: the import predicts what onnxruntime computes', async (v) => {
    const bytes = withAttribute('transB', v, false);
    const imported = fromOnnx(bytes);
    expect(maxAbsDiff(await runOrt(bytes, X), predictArray(imported, X))).toBeLessThan(1e-6);
    expect(Array.from(imported.flat)).toEqual(Array.from(net.flat));
  });
  test('transB = 0 with W stored fan-in × units agrees with onnxruntime too', async () => {
    const bytes = withAttribute('transB', 0, true);
    expect(maxAbsDiff(await runOrt(bytes, X), predictArray(fromOnnx(bytes), X))).toBeLessThan(1e-6);
  });
  test.each([1, 2])('transA = %d is refused (a transposed batch is not a feed-forward layer)', (v) => {
    expect(typed(() => fromOnnx(withAttribute('transA', v, false))).message).toMatch(/transA 0/);
  });
});

describe('toOnnx returns an owning Uint8Array, like toSafetensors', () => {
  test.each([
    ['toOnnx', () => toOnnx(net)],
    ['toSafetensors', () => toSafetensors(net)],
  ])('%s', async (_, make) => {
    const bytes = make();
    expect(bytes.constructor).toBe(Uint8Array);
    expect([bytes.byteOffset, bytes.buffer.byteLength]).toEqual([0, bytes.length]);
  });
  test('so onnxruntime can take its .buffer', async () => {
    const session = await ort.InferenceSession.create(toOnnx(net).buffer as ArrayBuffer);
    expect(session.inputNames).toEqual(['input']);
    await session.release();
  });
});

describe('every public function validates its arguments like the core', () => {
  const BAD = [null, undefined, 3, 'model', {}, [], net.toJSON()];
  const exports: [string, (x: never) => unknown][] = [
    ['toOnnx', toOnnx],
    ['toSafetensors', toSafetensors],
    ['toStandaloneModule', toStandaloneModule],
    ['pytorchSnippet', pytorchSnippet],
    ['chainSpec', chainSpec],
    ['fromOnnx', fromOnnx],
    ['fromSafetensors', fromSafetensors],
    ['inspectSafetensors', inspectSafetensors],
  ];
  test.each(exports)('%s(bad first argument) is a BackpropError', (name, f) => {
    for (const bad of BAD) {
      // fromSafetensors(bytes) with a missing bytes argument, every other one with any of these.
      const e = typed(() => f(bad as never));
      expect(e.message, `${name}(${JSON.stringify(bad)?.slice(0, 20)})`).toMatch(/expected/);
    }
  });
  test.each([
    ['toOnnx', () => toOnnx(net, null as never)],
    ['toSafetensors', () => toSafetensors(net, 3 as never)],
    ['toStandaloneModule', () => toStandaloneModule(net, 'x' as never)],
    ['pytorchSnippet', () => pytorchSnippet(net, null as never)],
    ['chainSpec', () => chainSpec({ inputs: 3, units: [2], tensors: [] }, null as never)],
  ])('%s(…, bad options) is invalid_option', (_, f) => {
    expect(typed(f).code).toBe('invalid_option');
  });
  test('a disposed network is refused by name', () => {
    const gone = net.clone();
    gone.dispose();
    expect(typed(() => toOnnx(gone), 'net').code).toBe('disposed');
  });
  test('chainSpec({ inputs: 3, units: [] }) is refused instead of returning units: undefined', () => {
    expect(typed(() => chainSpec({ inputs: 3, units: [], tensors: [] }), 'chain.units').code).toBe('invalid_argument');
  });
});

/** Applies one seeded mutation to a JSON value: retype, delete, or replace a random node. */
function mutate(value: unknown, rng: ReturnType<typeof createRng>, depth = 0): unknown {
  const junk = [null, -1, 0, 2 ** 53, 1e300, Number.MAX_SAFE_INTEGER, 2.5, 'x', '', [], {}, [1e300], { units: 1e300 }, true, [[]], [-1, 2 ** 60]];
  if (depth > 4 || value === null || typeof value !== 'object' || rng.next() < 0.25) return junk[rng.int(junk.length)];
  if (Array.isArray(value)) {
    if (value.length === 0) return junk[rng.int(junk.length)];
    const copy = value.slice();
    copy[rng.int(copy.length)] = mutate(copy[rng.int(copy.length)], rng, depth + 1);
    return copy;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return junk[rng.int(junk.length)];
  const [key, v] = entries[rng.int(entries.length)]!;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (rng.next() < 0.15) delete copy[key];
  else copy[key] = mutate(v, rng, depth + 1);
  return copy;
}

/** A loader outcome is fine when it is a Network, or a BackpropError. */
function loaderOutcome(load: () => unknown): 'network' | 'typed' {
  const e = thrown(() => {
    const result = load();
    if (result instanceof Network) result.dispose();
  });
  if (e === undefined) return 'network';
  expect(e, (e as Error).stack).toBeInstanceOf(BackpropError);
  return 'typed';
}

describe('fuzz: seeded mutations end in a Network or a BackpropError, never a TypeError / RangeError', () => {
  const rng = createRng(16);
  test('2000 mutated safetensors headers (architecture JSON, tensor entries, metadata)', () => {
    const bytes = toSafetensors(net);
    const counts = { network: 0, typed: 0 };
    for (let i = 0; i < 2000; i++) {
      const mutated = withHeader(bytes, (h) => {
        const meta = h.__metadata__ as Record<string, string>;
        const which = rng.int(3);
        if (which === 0) meta.architecture = JSON.stringify(mutate(JSON.parse(meta.architecture!), rng));
        else if (which === 1) Object.assign(h, mutate(h, rng));
        else h.__metadata__ = mutate(meta, rng);
      });
      counts[loaderOutcome(() => fromSafetensors(mutated))]++;
      loaderOutcome(() => {
        const content = inspectSafetensors(mutated);
        return content.kind === 'chain' ? fromSafetensors(mutated, chainSpec(content.chain)) : undefined;
      });
    }
    expect(counts.typed).toBeGreaterThan(1000);
  });
  test('2000 mutated specs given to fromSafetensors, and 2000 mutated chains given to chainSpec', () => {
    const bytes = toSafetensors(net);
    const spec = { inputs: 3, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' } };
    const chain = { inputs: 3, units: [4, 2], tensors: [] };
    for (let i = 0; i < 2000; i++) {
      loaderOutcome(() => fromSafetensors(bytes, mutate(spec, rng) as never));
      loaderOutcome(() => fromSafetensors(bytes, chainSpec(mutate(chain, rng) as never)));
    }
  });
  test('2000 ONNX models with a mutated field (attributes, dims, types, names) and 1000 with flipped bytes', () => {
    const base = decodeModel(toOnnx(net));
    const plain = JSON.parse(JSON.stringify(base, (_, v) => (v instanceof Uint8Array ? undefined : v))) as ModelProto;
    for (let i = 0; i < 2000; i++) {
      const m = decodeModel(toOnnx(net));
      const graph = mutate(plain.graph, rng) as ModelProto['graph'];
      // Keep the tensors' bytes where the mutation left an initializer list of the same shape.
      if (graph && typeof graph === 'object' && Array.isArray(graph.initializer)) {
        graph.initializer.forEach((t, j) => {
          if (t && typeof t === 'object' && m.graph!.initializer![j]) t.rawData = m.graph!.initializer![j]!.rawData!;
        });
      }
      let bytes: Uint8Array;
      try {
        bytes = encodeModel({ ...m, graph: graph as never });
      } catch {
        continue; // the encoder refused the junk (e.g. a string where an int64 goes): not a file anyone can hand us
      }
      loaderOutcome(() => fromOnnx(bytes));
    }
    const good = toOnnx(net);
    for (let i = 0; i < 1000; i++) {
      const bytes = good.slice();
      for (let k = 0; k < 1 + rng.int(4); k++) bytes[rng.int(bytes.length)] = rng.int(256);
      loaderOutcome(() => fromOnnx(bytes));
    }
  });
});
