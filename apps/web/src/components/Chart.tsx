import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTheme } from '../state/theme.js';
import { tickNumber } from './number-format.js';

// A line chart drawn by uPlot (axes, ticks, a legend with live values, a hover cursor), themed from the
// page's CSS custom properties, readable by keyboard (arrows move the cursor) and by screen reader (the
// read-out line is announced).

/** One line of a chart. */
export interface ChartSeries {
  readonly label: string;
  /** A CSS colour or a custom property name (`--accent`). */
  readonly color: string;
  readonly values: ArrayLike<number>;
  readonly dash?: readonly number[];
}

/** What a chart shows. */
export interface ChartProps {
  /** The x values (ascending), one per point. */
  readonly x: ArrayLike<number>;
  readonly series: readonly ChartSeries[];
  readonly xLabel: string;
  readonly yLabel: string;
  /** Logarithmic y axis (values ≤ 0 are not drawn). */
  readonly log?: boolean;
  readonly height?: number;
  /** The chart's accessible name. */
  readonly label: string;
  /** The read-out under the chart for point i, or for no point (a summary). */
  readonly readout: (i: number | null) => string;
  readonly testId?: string;
  /** Tick and legend number format. */
  readonly format?: (v: number) => string;
  /** The legend's number format, when it needs more digits than the ticks (defaults to `format`). */
  readonly legendFormat?: (v: number) => string;
  /** The x values are counts (epochs, layers): ticks only at whole numbers, never 2.5. */
  readonly integerX?: boolean;
}

const cssVar = (name: string): string => (name.startsWith('--') ? getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888' : name);

const toData = (x: ArrayLike<number>, series: readonly ChartSeries[], log: boolean): uPlot.AlignedData => [
  Array.from(x),
  ...series.map((s) => Array.from(s.values, (v) => (Number.isFinite(v) && (!log || v > 0) ? v : null))),
];

/** Tick spacings for counts: 1, 2, 5, 10, 20, 50 … (uPlot picks the first that leaves room between labels). */
const WHOLE_STEPS = Array.from({ length: 24 }, (_, i) => [1, 2, 5][i % 3]! * 10 ** Math.floor(i / 3));

/** On a log axis, grid lines and ticks at the powers of ten only (not at 2…9 of each decade, a dense band), when two or more are in view. */
function decades(_u: uPlot, splits: number[]): (number | null)[] {
  const kept = splits.map((v) => (v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-6 ? v : null));
  return kept.filter((v) => v !== null).length >= 2 ? kept : splits;
}

/**
 * The legend's value for series i: the hovered point's, or, with no point hovered (idx null), the series'
 * latest finite value, as TensorFlow Playground's and most charts' legends do (a dash only for no data).
 */
function legendValue(self: uPlot, v: number | null, i: number, idx: number | null | undefined): number | null {
  if (idx != null) return v;
  const values = self.data[i] ?? [];
  for (let k = values.length - 1; k >= 0; k--) {
    const last = values[k];
    if (last != null && Number.isFinite(last)) return last;
  }
  return null;
}

const FONT = '11px system-ui, sans-serif';
/** uPlot's tick length and the gap between a tick and its label (set on the axis, counted in its size). */
const TICK = 10;
const GAP = 5;
let measurer: CanvasRenderingContext2D | null | undefined;

/**
 * The y axis's width for the labels it is about to draw: ticks, gap and the widest label. A fixed width
 * let "1.0e+10" run into the axis title; uPlot calls this again when the ticks change.
 */
function yAxisSize(_u: uPlot, values: string[] | null): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (measurer) measurer.font = FONT;
  const widest = Math.max(0, ...(values ?? []).map((v) => (measurer ? measurer.measureText(v ?? '').width : 7 * String(v ?? '').length)));
  return Math.max(30, Math.ceil(TICK + GAP + widest + 4));
}

/** The drawn scales, on the chart's box (read by the e2e tests: what the axes show, not what the data are). */
function recordScales(u: uPlot, el: HTMLElement, yTicks: readonly string[]): void {
  const { x, y } = u.scales;
  el.dataset.yTicks = yTicks.join(' ');
  el.dataset.xMin = String(x?.min ?? '');
  el.dataset.xMax = String(x?.max ?? '');
  el.dataset.yMin = String(y?.min ?? '');
  el.dataset.yMax = String(y?.max ?? '');
}

