import type { LinearChain } from '@backprop/interop';
import { describe, expect, test } from 'vitest';
import type { DataSummary } from '../worker/protocol.js';
import { chainWidths, defaultChoices, outputChoices } from './safetensors-chain.js';

// Reading the chain from the tensors is tested in @backprop/interop (safetensors-chain.test.ts); this is
// what the page's dialog offers on top of it.

const classification: DataSummary = { task: 'classification', classes: 3, inputs: 2, planar: true, trainCount: 250, testCount: 250 };
const regression: DataSummary = { task: 'regression', inputs: 2, planar: true, trainCount: 250, testCount: 250 };

describe('what the dialog offers', () => {
  const chain = (units: number[]): LinearChain => ({ inputs: 2, units, tensors: [] });

  test('defaults: relu; softmax for more than one output on classification data, identity otherwise', () => {
    expect(defaultChoices(chain([8, 3]), classification)).toEqual({ activation: 'relu', output: 'softmax' });
    expect(defaultChoices(chain([8, 3]), regression)).toEqual({ activation: 'relu', output: 'linear' });
    expect(defaultChoices(chain([8, 1]), classification)).toEqual({ activation: 'relu', output: 'linear' });
    expect(defaultChoices(chain([8, 3]), undefined)).toEqual({ activation: 'relu', output: 'linear' });
  });

  test('softmax is offered only for more than one output', () => {
    expect(outputChoices(chain([4, 3]))).toContain('softmax');
    expect(outputChoices(chain([4, 1]))).toEqual(['linear', 'logistic']);
  });

  test('the widths read n_0 … n_L', () => {
    expect(chainWidths(chain([8, 6, 3]))).toBe('2-8-6-3');
  });
});
