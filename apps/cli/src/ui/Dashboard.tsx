import type { LayerInfo } from '@backprop/core';
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import { duration, num, percent, rate } from '../format.js';
import type { TrainingView } from '../hooks/use-training.js';
import { downsample } from './chart.js';
import { GradNorms } from './GradNorms.js';
import { Heatmap } from './Heatmap.js';
import { LayerTable } from './LayerTable.js';
import { LossChart } from './LossChart.js';
import { ProgressBar } from './ProgressBar.js';

export interface DashboardProps {
  readonly title: string;
  readonly view: TrainingView;
  readonly inputs: number;
  readonly layers: readonly LayerInfo[];
  readonly classification: boolean;
  /** Decision-boundary lines for 2-D data sets. */
  readonly heatmap?: readonly string[] | undefined;
  readonly width?: number;
}

const STOP_WORDS: Readonly<Record<string, string>> = {
  epochs: 'finished: all epochs done',
  'early-stopping': 'finished: early stopping (validation loss stopped improving; best weights kept)',
  stopped: 'stopped by the user',
  interrupted: 'interrupted (Ctrl-C)',
  diverged: 'diverged',
};

const percentLabel = (v: number) => percent(v, 1);

/** The architecture never changes during a run: draw it once. */
const Layers = memo(LayerTable);

/** The whole training screen, drawn from a {@link TrainingView}; no state of its own. */
export function Dashboard({ title, view, inputs, layers, classification, heatmap, width = 120 }: DashboardProps) {
  const p = view.end ?? view.last;
  const epoch = p ? p.epoch : 0;
  const epochs = p?.epochs ?? 0;
  const batch = p?.type === 'epoch' || p?.type === 'end' ? 0 : (p?.batch ?? 0);
  const batches = p?.batches ?? 0;
  const chartWidth = heatmap ? Math.max(30, width - 60) : Math.min(90, width - 12);
  const half = Math.max(20, Math.floor((width - 30) / 2));
  const h = view.history;
  // Series keep their arrays while their data do (useTraining keeps `history` until an epoch ends), so
  // the memoised charts redraw only when they change: the epoch charts once an epoch, not every second.
  const batchLoss = useMemo(() => [{ name: 'train', values: downsample(view.batchLosses, chartWidth * 2), color: 'yellow' }], [view.batchLosses, chartWidth]);
  const epochSeries = useMemo(() => {
    const squeeze = (values: readonly number[]) => downsample(values, half * 2);
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
  }, [h, half]);
  return (
    <Box flexDirection="column" width={width}>
      <Text>
        <Text bold color="cyan">backprop </Text>
        <Text>{title}</Text>
      </Text>
      <ProgressBar label="epoch" done={view.end ? epoch : Math.min(epoch + 1, epochs)} total={epochs} detail={`eta ${duration(p?.etaSeconds ?? Number.NaN)} · ${rate(p?.samplesPerSecond ?? 0).replace("/s", " samples/s")} · ${duration(p?.elapsedSeconds ?? 0)} elapsed`} />
      <ProgressBar label="batch" done={view.end ? batches : batch} total={batches} color="magenta" detail={`lr ${num(view.learningRate)} · step ${p?.iterations ?? 0}`} />
      <Box marginTop={1}>
        <Box flexDirection="column" marginRight={2}>
          <LossChart title="batch loss" width={chartWidth} height={6} series={batchLoss} />
        </Box>
        {heatmap ? <Heatmap title="decision boundary (● data)" lines={heatmap} /> : null}
      </Box>
      <Box marginTop={1}>
        <Box marginRight={3}>
          <LossChart title="epoch loss" width={half} height={5} series={epochSeries.loss} />
        </Box>
        {classification ? (
          <LossChart title="accuracy" width={half} height={5} format={percentLabel} series={epochSeries.accuracy} />
        ) : null}
      </Box>
      <Box marginTop={1}>
        <Box marginRight={4}>
          <Layers inputs={inputs} layers={layers} />
        </Box>
        <GradNorms layers={view.layers} />
      </Box>
      {view.end ? (
        <Box marginTop={1}>
          <Text bold color={view.end.stopReason === 'diverged' ? 'red' : 'green'}>
            {`${STOP_WORDS[view.end.stopReason] ?? view.end.stopReason}${view.end.message ? `: ${view.end.message}; kept the last good weights` : ''}`}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
