import { BackpropError, Matrix, Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { SafetensorsError } from './errors.js';
import { fromSafetensors, toSafetensors } from './safetensors.js';
import { chainSpec, inspectSafetensors, type LinearChain } from './safetensors-chain.js';

/** `4-8-3`: the widths n_0 … n_L. */
const widths = (chain: LinearChain): string => [chain.inputs, ...chain.units].join('-');

/**
 * A safetensors file as `safetensors.torch.save_file(model.state_dict(), …)` writes it: no
 * `__metadata__`, names sorted as strings ("10.weight" before "2.weight"), F32 little-endian.
 */
function bare(tensors: Record<string, { shape: number[]; values?: ArrayLike<number> }>, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  let offset = 0;
  const names = Object.keys(tensors).sort();
  for (const name of names) {
    const count = tensors[name]!.shape.reduce((a, b) => a * b, 1);
    header[name] = { dtype: 'F32', shape: tensors[name]!.shape, data_offsets: [offset, offset + 4 * count] };
    offset += 4 * count;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const name of names) {
    const { shape, values } = tensors[name]!;
    const count = shape.reduce((a, b) => a * b, 1);
    for (let i = 0; i < count; i++, at += 4) view.setFloat32(at, values?.[i] ?? 0.01 * i, true);
  }
  return out;
}

/** The state_dict of a network: `2(k−1).weight` = W_k, `2(k−1).bias` = b_k. */
function stateDict(net: Network): Record<string, { shape: number[]; values: ArrayLike<number> }> {
  const out: Record<string, { shape: number[]; values: ArrayLike<number> }> = {};
  for (const p of net.parameters()) {
    const index = 2 * (p.layer - 1);
    out[`${index}.${p.kind === 'W' ? 'weight' : 'bias'}`] = { shape: p.kind === 'W' ? [...p.shape] : [p.shape[0]], values: p.values };
  }
  return out;
}

/** The chain of a file that must be one. */
function chainOf(bytes: Uint8Array): LinearChain {
  const content = inspectSafetensors(bytes);
  if (content.kind !== 'chain') throw new Error('expected a bare Linear chain');
  return content.chain;
}

/** The BackpropError message inspectSafetensors throws for these tensors. */
function refusal(tensors: Parameters<typeof bare>[0]): string {
  try {
    inspectSafetensors(bare(tensors));
  } catch (e) {
    expect(e).toBeInstanceOf(SafetensorsError);
    expect((e as BackpropError).code).toBe('corrupt_model');
    return (e as Error).message;
  }
  throw new Error('the tensors were accepted');
}

describe('inspectSafetensors: the Linear chain of a PyTorch state_dict', () => {
  const net = Network.create({ inputs: 4, layers: [{ units: 8, activation: 'tanh' }, { units: 6, activation: 'tanh' }], output: { units: 3, fn: 'softmax' }, seed: 3 });

  test('widths come from the weight shapes, in nn.Sequential order', () => {
    const chain = chainOf(bare(stateDict(net)));
    expect(chain.inputs).toBe(4);
    expect(chain.units).toEqual([8, 6, 3]);
    expect(widths(chain)).toBe('4-8-6-3');
    expect(chain.tensors.map((t) => `${t.name} [${t.shape}]`)).toEqual(['0.weight [8,4]', '0.bias [8]', '2.weight [6,8]', '2.bias [6]', '4.weight [3,6]', '4.bias [3]']);
  });

  test('indices sort as numbers: a 7-layer chain (0 … 12) keeps its order', () => {
    const deep = Network.create({ inputs: 3, layers: [5, 4, 6, 2, 7, 3].map((units) => ({ units, activation: 'relu' as const })), output: { units: 2, fn: 'softmax' } });
    expect(widths(chainOf(bare(stateDict(deep))))).toBe('3-5-4-6-2-7-3-2');
  });

  test('with the right choices, fromSafetensors(bytes, chainSpec(…)) is the saved network, to the bit', () => {
    const bytes = bare(stateDict(net));
    const back = fromSafetensors(bytes, chainSpec(chainOf(bytes), { activation: 'tanh', output: 'softmax' }));
    expect(Array.from(back.flat)).toEqual(Array.from(net.flat));
    const X = Matrix.from([[0.5, -1, 2, 0.25], [-3, 0.1, 0, 1]]);
    expect(Array.from(back.predict(X).data)).toEqual(Array.from(net.predict(X).data));
  });

  test('metadata without an architecture (transformers writes {"format": "pt"}) still needs the chain', () => {
    expect(widths(chainOf(bare(stateDict(net), { format: 'pt' })))).toBe('4-8-6-3');
  });

  test('files with our metadata, and unreadable headers, go to fromSafetensors as they are', () => {
    expect(inspectSafetensors(toSafetensors(net))).toEqual({ kind: 'described' });
    expect(inspectSafetensors(new Uint8Array([1, 2, 3]))).toEqual({ kind: 'described' });
    const lying = bare(stateDict(net));
    new DataView(lying.buffer).setBigUint64(0, 10n ** 9n, true);
    expect(inspectSafetensors(lying)).toEqual({ kind: 'described' });
  });

  test('shapes that do not chain name both tensors and their shapes', () => {
    const message = refusal({ '0.weight': { shape: [8, 4] }, '0.bias': { shape: [8] }, '2.weight': { shape: [3, 7] }, '2.bias': { shape: [3] } });
    expect(message).toBe('tensor "2.weight" [3, 7]: expected [n, 8] (its inputs are the 8 outputs of "0.weight" [8, 4]), got [3, 7]');
  });

  test('a bias that is not the weight’s row count, or missing, is named', () => {
    expect(refusal({ '0.weight': { shape: [8, 4] }, '0.bias': { shape: [7] } })).toBe('tensor "0.bias" [7]: expected [8] (the rows of "0.weight" [8, 4]), got [7]');
    expect(refusal({ '0.weight': { shape: [8, 4] } })).toMatch(/^tensor "0.bias": expected the bias of "0.weight" \[8, 4\], shape \[8\].*got none$/);
    expect(refusal({ '0.bias': { shape: [8] } })).toBe('tensor "0.bias" [8]: expected a "0.weight" beside it, got none');
  });

  test('tensors of other modules are refused by name and shape', () => {
    // A Conv1d, a running statistic, a BatchNorm1d between Linears, a Dropout shifting the indices.
    expect(refusal({ 'conv.weight': { shape: [4, 1, 3] }, 'conv.bias': { shape: [4] } })).toBe('tensor "conv.weight" [4, 1, 3]: expected a Linear weight: 2-D, out × in, got 3-D (not a Linear layer)');
    expect(refusal({ 'bn.running_mean': { shape: [8] } })).toMatch(/^tensor "bn.running_mean": expected a Linear parameter named <module>.weight or <module>.bias/);
    expect(refusal({ '0.weight': { shape: [8, 4] }, '0.bias': { shape: [8] }, '1.weight': { shape: [8] }, '1.bias': { shape: [8] } })).toBe(
      'tensor "1.weight" [8]: expected a Linear weight: 2-D, out × in, got 1-D (not a Linear layer)',
    );
    expect(refusal({ '0.weight': { shape: [8, 4] }, '0.bias': { shape: [8] }, '3.weight': { shape: [2, 8] }, '3.bias': { shape: [2] } })).toBe(
      'tensor "3.weight" [2, 8]: expected Linear 2 at index 2 (nn.Sequential alternating Linear and one activation: 0, 2, 4, …), got index 3',
    );
  });

  test('empty files and zero sizes are refused', () => {
    expect(refusal({})).toMatch(/^tensors: expected the weights of Linear layers.*got no tensors$/);
    expect(refusal({ '0.weight': { shape: [0, 4] } })).toBe('tensor "0.weight".shape: expected a list of positive sizes, got [0,4]');
  });
});

describe('chainSpec: the widths from the tensors, the functions from the caller', () => {
  const chain = (units: number[]): LinearChain => ({ inputs: 2, units, tensors: [] });

  test('every hidden layer gets the chosen activation; the loss is left to the output’s natural one', () => {
    expect(chainSpec(chain([8, 6, 3]), { activation: 'tanh', output: 'softmax' })).toEqual({
      inputs: 2,
      layers: [{ units: 8, activation: 'tanh' }, { units: 6, activation: 'tanh' }],
      output: { units: 3, fn: 'softmax' },
    });
    expect(chainSpec(chain([1]), { activation: 'relu', output: 'linear' }).layers).toEqual([]);
  });

  test('defaults: relu between the Linears; softmax for more than one output, linear for one', () => {
    expect(chainSpec(chain([8, 3]))).toEqual({ inputs: 2, layers: [{ units: 8, activation: 'relu' }], output: { units: 3, fn: 'softmax' } });
    expect(chainSpec(chain([8, 1]), { activation: 'tanh' }).output).toEqual({ units: 1, fn: 'linear' });
  });

  test('names outside the core’s lists, and unknown keys, are invalid options listing the valid ones', () => {
    const thrown = (f: () => unknown): BackpropError => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(BackpropError);
        return e as BackpropError;
      }
      throw new Error('accepted');
    };
    const bad = thrown(() => chainSpec(chain([8, 3]), { activation: 'swish' as never }));
    expect(bad.code).toBe('invalid_option');
    expect(bad.message).toBe('choices.activation: expected one of logistic, tanh, relu, leaky-relu, linear, softplus, elu, gelu, silu, got swish');
    expect(thrown(() => chainSpec(chain([8, 3]), { output: 'sigmoid' as never })).message).toBe('choices.output: expected one of softmax, linear, logistic, got sigmoid');
    expect(thrown(() => chainSpec(chain([8, 3]), { loss: 'mse' } as never)).argument).toBe('choices.loss');
  });
});
