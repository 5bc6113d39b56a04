import type { LayerInfo } from '@backprop/core';
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import { duration, lr, num, percent, rate } from '../format.js';
import type { TrainingView } from '../hooks/use-training.js';
import type { Plan } from '../training/session.js';
import { downsample } from './chart.js';
import { GradNorms } from './GradNorms.js';
import { Heatmap } from './Heatmap.js';
import type { Layout } from './layout.js';
import { LayerTable } from './LayerTable.js';
import { LossChart } from './LossChart.js';
import { ProgressBar } from './ProgressBar.js';

export interface DashboardProps {
  /** Title parts, most important first (data, architecture, optimizer and live η, …); the tail is dropped when narrow. */
  readonly title: readonly string[];
  readonly view: TrainingView;
  readonly inputs: number;
  readonly layers: readonly LayerInfo[];
  readonly classification: boolean;
  /** Decision-boundary lines for 2-D data sets, drawn at `layout.heatmap`'s size. */
  readonly heatmap?: readonly string[] | undefined;
  readonly layout: Layout;
  /** Colours on (off for NO_COLOR): the charts colour their own lines. */
  readonly colour?: boolean;
  /** Where the run starts and its totals: the bars' numbers until the first event arrives (or while paused before it). */
  readonly planned?: Plan;
}

const percentLabel = (v: number) => percent(v, 1);

/** The architecture never changes during a run: draw it once. */
const Layers = memo(LayerTable);

/** `backprop` and as many title parts as fit in `width` (the last one cut with … if need be). */
export function titleLine(parts: readonly string[], width: number): string {
  let line = 'backprop';
  for (const part of parts) {
    const next = `${line}${line === 'backprop' ? ' ' : ' · '}${part}`;
    if (next.length > width) return line === 'backprop' ? `${next.slice(0, width - 1).trimEnd()}…` : line;
    line = next;
  }
  return line;
}

/**
 * The latest complete epoch's numbers, then the running epoch's mean loss so far (as Keras's progress bar
 * shows it; it becomes that epoch's `loss` when the epoch ends). Every "loss" here is an epoch mean.
 */
export function metricsLine(view: TrainingView): string {
  const h = view.history;
  const n = h.trainLoss.length;
  const running = !view.end && view.last?.type === 'batch' ? view.last : undefined;
  const soFar = running ? `epoch ${running.epoch + 1} so far: loss ${num(running.epochLoss)}` : '';
  if (n === 0) return soFar ? `${soFar} (mean of its batches)` : 'waiting for the first batches…';
  const at = (xs: readonly number[]) => xs[n - 1];
  const parts = [`loss ${num(at(h.trainLoss))}`];
  if (Number.isFinite(at(h.trainAccuracy))) parts.push(`acc ${percent(at(h.trainAccuracy))}`);
  if (Number.isFinite(at(h.valLoss))) parts.push(`val_loss ${num(at(h.valLoss))}`);
  if (Number.isFinite(at(h.valAccuracy))) parts.push(`val_acc ${percent(at(h.valAccuracy))}`);
  const epoch = view.end?.epoch ?? (running ? running.epoch : view.last?.epoch) ?? n;
  return `epoch ${epoch}: ${parts.join('  ')}${soFar ? `  ·  ${soFar}` : ''}`;
}

