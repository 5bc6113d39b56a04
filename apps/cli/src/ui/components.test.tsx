import { Network } from '@backprop/core';
import { type ClassificationDataset, generate } from '@backprop/datasets';
import { render } from 'ink-testing-library';
import { describe, expect, test } from 'vitest';
import type { TrainingView } from '../hooks/use-training.js';
import { emptyHistory } from '../training/events.js';
import { Dashboard, titleLine } from './Dashboard.js';
import { planLayout } from './layout.js';
import { boundsOf, decisionGrid, heatmapLines } from './decision-grid.js';
import { GradNorms } from './GradNorms.js';
import { KeyHelp } from './KeyHelp.js';
import { LayerTable } from './LayerTable.js';
import { LossChart } from './LossChart.js';
import { ProgressBar, bar } from './ProgressBar.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI colour codes
const plain = (s: string | undefined) => (s ?? '').replace(/\u001b\[[0-9;]*m/g, '');

describe('ProgressBar', () => {
  test('fills in eighths of a cell', () => {
    expect(bar(5, 10, 10)).toBe('█████·····');
    expect(bar(1, 16, 2)).toBe('▏·');
    expect(bar(20, 10, 4)).toBe('████');
  });
  test('shows counts, percent, ETA and speed', () => {
    const { lastFrame } = render(<ProgressBar label="epoch" done={3} total={10} width={10} detail="eta 12s · 1.2k/s" />);
    expect(plain(lastFrame())).toContain('3/10');
    expect(plain(lastFrame())).toContain(' 30%');
    expect(plain(lastFrame())).toContain('eta 12s · 1.2k/s');
  });
});

describe('LossChart', () => {
  test('draws braille, labels the range and rescales on new data', () => {
    const series = (values: number[]) => [{ name: 'train', values, color: 'yellow' }];
    const { lastFrame, rerender } = render(<LossChart title="loss" series={series([2, 1.5, 1])} width={20} height={4} />);
    expect(plain(lastFrame())).toContain('2.000');
    expect(plain(lastFrame())).toContain('1.000');
    expect(plain(lastFrame())).toMatch(/[\u2801-\u28ff]/);
    rerender(<LossChart title="loss" series={series([2, 1.5, 1, 9])} width={20} height={4} />);
    expect(plain(lastFrame())).toContain('9.000');
    expect(plain(lastFrame())).toContain('train 9.000');
  });
  test('says it is waiting before any value', () => {
    const { lastFrame } = render(<LossChart title="loss" series={[{ name: 'train', values: [], color: 'red' }]} />);
    expect(lastFrame()).toContain('waiting');
  });
});

test('LayerTable lists shapes, parameters and activations', () => {
  const net = Network.create({ inputs: 784, layers: [{ units: 128, activation: 'relu' }], output: { units: 10, fn: 'softmax' } });
  const frame = plain(render(<LayerTable inputs={784} layers={net.layers} />).lastFrame());
  expect(frame).toContain('101,770 parameters');
  expect(frame).toMatch(/1\s+128×784\s+100,480\s+relu/);
  expect(frame).toMatch(/2\s+10×128\s+1,290\s+softmax/);
});

test('GradNorms shows norms and dead / saturated shares', () => {
  const frame = plain(
    render(
      <GradNorms
        layers={[
          { layer: 1, gradNorm: 0.5, weightNorm: 1, dead: 0.25, saturated: 0 },
          { layer: 2, gradNorm: 1e-9, weightNorm: 1, dead: 0, saturated: 0.75 },
        ]}
      />,
    ).lastFrame(),
  );
  expect(frame).toContain('W1');
  expect(frame).toContain('0.5000');
  expect(frame).toContain('25% dead');
  expect(frame).toContain('1.00e-9');
  expect(frame).toContain('75% sat');
});

test('KeyHelp lists every key', () => {
  const frame = render(<KeyHelp full />).lastFrame() ?? '';
  for (const key of ['p', 's', '+ / -', 'q', '?']) expect(frame).toContain(key);
});

describe('decision boundary', () => {
  const data = generate('xor', { samples: 100, seed: 2 }) as ClassificationDataset;
  const net = Network.create({ inputs: 2, layers: [{ units: 8, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 });
  net.fit(data.X, data.y, { epochs: 50, learningRate: 0.3 });
  test('the grid follows the network: pixels in opposite xor quadrants share a class', () => {
    const b = boundsOf(data.X);
    const grid = decisionGrid(net, b, 20, 20);
    const at = (c: number, r: number) => grid.cls[r * 20 + c];
    expect(at(2, 2)).toBe(at(17, 17));
    expect(at(2, 17)).toBe(at(17, 2));
    expect(at(2, 2)).not.toBe(at(2, 17));
  });
  test('lines are half blocks with the points drawn over them', () => {
    const b = boundsOf(data.X);
    const points = Array.from({ length: 100 }, (_, r) => [data.X.data[2 * r]!, data.X.data[2 * r + 1]!, data.y[r]!] as const);
    const lines = heatmapLines(decisionGrid(net, b, 30, 20), 2, b, points);
    expect(lines).toHaveLength(10);
    expect(plain(lines.join(''))).toMatch(/▀/);
    expect(plain(lines.join(''))).toMatch(/●/);
    expect(plain(lines[0]).length).toBe(30);
  });

  test('a small map under many points stays a map: at most a third of its cells are dots, in colour and without', () => {
    const b = boundsOf(data.X);
    const points = Array.from({ length: 100 }, (_, r) => [data.X.data[2 * r]!, data.X.data[2 * r + 1]!, data.y[r]!] as const);
    const grid = decisionGrid(net, b, 13, 8);
    const coloured = plain(heatmapLines(grid, 2, b, points).join('')).split('●').length - 1;
    expect(coloured).toBeGreaterThan(5);
    expect(coloured).toBeLessThanOrEqual(Math.floor((13 * 4) / 3));
    const text = heatmapLines(grid, 2, b, points, false).join('');
    expect(text.replace(/[^01]/g, '').length).toBe(coloured);
  });
});

test('Dashboard shows progress, charts, layers and the stop reason', () => {
  const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' } });
  const history = { ...emptyHistory(), trainLoss: [0.7, 0.5], valLoss: [0.75, 0.6], trainAccuracy: [0.6, 0.8], valAccuracy: [0.55, 0.7] };
  const common = { epoch: 2, epochs: 10, batch: 0, batches: 25, iterations: 50, learningRate: 0.1, samplesPerSecond: 12000, etaSeconds: 65, elapsedSeconds: 3 };
  const view: TrainingView = {
    last: { type: 'epoch', ...common, loss: 0.5, metrics: { trainLoss: 0.5 }, layers: [] },
    batchLosses: [0.8, 0.6, 0.5],
    history,
    layers: [{ layer: 1, gradNorm: 0.1, weightNorm: 1, dead: 0, saturated: 0 }],
    end: { type: 'end', ...common, stopReason: 'early-stopping' },
    paused: false,
    learningRate: 0.1,
    version: 1,
  };
  const layout = planLayout({ columns: 120, rows: 40, twoD: true, classification: true, layerCount: 2, helpLines: 0 });
  const frame = plain(render(<Dashboard title={['xor', '2-4-2 tanh/softmax']} view={view} inputs={2} layers={net.layers} classification heatmap={['▀▀▀']} layout={layout} />).lastFrame());
  expect(frame).toContain('backprop xor · 2-4-2 tanh/softmax');
  expect(frame).toMatch(/epoch\s+2\/10 /);
  expect(frame).toContain('12.0k samples/s');
  expect(frame).toContain('epoch 2: loss 0.5000  acc 80.00%  val_loss 0.6000  val_acc 70.00%');
  expect(frame).toContain('accuracy');
  expect(frame).toContain('decision boundary');
  expect(frame).toContain('W1');
});

test('the epoch bar counts the epoch being trained and fills by batches; a finished epoch is not counted twice', () => {
  const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' } });
  const layout = planLayout({ columns: 120, rows: 40, twoD: false, classification: true, layerCount: 2, helpLines: 0 });
  const common = { epochs: 10, batches: 4, iterations: 9, learningRate: 0.1, samplesPerSecond: 1, etaSeconds: 1, elapsedSeconds: 1 };
  const view = (last: TrainingView['last']): TrainingView => ({ last, batchLosses: [1], history: emptyHistory(), layers: [], end: undefined, paused: false, learningRate: 0.1, version: 1 });
  // Two epochs done, the third half way: "3/10" and 25 %.
  const frame = plain(render(<Dashboard title={['x']} view={view({ type: 'batch', ...common, epoch: 2, batch: 2, loss: 1, epochLoss: 1 })} inputs={2} layers={net.layers} classification layout={layout} />).lastFrame());
  expect(frame).toMatch(/epoch\s+3\/10 \S+\s+25%/);
  expect(frame).toMatch(/batch\s+2\/4 /);
});

test('the title keeps its most important parts when narrow, and shows the live learning rate', () => {
  const parts = ['mnist (8000 train, 2000 validation)', '784-128-10 relu/softmax', 'sgd lr 0.3', 'batch 32', '15 epochs'];
  expect(titleLine(parts, 200)).toBe('backprop mnist (8000 train, 2000 validation) · 784-128-10 relu/softmax · sgd lr 0.3 · batch 32 · 15 epochs');
  expect(titleLine(parts, 79)).toBe('backprop mnist (8000 train, 2000 validation) · 784-128-10 relu/softmax');
  expect(titleLine(['a very long data set name'], 12)).toBe('backprop a…');
});

test("the loss legends: 'train' is the epoch mean the summary line prints; the batch chart's value is labelled as recent steps; the running epoch shows its mean so far", () => {
  const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' } });
  const history = { ...emptyHistory(), trainLoss: [0.7, 0.59], valLoss: [0.75, 0.6], trainAccuracy: [0.6, 0.8], valAccuracy: [0.55, 0.7] };
  const common = { epochs: 10, batches: 25, iterations: 60, learningRate: 0.1, samplesPerSecond: 12000, etaSeconds: 65, elapsedSeconds: 3 };
  const view: TrainingView = {
    // The third epoch is running: its mean so far is 0.55, the latest steps' mean 0.66.
    last: { type: 'batch', ...common, epoch: 2, batch: 10, loss: 0.66, epochLoss: 0.55 },
    batchLosses: [0.8, 0.7, 0.66],
    history,
    layers: [],
    end: undefined,
    paused: false,
    learningRate: 0.1,
    version: 1,
  };
  const layout = planLayout({ columns: 160, rows: 50, twoD: false, classification: true, layerCount: 2, helpLines: 0 });
  const frame = plain(render(<Dashboard title={['xor']} view={view} inputs={2} layers={net.layers} classification layout={layout} />).lastFrame());
  expect(frame).toContain('epoch 2: loss 0.5900');
  expect(frame).toMatch(/epoch loss +━ train 0\.5900/);
  // No legend calls the recent steps' mean "train": it is not the epoch's number.
  expect(frame).not.toContain('train 0.6600');
  expect(frame).toMatch(/batch loss +━ recent steps 0\.6600/);
  expect(frame).toContain('epoch 3 so far: loss 0.5500');
});

test('paused, the ETA says paused instead of the last countdown; running, it is the countdown', () => {
  const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' } });
  const common = { epochs: 10, batches: 25, iterations: 60, learningRate: 0.1, samplesPerSecond: 12000, etaSeconds: 65, elapsedSeconds: 3 };
  const view = (paused: boolean): TrainingView => ({ last: { type: 'batch', ...common, epoch: 2, batch: 10, loss: 0.6, epochLoss: 0.6 }, batchLosses: [0.6], history: emptyHistory(), layers: [], end: undefined, paused, learningRate: 0.1, version: 1 });
  for (const columns of [80, 120]) {
    const layout = planLayout({ columns, rows: 40, twoD: false, classification: true, layerCount: 2, helpLines: 0 });
    const frame = (paused: boolean) => plain(render(<Dashboard title={['xor']} view={view(paused)} inputs={2} layers={net.layers} classification layout={layout} />).lastFrame());
    expect(frame(true)).toContain('eta paused · 12.0k samples/s');
    expect(frame(true)).not.toContain('1m05s');
    expect(frame(false)).toContain('eta 1m05s · 12.0k samples/s');
  }
});
