import { Fragment, useMemo } from 'react';
import { buildGraph, type GraphNode, graphState, graphSteps } from './graph.js';
import type { LessonNet } from './lesson-net.js';
import { plain } from './tex.js';

// The computational graph of one sample, stepped: forward fills in each node's value in the order the
// forward pass computes it, backward fills in each gradient in the order backpropagation does. Every
// node carries its exact numbers in data attributes (the e2e test compares them with the core's).

function Numbers({ values, rows, cols }: { values: readonly number[]; rows: number; cols: number }) {
  const shownRows = Math.min(rows, 8);
  return (
    <table className="node-numbers">
      <tbody>
        {Array.from({ length: shownRows }, (_, r) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: positional rows
          <tr key={r}>
            {Array.from({ length: Math.min(cols, 6) }, (_, c) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: positional cells
              <td key={c}>{plain(values[r * cols + c]!)}</td>
            ))}
          </tr>
        ))}
        {rows > shownRows ? (
          <tr>
            <td colSpan={cols}>⋮</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

function NodeCard({ node, value, grad, current }: { node: GraphNode; value: boolean; grad: boolean; current: boolean }) {
  return (
    <div
      className={`gnode ${node.kind}${current ? ' current' : ''}`}
      data-node={node.id}
      data-value={value ? JSON.stringify(node.value) : undefined}
      data-grad={grad ? JSON.stringify(node.grad) : undefined}
      aria-current={current ? 'step' : undefined}
    >
      <div className="gnode-label">{node.label}</div>
      <div className="gnode-cols">
        <div>
          <div className="small muted">value</div>
          {value ? <Numbers values={node.value} rows={node.rows} cols={node.cols} /> : <span className="muted">?</span>}
        </div>
        <div>
          <div className="small muted">∂ℒ/∂·</div>
          {grad ? <Numbers values={node.grad} rows={node.rows} cols={node.cols} /> : <span className="muted">·</span>}
        </div>
      </div>
    </div>
  );
}

/** What happens at the current node, in words. */
function explain(node: GraphNode, phase: 'forward' | 'backward', L: number): string {
  const k = node.layer;
  if (phase === 'forward') {
    if (node.id === 'h0') return 'The input x is the value of node h₀.';
    if (node.kind === 'pre') return `a${k} = b${k} + W${k} h${k - 1}: a matrix-vector product of the parameters and the node below.`;
    if (node.kind === 'act') return `h${k} = g(a${k}), entry by entry.`;
    if (node.kind === 'output') return `ŷ = O(a${L}).`;
    return 'ℒ compares ŷ with the target y. The forward pass is done; every value is stored.';
  }
  if (node.kind === 'loss') return 'Backward starts at ℒ with ∂ℒ/∂ℒ = 1.';
  if (node.kind === 'output') return "∂ℒ/∂ŷ is the loss's own derivative (for a natural pair the engine fuses it with O's).";
  if (node.kind === 'pre') return k === L ? `∂ℒ/∂a${k}: through the output function O (lesson 2).` : `∂ℒ/∂a${k} = ∂ℒ/∂h${k} ⊙ g′(a${k}) (lesson 3).`;
  if (node.kind === 'param') return node.id.startsWith('W') ? `∂ℒ/∂W${k} = ∂ℒ/∂a${k} h${k - 1}ᵀ (lesson 4).` : `∂ℒ/∂b${k} = ∂ℒ/∂a${k} (lesson 4).`;
  return node.id === 'h0' ? '∂ℒ/∂x = W₁ᵀ ∂ℒ/∂a₁: the gradient with respect to the input, which comes for free.' : `∂ℒ/∂h${k} = W${k + 1}ᵀ ∂ℒ/∂a${k + 1}: every path from h${k} to the loss (lesson 3).`;
}

/** The stepped computational graph of one sample on the lesson network. */
export function GraphView({ n, step, setStep, netNote, netKind }: { n: LessonNet; step: number; setStep: (s: number) => void; netNote: string; netKind: 'yours' | 'preset' }) {
  const g = useMemo(() => buildGraph(n), [n]);
  const count = graphSteps(g);
  const s = Math.min(Math.max(1, step), count);
  const state = graphState(g, s - 1);
  const byId = new Map(g.nodes.map((v) => [v.id, v]));
  const chain = g.forward.map((id) => byId.get(id)!);
  const card = (node: GraphNode) => <NodeCard node={node} value={state.values.has(node.id)} grad={state.grads.has(node.id)} current={state.current === node.id} />;
  const current = byId.get(state.current)!;
  return (
    <article className="graph-view" data-testid="graph-view" data-net={netKind} data-step={s} data-steps={count} data-model={JSON.stringify(n.json)} data-x={JSON.stringify(n.x)} data-y={JSON.stringify(n.y)}>
      <header className="lesson-head">
        <h2>The computational graph of one sample</h2>
        <p className="small muted">
          micrograd's graph, live: every node holds a vector with its value and, once backpropagation reaches it, ∂ℒ/∂ of it. {netNote}
        </p>
      </header>
      <nav className="row step-nav" aria-label="Steps of the graph">
        <button type="button" data-testid="graph-first" disabled={s <= 1} onClick={() => setStep(1)}>
          ◀◀ Start
        </button>
        <button type="button" data-testid="graph-prev" disabled={s <= 1} onClick={() => setStep(s - 1)}>
          ◀ Back
        </button>
        <span className="small" aria-live="polite">
          Step {s} of {count} ({state.phase}): <span data-testid="graph-explain">{explain(current, state.phase, n.L)}</span>
        </span>
        <button type="button" className="primary" data-testid="graph-next" disabled={s >= count} onClick={() => setStep(s + 1)}>
          Next ▶
        </button>
        <button type="button" data-testid="graph-last" disabled={s >= count} onClick={() => setStep(count)}>
          End ▶▶
        </button>
      </nav>
      <figure className="graph" aria-label="Nodes from the input x to the loss">
        {chain.map((node, i) => (
          <Fragment key={node.id}>
            {i > 0 ? <span className={`garrow${state.phase === 'backward' && state.grads.has(node.id) ? ' back' : ''}`} aria-hidden="true">{state.phase === 'backward' ? '⇄' : '→'}</span> : null}
            <div className="gcol">
              {node.kind === 'pre' ? (
                <div className="gparams">
                  {card(byId.get(`W${node.layer}`)!)}
                  {card(byId.get(`b${node.layer}`)!)}
                </div>
              ) : null}
              {card(node)}
            </div>
          </Fragment>
        ))}
      </figure>
      <p className="small muted">Target y = ({n.y.map(plain).join(', ')}). Values appear left to right; gradients right to left, each from the one just computed.</p>
    </article>
  );
}
