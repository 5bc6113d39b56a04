// Step 4: the same 3·LEG epochs without leaving Node, against the Node → PyTorch → Node run in model.json.
// Exits 1 when they differ by more than float64 rounding can explain.
import { existsSync, readFileSync } from 'node:fs';
import { Network } from '@backprop/core';
import { FIT, LEG, MODEL, SPEC, train } from './setup.mjs';

if (!existsSync(MODEL)) {
  console.error('There is no model.json yet: it is written by `node resume.mjs` (step 3).');
  process.exit(1);
}

/**
 * Two engines that sum in different orders differ by a few ulps per step (float64: ~1e-16 relative); over
 * this run's 2,250 Adam steps that grew to ~1e-11 on this machine. A real hand-over mistake (a lost moment,
 * a step counted twice, another shuffle) moves the weights by 1e-3 or more. 1e-8 lies between the two.
 */
const TOLERANCE = 1e-8;

const stayed = Network.create(SPEC);
const { history } = stayed.fit(train, { ...FIT, epochs: 3 * LEG });
const travelled = Network.fromJSON(readFileSync(MODEL, 'utf8'));
const other = travelled.checkpoint().training.history;

/** max |a − b| / max(|b|, 1e-3): relative, floored so that weights near 0 do not blow it up. */
let weights = 0;
for (let i = 0; i < stayed.flat.length; i++) weights = Math.max(weights, Math.abs(travelled.flat[i] - stayed.flat[i]) / Math.max(Math.abs(stayed.flat[i]), 1e-3));
const loss = Math.abs(other.loss.at(-1) - history.loss.at(-1)) / history.loss.at(-1);
const same = other.loss.length === history.loss.length && loss < TOLERANCE && weights < TOLERANCE;
console.log(`stayed in Node:          ${history.loss.length} epochs, final loss ${history.loss.at(-1).toPrecision(10)}`);
console.log(`Node → PyTorch → Node:   ${other.loss.length} epochs, final loss ${other.loss.at(-1).toPrecision(10)}`);
console.log(`relative difference: loss ${loss.toExponential(1)}, weights ${weights.toExponential(1)} (worst)`);
console.log(same ? `the same run (both below ${TOLERANCE}: float64 rounding)` : `NOT the same run (tolerance ${TOLERANCE})`);
process.exitCode = same ? 0 : 1;
