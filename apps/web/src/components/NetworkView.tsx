import { type MouseEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { Lit } from '../model/step-through.js';
import type { FeatureName } from '../state/config.js';
import { featureFns, featureLabels } from '../state/features.js';
import { DEFAULT_VIEW, GRID, gridPoints, type PlaneView } from '../state/grid.js';
import { useTheme } from '../state/theme.js';
import type { Snapshot } from '../worker/protocol.js';
import { CLASS_COLORS, css, fieldPixels, weightColor } from './colors.js';
import { Field } from './Field.js';

// The network diagram: one column of units per layer, an edge per weight (colour = sign, width = |w|),
// each unit's own output over the plane as a thumbnail, values on hover, and the units and edges the
// step-through is on lit up.

const MAX_SHOWN = 16;
const THUMB = 30;
const GAP = 44;
/** Column spacing when the panel has room for it; a narrower panel gets closer columns, down to MIN_COL. */
const COL = 130;
/** Closest columns: a unit's width plus most of it again for its edges to be told apart. Closer than that, the diagram scrolls. */
const MIN_COL = 56;
/** Space left of the inputs' centres (their labels), and right of the outputs' (half a unit and a little). */
const MARGIN = 40;
const MARGIN_RIGHT = 24;
const sub = (n: number) => String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]!);

interface Edge {
  readonly k: number;
  readonly j: number;
  readonly i: number;
  readonly v: number;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

const atlas = typeof document === 'undefined' ? ({} as HTMLCanvasElement) : document.createElement('canvas');

/** Squared distance from (px, py) to a segment. */
function distance2(e: Edge, px: number, py: number): number {
  const dx = e.x2 - e.x1;
  const dy = e.y2 - e.y1;
  const t = Math.max(0, Math.min(1, ((px - e.x1) * dx + (py - e.y1) * dy) / (dx * dx + dy * dy || 1)));
  return (e.x1 + t * dx - px) ** 2 + (e.y1 + t * dy - py) ** 2;
}

/**
 * The weights as lines on one canvas (colour = sign, width = |w|): hundreds of SVG lines repainted at
 * every snapshot cost a software renderer hundreds of milliseconds; a canvas costs about one.
 */
function EdgeCanvas(props: { edges: readonly Edge[]; thumbs: readonly Thumb[]; width: number; height: number; maxW: number; litLayer: number | null; onHover: (h: Hover | null) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { edges, thumbs, width, height, maxW, litLayer } = props;
  const [theme] = useTheme();
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || !theme) return; // theme: repaint in the new palette
    ctx.clearRect(0, 0, width, height);
    for (const e of edges) {
      const lit = litLayer === e.k;
      ctx.globalAlpha = litLayer !== null && !lit ? 0.15 : lit ? 1 : 0.8;
      ctx.strokeStyle = weightColor(e.v);
      ctx.lineWidth = 0.5 + (5 * Math.abs(e.v)) / maxW;
      ctx.beginPath();
      ctx.moveTo(e.x1, e.y1);
      ctx.lineTo(e.x2, e.y2);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    // Unit thumbnails go into the same canvas, via one atlas: a single putImageData, then drawImage
    // per unit (putImageData per unit would flush the canvas's pending strokes every time).
    const side = THUMB - 2;
    if (thumbs.length === 0) return;
    atlas.width = side * thumbs.length;
    atlas.height = side;
    const actx = atlas.getContext('2d');
    if (!actx) return;
    const img = actx.createImageData(side * thumbs.length, side);
    const one = new Uint8ClampedArray(side * side * 4);
    thumbs.forEach((t, n) => {
      fieldPixels(one, side, t.field.values, GRID, { confidence: t.field.confidence });
      for (let r = 0; r < side; r++) img.data.set(one.subarray(r * side * 4, (r + 1) * side * 4), (r * side * thumbs.length + n * side) * 4);
    });
    actx.putImageData(img, 0, 0);
    thumbs.forEach((t, n) => {
      ctx.drawImage(atlas, n * side, 0, side, side, t.x - THUMB / 2 + 1, t.y - THUMB / 2 + 1, side, side);
    });
  }, [edges, thumbs, width, height, maxW, litLayer, theme]);
  const move = (ev: MouseEvent<HTMLCanvasElement>) => {
    const r = ev.currentTarget.getBoundingClientRect();
    const px = ev.clientX - r.left;
    const py = ev.clientY - r.top;
    let best: Edge | undefined;
    let bestD = 16;
    for (const e of edges) {
      const d = distance2(e, px, py);
      if (d < bestD) [best, bestD] = [e, d];
    }
    props.onHover(best ? { text: `weight W${sub(best.k)}[${best.j + 1}][${best.i + 1}] = ${best.v.toFixed(4)} (from unit ${best.i + 1} of layer ${best.k - 1} to unit ${best.j + 1} of layer ${best.k})` } : null);
  };
  return <canvas ref={ref} width={width} height={height} className="edges" data-testid="edges" onMouseMove={move} onMouseLeave={() => props.onHover(null)} />;
}

