import { describe, expect, test } from 'vitest';
import { buildGraph, graphState, graphSteps } from './graph.js';
import { lessonNet } from './lesson-net.js';
import { cs7015 } from './presets.js';

describe('the computational graph of one sample', () => {
  const n = lessonNet(cs7015.json, cs7015.x, cs7015.y);
  const g = buildGraph(n);
  const node = (id: string) => g.nodes.find((v) => v.id === id)!;
  test('holds every a_k, h_k, ŷ and ℒ with the core values and gradients', () => {
    expect(g.forward).toEqual(['h0', 'a1', 'h1', 'a2', 'h2', 'a3', 'yHat', 'loss']);
    expect(node('a2').value).toEqual(n.a(2));
    expect(node('a2').grad).toEqual(n.gradA(2));
    expect(node('h1').grad).toEqual(n.gradH(1));
    expect(node('W3').grad).toEqual(n.gradW(3).flat());
    expect(node('loss').value).toEqual([n.loss]);
  });
  test("ŷ's gradient times the softmax Jacobian is ∇a_L (the step the core fuses)", () => {
    const p = node('yHat').value;
    const gy = node('yHat').grad;
    const viaJ = p.map((pi, i) => p.reduce((s, pj, j) => s + (i === j ? pi * (1 - pi) : -pi * pj) * gy[j]!, 0));
    expect(viaJ).toEqual(n.gradA(3).map((v) => expect.closeTo(v, 14)));
  });
  test('stepping: values first in forward order, then gradients from ℒ down to x', () => {
    expect(graphSteps(g)).toBe(8 + 2 + 4 * 3);
    const s0 = graphState(g, 0);
    expect(s0.current).toBe('h0');
    expect(s0.grads.size).toBe(0);
    const s8 = graphState(g, 8);
    expect(s8).toMatchObject({ current: 'loss', phase: 'backward' });
    expect(s8.values.has('loss')).toBe(true);
    const last = graphState(g, graphSteps(g) - 1);
    expect(last.current).toBe('h0');
    expect(last.grads.size).toBe(g.backward.length);
  });
});
