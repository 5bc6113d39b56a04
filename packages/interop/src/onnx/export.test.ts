import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { afterAll, describe, expect, test } from 'vitest';
import { batch, maxAbsDiff, predictArray, runOrt, sweep, withPreprocessing } from '../testing/nets.js';
import { ONNX_IR_VERSION, ONNX_METADATA_KEYS, ONNX_OPSET, toOnnx } from './export.js';
import { decodeModel, int64 } from './proto.js';

// The required figure: the worst |onnxruntime − predict| over the whole float32 sweep, printed at the end.
let worst = 0;
afterAll(() => {
  console.log(`worst |onnxruntime − predict| over the float32 sweep: ${worst.toExponential(3)}`);
});

describe('toOnnx runs in onnxruntime-node and agrees with predict', () => {
  for (const { g, fn, net } of sweep()) {
    for (const preprocessed of [false, true]) {
      test(`${g} hidden, ${fn} output, ${net.layers.map((l) => l.units).join('-')}${preprocessed ? ', scaler' : ''}: batches of 1 and 37`, async () => {
        const model = preprocessed ? withPreprocessing(net.clone()) : net;
        const bytes = toOnnx(model);
        for (const N of [1, 37]) {
          const X = batch(N, net.inputs, N);
          const diff = maxAbsDiff(await runOrt(bytes, X), predictArray(model, X));
          worst = Math.max(worst, diff);
          // float32 tolerance: a few ulps of outputs of order 1 after a handful of float32 dot products.
          expect(diff).toBeLessThan(1e-5);
        }
      });
    }
  }
});

describe('float64 networks', () => {
  test('export as DOUBLE agrees with predict to double rounding, every activation included (gelu: erf in float32)', async () => {
    for (const { g, net } of sweep('float64')) {
      const X = batch(37, net.inputs);
      // onnxruntime has no double Erf, so gelu's erf runs in float32 between two Casts.
      expect(maxAbsDiff(await runOrt(toOnnx(net, { dtype: 'float64' }), X, 'float64'), predictArray(net, X)), g).toBeLessThan(g === 'gelu' ? 1e-6 : 1e-12);
    }
  });

  test('export as FLOAT (the default) agrees within float32 rounding', async () => {
    for (const { net } of sweep('float64').slice(0, 6)) {
      const X = batch(37, net.inputs);
      expect(maxAbsDiff(await runOrt(toOnnx(net), X), predictArray(net, X))).toBeLessThan(1e-5);
    }
  });
});

describe('gelu and silu', () => {
  const gelu = Network.create({ inputs: 3, layers: [{ units: 5, activation: 'gelu' }, { units: 4, activation: 'silu' }], output: { units: 2, fn: 'softmax' }, seed: 3 });
  test('opset 13: gelu as PyTorch writes it (Div, Erf, Add, Mul, Mul), silu as Sigmoid, Mul', () => {
    const ops = decodeModel(toOnnx(gelu)).graph!.node!.map((n) => n.opType);
    expect(ops).toEqual(['Gemm', 'Div', 'Erf', 'Add', 'Mul', 'Mul', 'Gemm', 'Sigmoid', 'Mul', 'Gemm', 'Softmax']);
  });
  test('opset 20: the Gelu operator (approximate none), IR version 9; onnxruntime agrees with predict', async () => {
    const bytes = toOnnx(gelu, { opset: 20 });
    const model = decodeModel(bytes);
    expect([int64(model.irVersion), int64(model.opsetImport![0]!.version)]).toEqual([9, 20]);
    expect(model.graph!.node!.map((n) => n.opType)).toEqual(['Gemm', 'Gelu', 'Gemm', 'Sigmoid', 'Mul', 'Gemm', 'Softmax']);
    const X = batch(37, 3);
    expect(maxAbsDiff(await runOrt(bytes, X), predictArray(gelu, X))).toBeLessThan(1e-6);
  });
});

describe('the graph', () => {
  const net = withPreprocessing(Network.create({ inputs: 3, layers: [{ units: 4, activation: 'tanh' }], output: { units: 3, fn: 'softmax' } }));
  const model = decodeModel(toOnnx(net));

  test('declares opset 13, IR version 7, named input/output with a dynamic batch dimension N', () => {
    expect(int64(model.irVersion)).toBe(ONNX_IR_VERSION);
    expect(model.opsetImport?.map((o) => [o.domain ?? '', int64(o.version)])).toEqual([['', ONNX_OPSET]]);
    const dims = (v: (typeof model.graph & object)['input']) => v![0]!.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || int64(d.dimValue));
    expect(model.graph?.input?.[0]?.name).toBe('input');
    expect(dims(model.graph!.input)).toEqual(['N', 3]);
    expect(model.graph?.output?.[0]?.name).toBe('output');
    expect(dims(model.graph!.output)).toEqual(['N', 3]);
  });

  test('is Sub, Div, Gemm (transB 1), Tanh, Gemm, Softmax (axis −1)', () => {
    expect(model.graph?.node?.map((n) => n.opType)).toEqual(['Sub', 'Div', 'Gemm', 'Tanh', 'Gemm', 'Softmax']);
    const gemm = model.graph!.node![2]!;
    expect(gemm.attribute?.map((a) => [a.name, a.name === 'transB' ? int64(a.i) : a.f])).toEqual([['alpha', 1], ['beta', 1], ['transB', 1]]);
    expect(int64(model.graph!.node![5]!.attribute![0]!.i)).toBe(-1);
  });

  test('stores class names, loss and the exact scaler as metadata_props', () => {
    const meta = Object.fromEntries(model.metadataProps!.map((p) => [p.key, JSON.parse(p.value!)]));
    expect(meta[ONNX_METADATA_KEYS.labels]).toEqual(['class-0', 'class-1', 'class-2']);
    expect(meta[ONNX_METADATA_KEYS.loss]).toBe('cross-entropy');
    expect(meta[ONNX_METADATA_KEYS.scaler]).toEqual(net.preprocessing!.input);
  });

  test('rejects unknown options and bad dtypes with typed errors', () => {
    expect(() => toOnnx(net, { opset: 17 } as never)).toThrow('options.opset: expected 13 or 20, got 17');
    expect(() => toOnnx(net, { producer: 'x' } as never)).toThrow(/options.producer: expected no such option/);
    expect(() => toOnnx(net, { dtype: 'float16' as never })).toThrow(/options.dtype/);
  });
});

// An independent reader: the reference `onnx` package's checker (full check, with shape inference). The test setup
// (scripts/ensure-system-packages.sh, run by `pnpm test`) installs Debian's python3-onnx: no silent skip.
const onnxChecker = spawnSync('/usr/bin/python3', ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0;
test('every exported model passes onnx.checker.check_model(full_check=True) (python3-onnx)', () => {
  expect(onnxChecker, '/usr/bin/python3 cannot import onnx: run bash scripts/ensure-system-packages.sh (apt-get install python3-onnx)').toBe(true);
  const dir = mkdtempSync(join(tmpdir(), 'backprop-onnx-'));
  const files = sweep().flatMap(({ net }, i) => {
    const model = withPreprocessing(net.clone());
    writeFileSync(join(dir, `f${i}.onnx`), toOnnx(model));
    writeFileSync(join(dir, `d${i}.onnx`), toOnnx(model, { dtype: 'float64' }));
    return [join(dir, `f${i}.onnx`), join(dir, `d${i}.onnx`)];
  });
  const script = `import onnx, sys\nfor f in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(f), full_check=True)\nprint(len(sys.argv) - 1)`;
  expect(execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8' }).trim()).toBe(String(files.length));
});