/**
 * Column spacing for L layers in `room` pixels: the full COL when it fits, else as close as fits down to
 * MIN_COL (then the frame scrolls). A wide network in a narrow panel is drawn whole rather than cut off.
 */
export function columnSpacing(L: number, room: number | undefined, margins = MARGIN + MARGIN_RIGHT): number {
  if (room === undefined || L === 0) return COL;
  return Math.max(MIN_COL, Math.min(COL, Math.floor((room - margins) / L)));
}

/** Room for labels written beside the units (a CSV's column and class names): about 6 px a character, at most 140. */
const labelRoom = (names: readonly string[] | undefined, least: number): number =>
  names && names.length > 0 ? Math.max(least, Math.min(140, THUMB / 2 + 8 + 6 * Math.max(...names.map((n) => n.length)))) : least;

/**
 * The diagram's frame: reports the width it has (`onRoom`), so the diagram fits it when it can; in a
 * window narrower than even the closest diagram it scrolls sideways, says so under it, and can be
 * scrolled with the arrow keys once focused.
 */
function DiagramScroll({ children, onRoom }: { children: ReactNode; onRoom: (px: number) => void }) {
  const ref = useRef<HTMLElement>(null);
  const [overflow, setOverflow] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => {
      onRoom(el.clientWidth);
      setOverflow(el.scrollWidth > el.clientWidth + 1);
    };
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild); // the diagram grows with the network
    return () => ro.disconnect();
  }, [onRoom]);
  return (
    <>
      {/* A scrolling region must be focusable to scroll by keyboard (only while it scrolls). */}
      <section ref={ref} className="diagram-scroll" data-overflow={overflow} data-testid="diagram-scroll" tabIndex={overflow ? 0 : undefined} aria-label={overflow ? 'Network diagram (scrolls sideways)' : 'Network diagram'}>
        {children}
      </section>
      <p className="scroll-hint small muted" data-testid="scroll-hint">
        ← The diagram is wider than the window: scroll it sideways →
      </p>
    </>
  );
}

interface Thumb {
  readonly x: number;
  readonly y: number;
  readonly field: UnitField;
}

interface Hover {
  readonly text: string;
  readonly field?: UnitField | undefined;
}

/** Weight W_k[j][i] and bias b_k[j] from the flat parameters θ = [W_1 … W_L, b_1 … b_L]. */
function reader(widths: readonly number[], flat: Float32Array) {
  const wOff: number[] = [];
  let o = 0;
  for (let k = 1; k < widths.length; k++) {
    wOff[k] = o;
    o += widths[k]! * widths[k - 1]!;
  }
  const bOff: number[] = [];
  for (let k = 1; k < widths.length; k++) {
    bOff[k] = o;
    o += widths[k]!;
  }
  return {
    w: (k: number, j: number, i: number) => flat[wOff[k]! + j * widths[k - 1]! + i]!,
    b: (k: number, j: number) => flat[bOff[k]! + j]!,
  };
}

/** A unit's field over the plane: values in [−1, 1], or (a class's probability) class `values[i]` tinted by `confidence[i]`. */
interface UnitField {
  readonly values: Float32Array;
  readonly confidence?: Float32Array | undefined;
}

