import { type MouseEvent, useEffect, useRef } from 'react';
import { DOMAIN, GRID, toPixel, toPlane } from '../state/grid.js';
import type { DataSummary, Snapshot } from '../worker/protocol.js';
import { CLASS_COLORS, css, diverging, paintField } from './colors.js';

const SIDE = 320;

export interface HeatmapProps {
  readonly snapshot: Snapshot | undefined;
  readonly data: DataSummary | undefined;
  readonly showTest: boolean;
  readonly discretize: boolean;
  /** The training row the step-through walks, circled. */
  readonly highlight?: number | undefined;
  readonly onAdd: (x: number, y: number, label: number) => void;
  /** Alt-click: remove the nearest point (its index in the generated set, or −1 and its position for an added one). */
  readonly onRemove: (source: number, x: number, y: number) => void;
}

function pointColor(label: number, data: DataSummary): string {
  if (data.task === 'regression') return css(diverging(label));
  return css(CLASS_COLORS[label % CLASS_COLORS.length]!);
}

function drawPoints(ctx: CanvasRenderingContext2D, pts: Float32Array, labels: Float32Array, data: DataSummary, test: boolean): void {
  for (let i = 0; i < labels.length; i++) {
    const { px, py } = toPixel(pts[2 * i]!, pts[2 * i + 1]!, SIDE);
    ctx.beginPath();
    ctx.arc(px, py, 4, 0, 2 * Math.PI);
    ctx.fillStyle = pointColor(labels[i]!, data);
    ctx.fill();
    ctx.lineWidth = test ? 1.5 : 0.8;
    ctx.strokeStyle = test ? '#000' : '#fff';
    ctx.stroke();
  }
}

/** The decision boundary (or regression surface) over the plane, with the train (and test) points. */
export function DecisionHeatmap(props: HeatmapProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const bg = useRef<HTMLCanvasElement>(null);
  const { snapshot, data, showTest, discretize, highlight } = props;
  useEffect(() => {
    const grid = snapshot?.grid;
    if (!grid || !bg.current || !data) return;
    const multi = snapshot?.gridConfidence;
    const values = multi || data.task === 'regression' ? grid : grid.map((p) => 2 * p - 1);
    paintField(bg.current, values, GRID, { confidence: multi, discretize });
  }, [snapshot, data, discretize]);
  // The points change only with the data, so they are not repainted at every snapshot.
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || !data) return;
    ctx.clearRect(0, 0, SIDE, SIDE);
    if (data.trainPoints && data.trainLabels) drawPoints(ctx, data.trainPoints, data.trainLabels, data, false);
    if (showTest && data.testPoints && data.testLabels) drawPoints(ctx, data.testPoints, data.testLabels, data, true);
    if (highlight !== undefined && data.trainPoints) {
      const { px, py } = toPixel(data.trainPoints[2 * highlight]!, data.trainPoints[2 * highlight + 1]!, SIDE);
      ctx.beginPath();
      ctx.arc(px, py, 9, 0, 2 * Math.PI);
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#d00';
      ctx.stroke();
    }
  }, [data, showTest, highlight]);

  const position = (e: MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return toPlane(((e.clientX - r.left) / r.width) * SIDE, ((e.clientY - r.top) / r.height) * SIDE, SIDE);
  };
  const click = (e: MouseEvent<HTMLCanvasElement>, secondary: boolean) => {
    if (!data?.trainPoints) return;
    e.preventDefault();
    const { x, y } = position(e);
    if (e.altKey) {
      const pts = data.trainPoints;
      let best = -1;
      let bestD = ((8 / SIDE) * 2 * DOMAIN) ** 2;
      for (let i = 0; i < pts.length / 2; i++) {
        const d = (pts[2 * i]! - x) ** 2 + (pts[2 * i + 1]! - y) ** 2;
        if (d < bestD) [best, bestD] = [i, d];
      }
      if (best >= 0) props.onRemove(data.trainSource?.[best] ?? -1, pts[2 * best]!, pts[2 * best + 1]!);
      return;
    }
    const regression = data.task === 'regression';
    const label = e.ctrlKey && (data.classes ?? 0) > 2 ? 2 : secondary || e.shiftKey ? 1 : regression ? -1 : 0;
    props.onAdd(Math.round(x * 100) / 100, Math.round(y * 100) / 100, label);
  };

  if (data && !data.planar) return <p className="muted">This data is not 2-D: there is no plane to draw.</p>;
  return (
    <figure className="heatmap">
      <div className="heatmap-stack">
      <canvas ref={bg} width={GRID} height={GRID} className="heatmap-bg" />
      <canvas
        ref={ref}
        width={SIDE}
        height={SIDE}
        data-testid="heatmap"
        role="img"
        aria-label="Decision boundary with training points. Click to add a class 0 point, shift-click or right-click for class 1, alt-click to remove a point."
        onClick={(e) => click(e, false)}
        onContextMenu={(e) => click(e, true)}
      />
      </div>
      <figcaption className="muted small">click: class 0 · shift/right-click: class 1 · alt-click: remove</figcaption>
    </figure>
  );
}
