// float32 networks compute what their float64 copies compute, to float32 precision: the premise of
// checking a float32 network's backward pass on a float64 copy (SPEC §5).
import { activationNames, createRng, lossNames, outputNames } from '@backprop/core';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { outputWidth, randomBatch, randomNetwork } from './fixtures.js';

test('float32 forward results agree with float64 within float32 precision on random networks', () => {
  let worst = 0;
  fc.assert(
    fc.property(
      fc.record({
        inputs: fc.integer({ min: 1, max: 8 }),
        widths: fc.array(fc.integer({ min: 1, max: 16 }), { maxLength: 3 }),
        activation: fc.constantFrom(...activationNames),
        outputs: fc.integer({ min: 1, max: 4 }),
        output: fc.constantFrom(...outputNames),
        loss: fc.constantFrom(...lossNames),
        N: fc.integer({ min: 1, max: 8 }),
        seed: fc.nat(),
      }),
      ({ inputs, widths, activation, outputs, output, loss, N, seed }) => {
        const rng = createRng(seed);
        const arch = { inputs, hidden: widths.map((units) => ({ units, activation })), outputs: outputWidth(outputs, output), output, loss };
        const net32 = randomNetwork(arch, rng, 'float32');
        const net64 = net32.clone({ dtype: 'float64' }); // the same (float32-representable) weights
        const X = randomBatch(N, inputs, rng); // float32-representable inputs: only arithmetic differs
        const y32 = net32.forward(X).yHat.data;
        const y64 = net64.forward(X).yHat.data;
        // Relative to max(1, |ŷ|): float32 rounding is relative to the sums' magnitudes, which are O(1) here.
        for (let i = 0; i < y64.length; i++) {
          const err = Math.abs(y32[i]! - y64[i]!) / Math.max(1, Math.abs(y64[i]!));
          worst = Math.max(worst, err);
          expect(err).toBeLessThan(1e-5);
        }
      },
    ),
    { seed: 42, numRuns: 300 },
  );
  expect(worst).toBeGreaterThan(0); // float32 really was float32
});
