// state_dicts as people name them (fixtures written by scripts/make-fixtures.py from PyTorch 1.13 modules,
// with PyTorch's own outputs beside them).
import { readFileSync } from 'node:fs';
import { BackpropError } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { chainSpec, fromSafetensors, inspectSafetensors } from './index.js';
import { maxAbsDiff } from './testing/nets.js';

const fixture = (name: string) => ({
  bytes: new Uint8Array(readFileSync(new URL(`../fixtures/${name}.safetensors`, import.meta.url))),
  expected: JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as { inputs: number[][]; outputs: number[][] },
});

describe('inspectSafetensors + chainSpec + fromSafetensors on ordinary state_dict names', () => {
  test.each([
    ['state_fc_names', 'fc1.weight, fc2.weight (MNIST Net; predict = exp(log_softmax))', ['fc1', 'fc2'], [12, 10, 4], 'relu', 'softmax'],
    ['state_layers_list', 'layers.0 … layers.11 (ModuleList: layers.10 after layers.9, not after layers.1)', Array.from({ length: 12 }, (_, i) => `layers.${i}`), [3, ...Array(11).fill(5), 2], 'tanh', 'linear'],
    ['state_net_sequential', 'net.0, net.2, net.4 (a Sequential attribute)', ['net.0', 'net.2', 'net.4'], [4, 6, 6, 3], 'relu', 'softmax'],
  ] as const)('%s: %s', (name, _, modules, widths, activation, output) => {
    const { bytes, expected } = fixture(name);
    const content = inspectSafetensors(bytes);
    if (content.kind !== 'chain') throw new Error('expected a bare chain');
    expect(content.chain.tensors.filter((t) => t.name.endsWith('.weight')).map((t) => t.name.slice(0, -7))).toEqual(modules);
    expect([content.chain.inputs, ...content.chain.units]).toEqual(widths);
    const net = fromSafetensors(bytes, chainSpec(content.chain, { activation, output }));
    expect(maxAbsDiff(net.predict(expected.inputs).data, expected.outputs.flat())).toBeLessThan(1e-5);
  });

  test('an explicit name list fixes an order the names do not sort into, and is checked', () => {
    const { bytes, expected } = fixture('state_fc_names');
    // Listed in chain order: the same network.
    const listed = inspectSafetensors(bytes, { names: ['fc1', 'fc2'] });
    if (listed.kind !== 'chain') throw new Error('expected a chain');
    const net = fromSafetensors(bytes, chainSpec(listed.chain, { activation: 'relu' }), { names: ['fc1', 'fc2'] });
    expect(maxAbsDiff(net.predict(expected.inputs).data, expected.outputs.flat())).toBeLessThan(1e-5);
    // Listed backwards: the shapes do not chain, and the error says which tensor.
    expect(() => inspectSafetensors(bytes, { names: ['fc2', 'fc1'] })).toThrow('tensor "fc1.weight" [10, 12]: expected [n, 4] (its inputs are the 4 outputs of "fc2.weight" [4, 10]), got [10, 12]');
    // A name the file lacks, a tensor of no listed module, and a malformed list.
    expect(() => inspectSafetensors(bytes, { names: ['fc1', 'fc3'] })).toThrow(/tensor "fc2.weight": expected a parameter of the listed modules \(fc1, fc3\)/);
    expect(() => inspectSafetensors(bytes, { names: [] })).toThrow(BackpropError);
    expect(() => inspectSafetensors(bytes, { names: ['fc1', 'fc1'] })).toThrow('options.names[1]: expected a unique, non-empty module name, got string');
  });

  test('names that sort against the chain are refused with a hint to list them', () => {
    const { bytes } = fixture('state_fc_names');
    // Rename fc1 → out, fc2 → hidden: natural order (hidden, out) is not the chain order.
    const text = new TextDecoder().decode(bytes).replaceAll('"fc1.', '"out.').replaceAll('"fc2.', '"hid.');
    const renamed = new Uint8Array(bytes);
    renamed.set(new TextEncoder().encode(text).subarray(0, bytes.length));
    expect(() => inspectSafetensors(renamed)).toThrow(/if the modules do not sort in chain order, list them: \{ names: \[\.\.\.\] \}/);
  });
});
