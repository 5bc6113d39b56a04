import { type KeyboardEvent, type MouseEvent, useEffect, useId, useRef, useState } from 'react';
import { coord, describeOutput, digitsFor, labelFor, type Modifiers, moveCursor, nearestPoint, roundTo } from '../model/plane-edit.js';
import { clickStep, DEFAULT_VIEW, GRID, type PlaneView, toPixel, toPlane } from '../state/grid.js';
import { useTheme } from '../state/theme.js';
import type { DataSummary, Snapshot } from '../worker/protocol.js';
import { CLASS_COLORS, css, diverging, paintField } from './colors.js';

const SIDE = 320;
/** The boundary is drawn at this share of the palette's strength, so full-colour points (and mistakes) stand out on it. */
const BACKGROUND_STRENGTH = 0.6;
const MOUSE_REACH = (8 / SIDE) * 2; // alt-click removes a point within 8 px (times the view's half-width)
const KEY_REACH = 1 / 12; // Delete removes a point within 1/12 of the half-width of the keyboard cursor (0.5 on [−6, 6]²)

export interface HeatmapProps {
  readonly snapshot: Snapshot | undefined;
  readonly data: DataSummary | undefined;
  readonly showTest: boolean;
  readonly discretize: boolean;
  /** The training row the step-through walks, circled. */
  readonly highlight?: number | undefined;
  readonly onAdd: (x: number, y: number, label: number) => void;
  /** Removes a training point: its index in the generated set, or −1 and its position for an added one. */
  readonly onRemove: (source: number, x: number, y: number) => void;
  /** The network's output ŷ at a plane point, computed by the worker on the network it trains. */
  readonly predict: (x: number, y: number) => Promise<Float32Array>;
}

function pointColor(label: number, data: DataSummary): string {
  if (data.task === 'regression') return css(diverging(label));
  return css(CLASS_COLORS[label % CLASS_COLORS.length]!);
}

function drawPoints(ctx: CanvasRenderingContext2D, pts: Float32Array, labels: Float32Array, data: DataSummary, test: boolean, view: PlaneView): void {
  for (let i = 0; i < labels.length; i++) {
    const { px, py } = toPixel(pts[2 * i]!, pts[2 * i + 1]!, SIDE, view);
    ctx.beginPath();
    ctx.arc(px, py, 4, 0, 2 * Math.PI);
    ctx.fillStyle = pointColor(labels[i]!, data);
    ctx.fill();
    ctx.lineWidth = test ? 1.5 : 0.8;
    ctx.strokeStyle = test ? '#000' : '#fff';
    ctx.stroke();
  }
}

/** A short fingerprint of the training points (tests tell "same data" from "new data" by it). */
const digest = (pts: Float32Array | undefined): string | undefined => (pts ? Array.from(pts.subarray(0, 6), (v) => v.toFixed(3)).join(',') : undefined);

interface Readout {
  readonly x: number;
  readonly y: number;
  readonly yHat: Float32Array;
}

/** The network's output at `point`, refreshed whenever the network changes (each snapshot). */
function useReadout(point: { x: number; y: number } | null, snapshot: Snapshot | undefined, predict: HeatmapProps['predict']): Readout | null {
  const [readout, setReadout] = useState<Readout | null>(null);
  useEffect(() => {
    if (!point || !snapshot) {
      setReadout(null);
      return;
    }
    let live = true;
    void predict(point.x, point.y).then((yHat) => {
      // An empty ŷ: the worker has no network (yet) for this input.
      if (live) setReadout(yHat.length > 0 ? { ...point, yHat } : null);
    });
    return () => {
      live = false;
    };
  }, [point, snapshot, predict]);
  return readout;
}

/** Class c as the plot names it: by the file's name for a CSV's classes ("big"), by its number on the generated sets (the playground's convention). */
function className(data: DataSummary | undefined, c: number): string {
  return (data?.columnNames ? data.classNames?.[c] : undefined) ?? String(c);
}