/** A uPlot line chart with axes, legend, hover and keyboard read-out. */
export function Chart(props: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [theme] = useTheme();
  const { x, series, log = false, height = 150 } = props;
  // An empty chart is a fresh plot: after a reset it shows no scale of the run before (uPlot keeps the last x range on empty data).
  const shape = `${series.map((s) => `${s.label}|${s.color}`).join(',')}|${log}|${theme}|${props.integerX ?? false}|${x.length === 0}`;
  const latest = useRef(props);
  latest.current = props;

  // (Re)create the plot when its series, scale or theme change; data updates go through setData below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `shape` summarises the series, scale and theme; the data arrive through setData
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const p = latest.current;
    const axis = { stroke: cssVar('--muted'), grid: { stroke: cssVar('--border'), width: 1 }, ticks: { stroke: cssVar('--border'), width: 1, size: TICK }, gap: GAP, font: FONT, labelFont: FONT };
    const fmt = p.format ?? tickNumber;
    const legendFmt = p.legendFormat ?? fmt;
    let yTicks: string[] = [];
    const u = new uPlot(
      {
        width: Math.max(120, el.clientWidth),
        height,
        legend: { live: true },
        cursor: { drag: { x: false, y: false }, points: { size: 6 } },
        // With no data uPlot gives a scale no range and draws no axis at all (nor its title): an empty chart
        // shows x from 0 to 1, and a log y from 0.001 to 1 (uPlot's own log range once there are data).
        scales: { x: { time: false, range: (_u, lo, hi) => (lo == null || hi == null ? [0, 1] : [lo, hi]) }, y: log ? { distr: 3, range: (_u, lo, hi) => (lo == null || hi == null ? [1e-3, 1] : uPlot.rangeLog(lo, hi, 10, false)) } : { range: (_u, lo, hi) => [Math.min(0, lo), hi > 0 ? hi * 1.05 : 1] } },
        axes: [
          { ...axis, label: p.xLabel, size: 36, labelSize: 14, ...(p.integerX ? { incrs: WHOLE_STEPS } : {}) },
          { ...axis, label: p.yLabel, size: yAxisSize, labelSize: 14, values: (_u, ticks) => (yTicks = ticks.map((v) => (v == null ? '' : fmt(v)))), ...(log ? { grid: { ...axis.grid, filter: decades }, ticks: { ...axis.ticks, filter: decades } } : {}) },
        ],
        series: [
          { label: p.xLabel, value: (self, v, i, idx) => { const shown = legendValue(self, v, i, idx); return shown == null ? '–' : String(shown); } },
          ...p.series.map((s) => ({ label: s.label, stroke: cssVar(s.color), width: 1.5, ...(s.dash ? { dash: [...s.dash] } : {}), value: (self: uPlot, v: number | null, i: number, idx: number | null) => { const shown = legendValue(self, v, i, idx); return shown == null ? '–' : legendFmt(shown); } })),
        ],
        hooks: { setCursor: [(self: uPlot) => setCursor(self.cursor.idx ?? null)], draw: [(self: uPlot) => recordScales(self, el, yTicks)] },
      },
      toData(p.x, p.series, log),
      el,
    );
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(120, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [shape, height]);

  useEffect(() => {
    plot.current?.setData(toData(x, series, log));
  }, [x, series, log]);

  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    const u = plot.current;
    const n = x.length;
    if (!u || n === 0 || !['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    e.preventDefault();
    const from = cursor ?? n - 1;
    const i = e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : Math.max(0, Math.min(n - 1, from + (e.key === 'ArrowLeft' ? -1 : 1)));
    u.setCursor({ left: u.valToPos(x[i]!, 'x'), top: u.bbox.height / devicePixelRatio / 2 });
    setCursor(i);
  };
  const at = cursor !== null && cursor < x.length ? cursor : null;
  return (
    <figure className="chart" data-testid={props.testId}>
      <div
        ref={box}
        className="chart-box"
        role="slider"
        tabIndex={0}
        aria-label={`${props.label}. Arrow keys read the values point by point.`}
        aria-valuemin={x.length ? x[0] : 0}
        aria-valuemax={x.length ? x[x.length - 1] : 0}
        aria-valuenow={at !== null ? x[at] : x.length ? x[x.length - 1] : 0}
        aria-valuetext={props.readout(at)}
        onKeyDown={key}
        onBlur={() => setCursor(null)}
      />
      <figcaption className="chart-readout small" aria-live="polite" data-testid={props.testId ? `${props.testId}-readout` : undefined}>
        {props.readout(at)}
      </figcaption>
    </figure>
  );
}

