import { expect, test } from 'vitest';
import { Network } from './network.js';

// The 3-layer network of the CSC311 notes ("The Backpropagation Algorithm", seeds/001): two inputs,
// two logistic hidden layers of two units, one logistic output unit and a generic cost
// C(a3, t) = (a3 − t)². Logistic + squared-error is not a natural pair, so the engine takes the
// output Jacobian path (SPEC §2, "any other pair") — exactly the notes' C′ · σ′(z3).
// Notes' names → ours: z^(m) = a_m (pre-activation), a^(m) = h_m (activation), W^(m) = W_m.

const x = [0.5, -1.0];
const t = 0.25;
const W1 = [[0.1, -0.2], [0.4, 0.3]];
const b1 = [0.05, -0.1];
const W2 = [[0.7, -0.5], [-0.3, 0.8]];
const b2 = [0.2, 0.0];
const w3 = [0.6, -0.9];
const b3 = 0.1;

const s = (z: number) => 1 / (1 + Math.exp(-z));
const ds = (z: number) => s(z) * (1 - s(z));

test("the engine reproduces every partial derivative of the notes' 3-layer example, worked by hand", () => {
  // Forward pass, one unit at a time.
  const z1 = [0, 1].map((i) => W1[i]![0]! * x[0]! + W1[i]![1]! * x[1]! + b1[i]!);
  const a1 = z1.map(s);
  const z2 = [0, 1].map((i) => W2[i]![0]! * a1[0]! + W2[i]![1]! * a1[1]! + b2[i]!);
  const a2 = z2.map(s);
  const z3 = w3[0]! * a2[0]! + w3[1]! * a2[1]! + b3;
  const a3 = s(z3);
  const C = (a3 - t) ** 2;

  // Step 1, output layer: ∂C/∂z3 = C′(a3) · σ′(z3); ∂C/∂w_i^(3) = ∂C/∂z3 · a_i^(2); ∂C/∂b3 = ∂C/∂z3.
  const dz3 = 2 * (a3 - t) * ds(z3);
  const dw3 = [dz3 * a2[0]!, dz3 * a2[1]!];
  const db3 = dz3;
  // Step 2, hidden layer 2: ∂C/∂z_i^(2) = ∂C/∂z3 · w_i^(3) · σ′(z_i^(2)); ∂C/∂W_ij^(2) = ∂C/∂z_i^(2) · a_j^(1).
  const dz2 = [0, 1].map((i) => dz3 * w3[i]! * ds(z2[i]!));
  const dW2 = [0, 1].map((i) => [0, 1].map((j) => dz2[i]! * a1[j]!));
  // Step 3, hidden layer 1: ∂C/∂z_j^(1) = (Σ_i ∂C/∂z_i^(2) · W_ij^(2)) · σ′(z_j^(1)); ∂C/∂W_ij^(1) = ∂C/∂z_i^(1) · x_j.
  const dz1 = [0, 1].map((j) => (dz2[0]! * W2[0]![j]! + dz2[1]! * W2[1]![j]!) * ds(z1[j]!));
  const dW1 = [0, 1].map((i) => [0, 1].map((j) => dz1[i]! * x[j]!));
  // The input gradient: ∂C/∂x_j = Σ_i ∂C/∂z_i^(1) · W_ij^(1).
  const dx = [0, 1].map((j) => dz1[0]! * W1[0]![j]! + dz1[1]! * W1[1]![j]!);

  const net = Network.fromJSON({
    format: 'backprop-network',
    version: 1,
    dtype: 'float64',
    inputs: 2,
    seed: 0,
    layers: [
      { units: 2, activation: 'logistic', W: W1, b: b1 },
      { units: 2, activation: 'logistic', W: W2, b: b2 },
    ],
    output: { units: 1, fn: 'logistic', loss: 'squared-error', W: [w3], b: [b3] },
  });
  const trace = net.forward([x]);
  expect(trace.a[0]!.toArray()[0]).toEqual(z1.map((v) => expect.closeTo(v, 15)));
  expect(trace.h[2]!.toArray()[0]).toEqual(a2.map((v) => expect.closeTo(v, 15)));
  expect(trace.yHat.get(0, 0)).toBeCloseTo(a3, 15);
  expect(net.loss([x], [[t]])).toBeCloseTo(C, 15);

  const g = net.backward(trace, [[t]]);
  expect(g.gradA[2]!.get(0, 0)).toBeCloseTo(dz3, 15);
  expect(g.gradW[2]!.toArray()).toEqual([dw3.map((v) => expect.closeTo(v, 15))]);
  expect(g.gradB[2]![0]).toBeCloseTo(db3, 15);
  expect(Array.from(g.gradA[1]!.data)).toEqual(dz2.map((v) => expect.closeTo(v, 15)));
  expect(g.gradW[1]!.toArray()).toEqual(dW2.map((r) => r.map((v) => expect.closeTo(v, 15))));
  expect(Array.from(g.gradB[1]!)).toEqual(dz2.map((v) => expect.closeTo(v, 15)));
  expect(Array.from(g.gradA[0]!.data)).toEqual(dz1.map((v) => expect.closeTo(v, 15)));
  expect(g.gradW[0]!.toArray()).toEqual(dW1.map((r) => r.map((v) => expect.closeTo(v, 15))));
  expect(Array.from(g.gradInput.data)).toEqual(dx.map((v) => expect.closeTo(v, 15)));
  // gradH[k] is ∇h_k: ∇h_2 = w3 · ∂C/∂z3 before σ′ is applied.
  expect(Array.from(g.gradH[2]!.data)).toEqual(w3.map((w) => expect.closeTo(w * dz3, 15)));
});
