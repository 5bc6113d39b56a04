import { expect, test } from 'vitest';
import { FOOT_LINES, HEAD_LINES, planLayout } from './layout.js';

const mnist = { twoD: false, classification: true, layerCount: 2, helpLines: 0 };
const spiral = { twoD: true, classification: true, layerCount: 3, helpLines: 0 };

test.each([
  [80, 24],
  [120, 30],
  [160, 50],
  [60, 15],
  [200, 60],
  [80, 10],
])('at %i × %i the frame is narrower and at least one line shorter than the terminal', (columns, rows) => {
  for (const input of [mnist, spiral, { ...mnist, helpLines: 8 }]) {
    const l = planLayout({ columns, rows, ...input });
    expect(l.width).toBeLessThan(columns);
    if (rows > HEAD_LINES + FOOT_LINES) expect(l.height).toBeLessThanOrEqual(rows - 1);
    if (l.epochCharts?.accuracy) expect(l.epochCharts.loss.width + l.epochCharts.accuracy.width + 2 * 10 + 3).toBeLessThanOrEqual(l.width);
    if (l.heatmap && l.batchChart) expect(l.batchChart.width + 10 + 2 + l.heatmap.cols).toBeLessThanOrEqual(l.width);
  }
});

test('80 × 24 (MNIST): progress, loss and accuracy first; the layer table waits for room', () => {
  const l = planLayout({ columns: 80, rows: 24, ...mnist });
  expect(l.epochCharts?.loss.height).toBeGreaterThanOrEqual(5);
  expect(l.epochCharts?.accuracy).toBeDefined();
  expect(l.batchChart?.height).toBeGreaterThanOrEqual(4);
  expect(l.layers).toBeUndefined();
  expect(l.height).toBe(23);
});

test('120 × 30 adds the layer table; 160 × 50 shows everything with taller charts', () => {
  expect(planLayout({ columns: 120, rows: 30, ...mnist }).layers).toEqual({ grads: 'beside' });
  const big = planLayout({ columns: 160, rows: 50, ...spiral });
  expect(big.layers).toEqual({ grads: 'beside' });
  expect(big.heatmap).toEqual({ cols: 40, rows: 12 });
  expect(big.epochCharts?.loss.height).toBe(8);
});

test('a tiny terminal keeps the essentials and drops every chart', () => {
  const l = planLayout({ columns: 60, rows: 10, ...mnist });
  expect(l.epochCharts).toBeUndefined();
  expect(l.batchChart).toBeUndefined();
  expect(l.height).toBe(HEAD_LINES + FOOT_LINES);
});