/** The whole training screen at the size `layout` planned, drawn from a {@link TrainingView}; no state of its own. */
export function Dashboard({ title, view, inputs, layers, classification, heatmap, layout, colour = true, planned }: DashboardProps) {
  const p = view.end ?? view.last;
  const done = p ? p.epoch : (planned?.epoch ?? 0);
  const epochs = p?.epochs ?? planned?.epochs ?? 0;
  const batches = p?.batches ?? planned?.batches ?? 0;
  // Batches done in the epoch being trained (an interrupted run stops inside one); a finished epoch shows full.
  // Before the first event: where the run starts (a resumed one may start inside an epoch).
  const inEpoch = p?.type === 'batch' || (p?.type === 'end' && p.batch > 0) ? p.batch : p ? 0 : (planned?.batch ?? 0);
  const running = !view.end && done < epochs;
  const { width } = layout;
  const barWidth = Math.max(10, Math.min(30, width - 60));
  const h = view.history;
  const batchWidth = layout.batchChart?.width ?? 0;
  const epochWidth = layout.epochCharts?.loss.width ?? 0;
  // Series keep their arrays while their data do (useTraining keeps `history` until an epoch ends), so
  // the memoised charts redraw only when they change: the epoch charts once an epoch, not every second.
  // Its points are the mean loss of the steps in each ~50 ms slice, not an epoch mean: named so, the legend's
  // value is not taken for the "loss" of the epoch line and the epoch chart's "train".
  const batchLoss = useMemo(() => [{ name: 'recent steps', values: downsample(view.batchLosses, batchWidth * 2), color: 'yellow' }], [view.batchLosses, batchWidth]);
  const epochSeries = useMemo(() => {
    const squeeze = (values: readonly number[]) => downsample(values, epochWidth * 2);
    return {
      loss: [
        { name: 'train', values: squeeze(h.trainLoss), color: 'yellow' },
        { name: 'val', values: squeeze(h.valLoss), color: 'cyan' },
      ],
      accuracy: [
        { name: 'train', values: squeeze(h.trainAccuracy), color: 'yellow' },
        { name: 'val', values: squeeze(h.valAccuracy), color: 'green' },
      ],
    };
  }, [h, epochWidth]);
  const speed = `${rate(p?.samplesPerSecond ?? 0).replace('/s', ' samples/s')}`;
  // Paused, the last ETA would read as a countdown that is not counting: say so instead. (The core's clock
  // leaves paused time out, so the ETA after resuming is the training time still to go.)
  const eta = view.paused && !view.end ? 'paused' : duration(p?.etaSeconds ?? Number.NaN);
  const detail = width >= 100 ? `eta ${eta} · ${speed} · ${duration(p?.elapsedSeconds ?? 0)} elapsed` : `eta ${eta} · ${speed}`;
  const titleText = titleLine(title, width);
  const name = titleText.startsWith('backprop ') ? titleText.slice('backprop '.length) : '';
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color="cyan">
          backprop
        </Text>
        {name ? ` ${name}` : ''}
      </Text>
      {/* The label counts the epoch being trained (3/15 during the third); the bar fills by batches done. */}
      <ProgressBar label="epoch" done={running ? done + 1 : done} total={epochs} share={epochs > 0 ? (done + (batches > 0 ? inEpoch / batches : 0)) / epochs : 0} width={barWidth} detail={detail} />
      <ProgressBar label="batch" done={inEpoch > 0 || p?.type === 'batch' ? inEpoch : p ? batches : 0} total={batches} width={barWidth} color="magenta" detail={`lr ${lr(view.learningRate)} · step ${p?.iterations ?? planned?.iterations ?? 0}`} />
      <Text wrap="truncate-end">{metricsLine(view)}</Text>
      {layout.epochCharts ? (
        <Box marginTop={1}>
          {/* The gap only when the accuracy chart sits beside: alone, the chart takes the full width planned for it. */}
          <Box marginRight={classification && layout.epochCharts.accuracy ? 3 : 0}>
            <LossChart title="epoch loss" width={layout.epochCharts.loss.width} height={layout.epochCharts.loss.height} series={epochSeries.loss} colour={colour} />
          </Box>
          {classification && layout.epochCharts.accuracy ? (
            <LossChart title="accuracy" width={layout.epochCharts.accuracy.width} height={layout.epochCharts.accuracy.height} format={percentLabel} series={epochSeries.accuracy} colour={colour} />
          ) : null}
        </Box>
      ) : null}
      {layout.batchChart ? (
        <Box marginTop={1}>
          <Box flexDirection="column" marginRight={2}>
            <LossChart title="batch loss" width={layout.batchChart.width} height={layout.batchChart.height} series={batchLoss} colour={colour} />
          </Box>
          {heatmap && layout.heatmap ? <Heatmap title={layout.heatmap.cols >= 26 ? 'decision boundary (● data)' : 'boundary (● data)'} lines={heatmap} /> : null}
        </Box>
      ) : null}
      {layout.layers ? (
        <Box marginTop={1} flexDirection={layout.layers.grads === 'below' ? 'column' : 'row'}>
          <Box marginRight={4}>
            <Layers inputs={inputs} layers={layers} />
          </Box>
          {layout.layers.grads ? <GradNorms layers={view.layers} /> : null}
        </Box>
      ) : null}
    </Box>
  );
}
