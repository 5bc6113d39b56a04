import type { LessonNet } from './lesson-net.js';
import type { Highlight } from './types.js';

// The lesson's network as a small diagram: one column of units per layer (0 = inputs … L = outputs), an
// edge per weight (colour = sign, width = |w|). The units and edges a step is about are lit; the rest fade.

const COL = 90;
const ROW = 40;
const R = 11;
const SUB = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number) => String(n).replace(/\d/g, (d) => SUB[Number(d)]!);

/** The diagram of `n` with `lit` highlighted; units carry data-unit="layer:unit", edges data-edge="k:i:j". */
export function LessonDiagram({ n, lit }: { n: LessonNet; lit: Highlight }) {
  const cols = n.widths.length;
  const tallest = Math.max(...n.widths);
  const width = COL * (cols - 1) + 2 * 34;
  const height = ROW * tallest + 36;
  const x = (layer: number) => 34 + layer * COL;
  const y = (layer: number, u: number) => 18 + ROW / 2 + (u + (tallest - n.widths[layer]!) / 2) * ROW;
  const litUnits = new Set(lit.units.map(([l, u]) => `${l}:${u}`));
  const litEdges = new Set(lit.edges.map(([k, i, j]) => `${k}:${i}:${j}`));
  const any = litUnits.size + litEdges.size > 0;
  const maxW = Math.max(1e-9, ...Array.from({ length: n.L }, (_, i) => n.W(i + 1).flat().map(Math.abs)).flat());
  const edges = [];
  for (let k = 1; k < cols; k++) {
    const W = n.W(k);
    for (let i = 0; i < W.length; i++) {
      for (let j = 0; j < W[i]!.length; j++) {
        const id = `${k}:${i}:${j}`;
        const on = litEdges.has(id);
        const w = W[i]![j]!;
        edges.push(
          <line
            key={id}
            data-edge={id}
            className={on ? 'edge lit' : 'edge'}
            x1={x(k - 1) + R}
            y1={y(k - 1, j)}
            x2={x(k) - R}
            y2={y(k, i)}
            stroke={w >= 0 ? 'var(--learn-pos, #0877bd)' : 'var(--learn-neg, #f59322)'}
            strokeWidth={on ? 1.5 + (3 * Math.abs(w)) / maxW : 0.5 + (2 * Math.abs(w)) / maxW}
            opacity={!any || on ? 1 : 0.18}
          />,
        );
      }
    }
  }
  const label = (layer: number) => (layer === 0 ? 'x = h₀' : layer === cols - 1 ? `a${sub(layer)} → ŷ` : `a${sub(layer)}, h${sub(layer)}`);
  return (
    <figure className="lesson-diagram" data-testid="lesson-diagram">
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={`Network ${n.widths.join(' → ')}; lit: ${lit.units.length} units, ${lit.edges.length} edges`}>
        {edges}
        {n.widths.map((w, layer) =>
          Array.from({ length: w }, (_, u) => {
            const id = `${layer}:${u}`;
            const on = litUnits.has(id);
            return (
              <g key={id} data-unit={id} className={on ? 'unit lit' : 'unit'} opacity={!any || on ? 1 : 0.35}>
                <circle cx={x(layer)} cy={y(layer, u)} r={R} />
                <text x={x(layer)} y={y(layer, u) + 4} textAnchor="middle">
                  {u + 1}
                </text>
              </g>
            );
          }),
        )}
        {n.widths.map((_, layer) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one caption per layer
          <text key={layer} className="layer-label" x={x(layer)} y={12} textAnchor="middle">
            {label(layer)}
          </text>
        ))}
      </svg>
      <figcaption className="small muted">Blue edges are positive weights, orange negative; thicker is larger. Lit: what this step is about.</figcaption>
    </figure>
  );
}