/**
 * An output unit's field: ±(2p − 1) for two classes, ŷ for regression, and for 3+ classes P(class j) in class
 * j's colour (the plot's colours: its shade is that class's where the class is likely).
 */
function outputField(s: Snapshot, j: number): UnitField | undefined {
  if (!s.grid) return undefined;
  const outputs = s.widths[s.widths.length - 1]!;
  if (s.gridConfidence) {
    const probs = s.gridProbabilities;
    if (!probs) return undefined;
    const cells = probs.length / outputs;
    return { values: new Float32Array(cells).fill(j), confidence: Float32Array.from({ length: cells }, (_, i) => probs[i * outputs + j]!) };
  }
  if (outputs === 1) return { values: s.grid };
  return { values: s.grid.map((p) => (j === 1 ? 2 * p - 1 : 1 - 2 * p)) };
}

/**
 * The diagram of the network in `snapshot`. `inputNames` (data whose rows are not points of the plane,
 * such as a CSV's columns) labels each input unit, beside it; otherwise the inputs are the switched-on
 * `features`. `classNames` name the output units of a classifier (written beside them, in the class colours,
 * where there is no plane to draw their fields on).
 */
export function NetworkView(props: { snapshot: Snapshot | undefined; features: readonly FeatureName[]; planar: boolean; lit: Lit | null; inputNames?: readonly string[] | undefined; classNames?: readonly string[] | undefined; view?: PlaneView | undefined }) {
  const { snapshot, features, planar, lit, inputNames, classNames, view = DEFAULT_VIEW } = props;
  const inputLabel = (j: number) => inputNames?.[j] ?? featureLabels[features[j]!] ?? String(j + 1);
  const [hover, setHover] = useState<Hover | null>(null);
  const [room, setRoom] = useState<number | undefined>(undefined);
  const featureFields = useMemo(() => {
    const g = gridPoints(GRID, view);
    // Each feature's field in [−1, 1]: divided by its largest size over the view (sin is in [−1, 1] already).
    const [rx, ry] = [Math.abs(view.cx) + view.hx, Math.abs(view.cy) + view.hy];
    const size: Record<FeatureName, number> = { x: rx, y: ry, x2: rx * rx, y2: ry * ry, xy: rx * ry, sinx: 1, siny: 1 };
    return features.map((f) => Float32Array.from({ length: GRID * GRID }, (_, i) => featureFns[f](g[2 * i]!, g[2 * i + 1]!) / size[f]));
  }, [features, view]);
  if (!snapshot) return <p className="muted">Building the network…</p>;
  const widths = snapshot.widths;
  const L = widths.length - 1;
  const shown = widths.map((n) => Math.min(n, MAX_SHOWN));
  const height = Math.max(...shown) * GAP + 20;
  const outputs = widths[L]!;
  // Output j is class j (softmax, one-vs-rest logistic units); a single logistic unit is P(the second class).
  const outputNames = classNames && (classNames.length === outputs || (outputs === 1 && classNames.length === 2)) ? (outputs === 1 ? [classNames[1]!] : classNames) : undefined;
  const named = !planar && outputNames !== undefined && outputs <= MAX_SHOWN;
  const left = labelRoom(inputNames, MARGIN);
  const right = named ? labelRoom(outputNames, MARGIN_RIGHT) : MARGIN_RIGHT;
  const col = columnSpacing(L, room, left + right);
  const width = L * col + left + right;
  const x = (c: number) => left + c * col;
  const y = (c: number, j: number) => 10 + GAP / 2 + j * GAP + ((Math.max(...shown) - shown[c]!) * GAP) / 2;
  const { w, b } = reader(widths, snapshot.flat);
  let maxW = 1e-9;
  for (let k = 1; k <= L; k++) for (let j = 0; j < shown[k]!; j++) for (let i = 0; i < shown[k - 1]!; i++) maxW = Math.max(maxW, Math.abs(w(k, j, i)));
  const litCol = (c: number) => lit?.columns.includes(c) ?? false;

  const edges: Edge[] = [];
  for (let k = 1; k <= L; k++) {
    if (widths[k - 1]! > MAX_SHOWN && k === 1 && !inputNames) continue; // 784 pixel inputs: too many edges to draw
    for (let j = 0; j < shown[k]!; j++) {
      for (let i = 0; i < shown[k - 1]!; i++) {
        const v = w(k, j, i);
        edges.push({ k, j, i, v, x1: x(k - 1) + THUMB / 2, y1: y(k - 1, i), x2: x(k) - THUMB / 2, y2: y(k, j) });
      }
    }
  }

  const nodes = [];
  const thumbs: Thumb[] = [];
  for (let c = 0; c <= L; c++) {
    // MNIST's 784 pixels are one box; named inputs (a CSV's columns) are drawn as hidden layers are: the first 16 by name, "+N more".
    const pixels = c === 0 && widths[0]! > MAX_SHOWN && !inputNames;
    for (let j = 0; j < (pixels ? 1 : shown[c]!); j++) {
      const own = c === 0 ? (inputNames ? undefined : featureFields[j]) : c < L ? snapshot.neurons?.[c - 1]?.[j] : undefined;
      const field: UnitField | undefined = c === L ? outputField(snapshot, j) : own ? { values: own } : undefined;
      const className = outputNames?.[j];
      const output = `output ${j + 1}${className !== undefined || field?.confidence ? `, P(${className ?? `class ${j}`})` : ''}${field?.confidence ? ' over the plane' : ''}`;
      const name = c === 0 ? (pixels ? `${widths[0]} pixel inputs` : `input ${inputLabel(j)}`) : c < L ? `unit ${j + 1} of hidden layer ${c}` : output;
      if (planar && field) thumbs.push({ x: x(c), y: y(c, j), field });
      const text = c === 0 ? name : `${name}: b${sub(c)}[${j + 1}] = ${b(c, j).toFixed(4)}`;
      nodes.push(
        <button
          type="button"
          key={`n${c}-${j}`}
          className={litCol(c) ? 'node lit' : 'node'}
          style={{ left: x(c) - THUMB / 2, top: y(c, j) - THUMB / 2, width: THUMB, height: THUMB, ...(c === L && named && outputs > 1 ? { borderColor: css(CLASS_COLORS[j % CLASS_COLORS.length]!), borderWidth: 3 } : {}) }}
          aria-label={text}
          onMouseEnter={() => setHover({ text, field })}
          onMouseLeave={() => setHover(null)}
          onFocus={() => setHover({ text, field })}
          onBlur={() => setHover(null)}
        >
          {planar && field ? null : c === 0 && inputNames && !pixels ? (
            <span className="node-label beside-left">{inputLabel(j)}</span>
          ) : c === L && named ? (
            <span className="node-label beside-right" data-testid="output-name">
              {className}
            </span>
          ) : (
            <span className="node-label">{pixels ? widths[0] : c === 0 ? inputLabel(j) : ''}</span>
          )}
        </button>,
      );
    }
    if (widths[c]! > MAX_SHOWN && !pixels) nodes.push(<span key={`more${c}`} className="more" style={{ left: x(c) - 20, top: height - 14 }}>+{widths[c]! - MAX_SHOWN} more</span>);
  }

  return (
    <div className="network">
      <DiagramScroll onRoom={setRoom}>
      <div className="diagram" style={{ width, height }} data-testid="network-diagram">
        <EdgeCanvas edges={edges} thumbs={thumbs} width={width} height={height} maxW={maxW} litLayer={lit?.edges ?? null} onHover={setHover} />
        {nodes}
        {hover?.field && planar ? (
          <div className="zoom">
            <Field values={hover.field.values} confidence={hover.field.confidence} size={GRID} px={140} label="enlarged unit output" />
          </div>
        ) : null}
      </div>
      </DiagramScroll>
      <p className="hover-info small" aria-live="polite" data-testid="hover-info">
        {hover?.text ?? `Layers: ${widths.join(' → ')}. Hover or focus a unit or edge for its value.`}
      </p>
    </div>
  );
}
