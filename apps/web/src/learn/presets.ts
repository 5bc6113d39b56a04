import type { NetworkJSON } from '@backprop/core';
import { networkOf } from './lesson-net.js';

// The fixed networks the lessons fall back on or are built around, with round weights a learner can
// multiply by hand. Each names the seed whose picture it draws.

/** A network, one sample and its target. */
export interface Preset {
  readonly json: NetworkJSON;
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/**
 * CS7015 lecture 4's picture (seed 002, Module 4.1): L = 3, two logistic hidden layers of 3 units, a
 * softmax output over k = 3 classes with cross-entropy; the sample's true class is ℓ = 2.
 */
export const cs7015: Preset = {
  json: networkOf(
    [
      { W: [[0.5, -0.3], [0.2, 0.8], [-0.6, 0.4]], b: [0.1, -0.2, 0.05], g: 'logistic' },
      { W: [[0.3, -0.5, 0.7], [0.6, 0.1, -0.4], [-0.2, 0.9, 0.3]], b: [0, 0.1, -0.1], g: 'logistic' },
    ],
    { W: [[0.4, -0.6, 0.2], [-0.3, 0.5, 0.8], [0.7, 0.2, -0.5]], b: [0.05, -0.05, 0], fn: 'softmax', loss: 'cross-entropy' },
  ),
  x: [1, -0.5],
  y: [0, 1, 0],
};

/**
 * CSC311's 3-layer example (seed 001): D(0) = 3 inputs, D(1) = 3 and D(2) = 2 logistic units, one
 * logistic output a(3) and the cost C = (a(3) − t)² (our squared error: no ½, SPEC §1).
 */
export const csc311: Preset = {
  json: networkOf(
    [
      { W: [[0.2, -0.4, 0.1], [0.5, 0.3, -0.6], [-0.3, 0.8, 0.2]], b: [0.1, -0.1, 0], g: 'logistic' },
      { W: [[0.7, -0.5, 0.3], [-0.2, 0.6, 0.4]], b: [0.2, -0.1], g: 'logistic' },
    ],
    { W: [[0.9, -0.7]], b: [0.1], fn: 'logistic', loss: 'squared-error' },
  ),
  x: [1, 0.5, -1],
  y: [0.25],
};

/**
 * AMA564's summary (seed 003): ReLU hidden layers and a linear last layer a^[r] = z^[r] (r = 3),
 * squared error against a real target.
 */
export const ama564: Preset = {
  json: networkOf(
    [
      { W: [[0.6, -0.4], [0.3, 0.9], [-0.5, 0.2]], b: [0.1, 0, 0.2], g: 'relu' },
      { W: [[0.4, 0.7, -0.3], [-0.6, 0.5, 0.8]], b: [0, 0.1], g: 'relu' },
    ],
    { W: [[0.8, -0.5]], b: [0.05], fn: 'linear', loss: 'squared-error' },
  ),
  x: [1.5, 0.5],
  y: [0.3],
};

/**
 * A one-unit ReLU network whose pre-activation a_1 = 5 × 10⁻⁷ sits closer to the kink at 0 than a
 * gradient check's step ε = 10⁻⁶ (lesson 8): the central difference straddles the kink.
 */
export const kink: Preset = {
  json: networkOf([{ W: [[1]], b: [-1 + 5e-7], g: 'relu' }], { W: [[2]], b: [0], fn: 'linear', loss: 'squared-error' }),
  x: [1],
  y: [1],
};
