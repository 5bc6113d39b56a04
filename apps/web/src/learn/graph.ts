import type { LessonNet } from './lesson-net.js';

// The computational graph of one sample (micrograd's graph, vector-valued): nodes x = h_0, a_1, h_1, …,
// a_L, ŷ, ℒ and the parameters W_k, b_k feeding each a_k. Stepping forward fills in values in the order
// the forward pass makes them; stepping backward fills in gradients in the order backprop makes them.
// Every number is the core's (ŷ's gradient, which the core fuses away for natural pairs, is the loss's own).

/** One node: a vector (or matrix, for W_k) with its value and its gradient. */
export interface GraphNode {
  readonly id: string;
  /** Label in the notes' names (Unicode, for SVG/HTML). */
  readonly label: string;
  readonly kind: 'input' | 'pre' | 'act' | 'output' | 'loss' | 'param';
  /** Layer index: 0 … L for x, a_k, h_k; L for ŷ, L + 1 for ℒ; k for W_k and b_k. */
  readonly layer: number;
  /** Values, row-major (W_k: n_k × n_(k−1)). */
  readonly value: readonly number[];
  readonly rows: number;
  readonly cols: number;
  /** ∂ℒ/∂(this node), same shape. */
  readonly grad: readonly number[];
  /** The nodes this one is computed from. */
  readonly inputs: readonly string[];
}

/** The graph and the order in which its values and then its gradients appear. */
export interface Graph {
  readonly nodes: readonly GraphNode[];
  /** Forward order: the node whose value step s (0-based, s < forward.length) computes. */
  readonly forward: readonly string[];
  /** Backward order: the node whose gradient step forward.length + s computes. */
  readonly backward: readonly string[];
}

const SUB = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number) => String(n).replace(/\d/g, (d) => SUB[Number(d)]!);

/** ∂ℒ/∂ŷ for the loss alone (the core fuses it with O's derivative for the natural pairs). */
function lossGradient(n: LessonNet): number[] {
  return n.yHat().map((p, j) => {
    const y = n.y[j]!;
    if (n.lossName === 'cross-entropy') return y === 0 ? 0 : -y / p;
    if (n.lossName === 'squared-error') return 2 * (p - y);
    return (p - y) / (p * (1 - p));
  });
}

/** Builds the graph of one sample on a lesson network. */
export function buildGraph(n: LessonNet): Graph {
  const L = n.L;
  const nodes: GraphNode[] = [];
  const vec = (id: string, label: string, kind: GraphNode['kind'], layer: number, value: readonly number[], grad: readonly number[], inputs: string[]) =>
    nodes.push({ id, label, kind, layer, value, rows: value.length, cols: 1, grad, inputs });
  vec('h0', 'x = h₀', 'input', 0, n.x, n.gradH(0), []);
  const forward = ['h0'];
  const backward: string[] = ['loss', 'yHat'];
  for (let k = 1; k <= L; k++) {
    const W = n.W(k);
    nodes.push({ id: `W${k}`, label: `W${sub(k)}`, kind: 'param', layer: k, value: W.flat(), rows: W.length, cols: W[0]!.length, grad: n.gradW(k).flat(), inputs: [] });
    vec(`b${k}`, `b${sub(k)}`, 'param', k, n.b(k), n.gradB(k), []);
    vec(`a${k}`, `a${sub(k)}`, 'pre', k, n.a(k), n.gradA(k), [`W${k}`, `h${k - 1}`, `b${k}`]);
    forward.push(`a${k}`);
    if (k < L) {
      vec(`h${k}`, `h${sub(k)}`, 'act', k, n.h(k), n.gradH(k), [`a${k}`]);
      forward.push(`h${k}`);
    }
  }
  vec('yHat', 'ŷ', 'output', L, n.yHat(), lossGradient(n), [`a${L}`]);
  nodes.push({ id: 'loss', label: 'ℒ', kind: 'loss', layer: L + 1, value: [n.loss], rows: 1, cols: 1, grad: [1], inputs: ['yHat'] });
  forward.push('yHat', 'loss');
  for (let k = L; k >= 1; k--) {
    backward.push(`a${k}`, `W${k}`, `b${k}`, `h${k - 1}`);
  }
  return { nodes, forward, backward };
}

/** What step s shows: which values and gradients are known, and the node being computed. */
export function graphState(g: Graph, step: number): { values: ReadonlySet<string>; grads: ReadonlySet<string>; current: string; phase: 'forward' | 'backward' } {
  const f = g.forward.length;
  const s = Math.max(0, Math.min(step, f + g.backward.length - 1));
  const values = new Set(g.forward.slice(0, Math.min(s + 1, f)));
  // Parameters have their values from the start (they are θ).
  for (const node of g.nodes) if (node.kind === 'param') values.add(node.id);
  const grads = new Set(s >= f ? g.backward.slice(0, s - f + 1) : []);
  return { values, grads, current: s < f ? g.forward[s]! : g.backward[s - f]!, phase: s < f ? 'forward' : 'backward' };
}

/** Number of steps of the graph view (forward values, then backward gradients). */
export const graphSteps = (g: Graph): number => g.forward.length + g.backward.length;
