import { describe, expect, test } from 'vitest';
import { createSchedule } from './index.js';
import type { BackpropError } from './index.js';

const rates = (s: ReturnType<typeof createSchedule>, n: number, base = 0.1) => Array.from({ length: n }, (_, e) => s.rate(base, e));

describe('learning-rate schedules against worked values (η₀ = 0.1)', () => {
  test('constant', () => expect(rates(createSchedule('constant'), 3)).toEqual([0.1, 0.1, 0.1]));

  test('step: every 2 epochs ×0.5 → 0.1, 0.1, 0.05, 0.05, 0.025', () => {
    expect(rates(createSchedule({ name: 'step', every: 2, factor: 0.5 }), 5)).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
  });

  test('exponential: ×0.9 per epoch → 0.1, 0.09, 0.081', () => {
    const r = rates(createSchedule({ name: 'exponential', factor: 0.9 }), 3);
    [0.1, 0.09, 0.081].forEach((v, i) => {
      expect(r[i]).toBeCloseTo(v, 15);
    });
  });

  test('cosine over 4 epochs to min 0.01: 0.1, 0.01 + 0.09·(1 + cos(π/4))/2 = 0.086819…, 0.055, 0.023180…, then 0.01', () => {
    const r = rates(createSchedule({ name: 'cosine', minLearningRate: 0.01 }, 4), 6);
    const expected = [0.1, 0.0868198051533946, 0.055, 0.0231801948466054, 0.01, 0.01];
    expected.forEach((v, i) => {
      expect(r[i]).toBeCloseTo(v, 12);
    });
  });

  test('cosine with warm restarts (period 2, ×2): cycles of 2 then 4 epochs', () => {
    const r = rates(createSchedule({ name: 'cosine', period: 2, restarts: true, periodMultiplier: 2 }, 100), 7);
    const expected = [0.1, 0.05, 0.1, 0.1 * (1 + Math.cos(Math.PI / 4)) / 2, 0.05, 0.1 * (1 + Math.cos((3 * Math.PI) / 4)) / 2, 0.1];
    expected.forEach((v, i) => {
      expect(r[i]).toBeCloseTo(v, 14);
    });
  });

  test('reduce-on-plateau: ×0.5 after 2 epochs without improvement, then cooldown 1; state round-trips', () => {
    const s = createSchedule({ name: 'plateau', factor: 0.5, patience: 2, cooldown: 1, minDelta: 0 });
    const seen: number[] = [];
    for (const loss of [1, 0.9, 0.95, 0.93, 0.92, 0.91, 0.91, 0.91]) {
      s.observe(loss, 0.1);
      seen.push(s.rate(0.1, 0));
    }
    // Keras's rules: best 0.9 at epoch 2; 0.95, 0.93 → wait 2 → ×0.5. The cooldown epoch resets wait, then
    // counts it (0.92 → wait 1); 0.91 → wait 2 → ×0.5 again; cooldown, 0.91 → wait 1; 0.91 → ×0.5.
    expect(seen).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125]);
    const copy = createSchedule({ name: 'plateau', factor: 0.5, patience: 2, cooldown: 1, minDelta: 0 });
    copy.restore(JSON.parse(JSON.stringify(s.state())));
    expect(copy.state()).toEqual(s.state());
  });

  test('bad schedule options name the field', () => {
    for (const [config, argument] of [
      [{ name: 'step', factor: 1.5 }, 'schedule.factor'],
      [{ name: 'cosine', period: 0 }, 'schedule.period'],
      [{ name: 'exponential', every: 2 }, 'schedule.every'],
      [{ name: 'warmup' }, 'schedule.name'],
    ] as const) {
      try {
        createSchedule(config as never);
        expect.unreachable();
      } catch (e) {
        expect((e as BackpropError).argument).toBe(argument);
      }
    }
  });
});