/** The decision boundary (or regression surface) over the plane, with the train (and test) points; click or use the keys to edit the data. */
export function DecisionHeatmap(props: HeatmapProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const bg = useRef<HTMLCanvasElement>(null);
  const helpId = useId();
  const { snapshot, data, showTest, discretize, highlight } = props;
  const view = data?.view ?? DEFAULT_VIEW;
  const [kept, setCursor] = useState({ x: 0, y: 0 });
  // The keyboard cursor starts at the view's centre, and comes back there when new data moves the view off it.
  const cursor = Math.abs(kept.x - view.cx) <= view.hx && Math.abs(kept.y - view.cy) <= view.hy ? kept : { x: view.cx, y: view.cy };
  const [cx, cy] = [(v: number) => coord(v, digitsFor(view, 'x')), (v: number) => coord(v, digitsFor(view, 'y'))];
  const [focused, setFocused] = useState(false);
  const [point, setPoint] = useState<{ x: number; y: number } | null>(null);
  const [status, setStatus] = useState('');
  const readout = useReadout(point, snapshot, props.predict);
  const [theme] = useTheme();
  useEffect(() => {
    const grid = snapshot?.grid;
    if (!grid || !bg.current || !data || !theme) return; // theme: repaint in the new palette
    const multi = snapshot?.gridConfidence;
    const values = multi || data.task === 'regression' ? grid : grid.map((p) => 2 * p - 1);
    paintField(bg.current, values, GRID, { confidence: multi, discretize, strength: BACKGROUND_STRENGTH });
  }, [snapshot, data, discretize, theme]);
  // The points change only with the data, so they are not repainted at every snapshot.
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || !data) return;
    ctx.clearRect(0, 0, SIDE, SIDE);
    const v = data.view ?? DEFAULT_VIEW;
    if (data.trainPoints && data.trainLabels) drawPoints(ctx, data.trainPoints, data.trainLabels, data, false, v);
    if (showTest && data.testPoints && data.testLabels) drawPoints(ctx, data.testPoints, data.testLabels, data, true, v);
    if (highlight !== undefined && data.trainPoints) {
      const { px, py } = toPixel(data.trainPoints[2 * highlight]!, data.trainPoints[2 * highlight + 1]!, SIDE, v);
      ctx.beginPath();
      ctx.arc(px, py, 9, 0, 2 * Math.PI);
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#d00';
      ctx.stroke();
    }
  }, [data, showTest, highlight]);

  const position = (e: MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return toPlane(((e.clientX - r.left) / r.width) * SIDE, ((e.clientY - r.top) / r.height) * SIDE, SIDE, view);
  };
  const add = (x: number, y: number, m: Modifiers) => {
    if (!data) return;
    const label = labelFor(m, data.task, data.classes);
    const [rx, ry] = [roundTo(x, clickStep(view, 'x')), roundTo(y, clickStep(view, 'y'))];
    props.onAdd(rx, ry, label);
    setStatus(`Added a ${data.task === 'regression' ? `target ${label}` : `class ${className(data, label)}`} point at (${cx(rx)}, ${cy(ry)}).`);
  };
  const remove = (x: number, y: number, reach: number) => {
    const pts = data?.trainPoints;
    if (!pts) return;
    const i = nearestPoint(pts, x, y, reach, view);
    if (i < 0) return setStatus(`No training point within ${coord(reach, Math.max(0, digitsFor(view, 'x') - 1))} of (${cx(x)}, ${cy(y)}).`);
    if (data.trainCount <= 1) return setStatus('The last training point stays.');
    props.onRemove(data.trainSource?.[i] ?? -1, pts[2 * i]!, pts[2 * i + 1]!);
    setStatus(`Removed the training point at (${cx(pts[2 * i]!)}, ${cy(pts[2 * i + 1]!)}).`);
  };
  const click = (e: MouseEvent<HTMLCanvasElement>, secondary: boolean) => {
    if (!data?.trainPoints) return;
    e.preventDefault();
    const { x, y } = position(e);
    if (e.altKey) remove(x, y, MOUSE_REACH * view.hx);
    else add(x, y, { shift: e.shiftKey, ctrl: e.ctrlKey, secondary });
  };
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    const moved = moveCursor(cursor, e.key, e.shiftKey, view);
    if (moved) {
      setCursor(moved);
      setPoint(moved);
    } else if (e.key === 'Enter' || e.key === ' ') add(cursor.x, cursor.y, { shift: e.shiftKey, ctrl: e.ctrlKey, secondary: false });
    else if (e.key === 'Delete' || e.key === 'Backspace') remove(cursor.x, cursor.y, KEY_REACH * view.hx);
    else return;
    e.preventDefault();
  };

  if (data && !data.planar) return <p className="muted">This data is not 2-D: there is no plane to draw.</p>;
  const c = toPixel(cursor.x, cursor.y, 100, view);
  const three = (data?.classes ?? 0) > 2;
  const cls = (c: number) => className(data, c);
  const regression = data?.task === 'regression';
  return (
    <figure className="heatmap" data-testid="heatmap-figure" data-train-count={data?.trainCount} data-test-count={data?.testCount} data-points={digest(data?.trainPoints)}>
      <div
        className="heatmap-stack"
        role="application"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: application is ARIA's role for a custom keyboard widget (arrows move a cursor, Enter adds, Delete removes)
        tabIndex={0}
        aria-roledescription="data plot"
        aria-label="Decision boundary with the training points: add and remove points"
        aria-describedby={helpId}
        data-testid="plot-keys"
        onKeyDown={key}
        onFocus={() => {
          setFocused(true);
          setPoint(cursor);
        }}
        onBlur={() => {
          setFocused(false);
          setPoint(null);
        }}
      >
        <canvas ref={bg} width={GRID} height={GRID} className="heatmap-bg" />
        <canvas
          ref={ref}
          width={SIDE}
          height={SIDE}
          data-testid="heatmap"
          role="img"
          aria-label="Training points over the decision boundary"
          onClick={(e) => click(e, false)}
          onContextMenu={(e) => click(e, true)}
          onMouseMove={(e) => setPoint(position(e))}
          onMouseLeave={() => setPoint(focused ? cursor : null)}
        />
        {focused ? <span className="plot-cursor" aria-hidden="true" style={{ left: `${c.px}%`, top: `${c.py}%` }} /> : null}
      </div>
      <figcaption className="muted small" id={helpId}>
        {regression
          ? 'Click: a point with target −1 · Shift- or right-click: target +1 · Alt-click: remove. Keys (focus the plot): arrows move the cursor (Shift: by 1), Enter adds −1, Shift+Enter +1, Delete removes the nearest point.'
          : `Click: class ${cls(0)} · Shift- or right-click: class ${cls(1)}${three ? ` · Ctrl-click: class ${cls(2)}` : ''} · Alt-click: remove. Keys (focus the plot): arrows move the cursor (Shift: by 1), Enter adds class ${cls(0)}, Shift+Enter class ${cls(1)}${three ? `, Ctrl+Enter class ${cls(2)}` : ''}, Delete removes the nearest point.`}
      </figcaption>
      {data?.view === undefined ? null : (
        <p className="small" data-testid="plot-range">
          Fitted to the data: x₁{data.columnNames?.[0] ? ` (${data.columnNames[0]})` : ''} from {cx(view.cx - view.hx)} to {cx(view.cx + view.hx)}, x₂{data.columnNames?.[1] ? ` (${data.columnNames[1]})` : ''} from {cy(view.cy - view.hy)} to {cy(view.cy + view.hy)}.
        </p>
      )}
      <p className="small" aria-live="polite" data-testid="point-status">
        {status}
      </p>
      <output className="small readout" data-testid="plot-readout" data-x={readout?.x} data-y={readout?.y} data-yhat={readout ? JSON.stringify(Array.from(readout.yHat)) : undefined}>
        {readout && data ? `At (${cx(readout.x)}, ${cy(readout.y)}): ${describeOutput(readout.yHat, data.task, data.columnNames ? data.classNames : undefined)}` : 'Point at the plot (or focus it and use the arrow keys) to read the network’s output there.'}
      </output>
    </figure>
  );
}
