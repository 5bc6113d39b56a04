import { expect, test } from 'vitest';
import { diagnose, type HealthInputs } from './health.js';

const healthy: HealthInputs = { diverged: false, learningRate: 0.03, losses: [0.7, 0.6, 0.5, 0.45, 0.4], deadShare: 0, saturatedShare: 0, norms: [0.2, 0.3, 0.1] };

test('a healthy run gets no diagnosis', () => {
  expect(diagnose(healthy)).toBeNull();
});

test('a first layer 1e-5 of the last is vanishing gradients: fewer layers or relu', () => {
  expect(diagnose({ ...healthy, norms: [2e-6, 1e-3, 0.3] })).toMatch(/^Vanishing gradients: .*use fewer layers or relu/);
});

test('a first-layer gradient of 4e-41 is not "use relu" advice: nothing flows back through dead or saturated units', () => {
  // What a new user met: relu in layer 1 already, its units dead, and the advice said "use relu".
  const d = diagnose({ ...healthy, deadShare: 0.45, norms: [4.4e-41, 2e-3, 0.25] });
  expect(d).toMatch(/^No gradient reaches the first layer/);
  expect(d).toMatch(/dead/);
  expect(d).not.toMatch(/or relu\./);
});

test('most ReLU units dead, a diverged run and a climbing loss are named first', () => {
  expect(diagnose({ ...healthy, deadShare: 0.6 })).toMatch(/60 % of the ReLU units are dead/);
  expect(diagnose({ ...healthy, diverged: true })).toMatch(/^Training diverged/);
  expect(diagnose({ ...healthy, losses: [0.5, 0.4, 0.3, 0.2, 1.5] })).toMatch(/^The loss is climbing/);
});
