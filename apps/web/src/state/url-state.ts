import { activationNames, lossNames, optimizerNames, outputNames } from '@backprop/core';
import {
  type AddedPoint,
  type ControlId,
  controlIds,
  type DatasetName,
  datasetNames,
  defaultConfig,
  type FeatureName,
  featureNames,
  type LayerConfig,
  type PlaygroundConfig,
  type Regularization,
} from './config.js';
import { learnFromSearch, learnToSearch } from './learn-link.js';

// The whole configuration ⇄ URL search params, so a link (or a reload) restores the page exactly,
// seed included. Only values that differ from the defaults are written; anything unreadable in a URL
// falls back to the default for that one field (a hand-edited link never breaks the page).
//
//   data=spiral  noise=0.1  n=500  ratio=0.5  batch=10  net=8:tanh,8:tanh  out=softmax  loss=cross-entropy
//   opt=adam  mom=0.9  lr=0.03  reg=l2  rr=0.001  seed=1  dseed=1 (data; absent = seed)  speed=10 (epochs/s; 0 = max)
//   feat=x,y,xy  std=0 (CSV columns fed raw)  test=1  disc=1
//   pts=1.5:-2:1;0:0:0 (added points x:y:label)  rm=3,17 (removed indices)  hide=noise,seed (classroom mode)
//   csv=… (a small pasted CSV, compressed; read by playground-store.ts, written by shareUrl)

const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

function num(value: string | null, fallback: number, min: number, max: number, integer = false): number {
  if (value === null || value.trim() === '') return fallback;
  const v = Number(value);
  if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) return fallback;
  return v;
}

const bool = (value: string | null, fallback: boolean): boolean => (value === '1' ? true : value === '0' ? false : fallback);

function layers(value: string | null): readonly LayerConfig[] {
  if (value === null) return defaultConfig.layers;
  if (value === '') return [];
  const out: LayerConfig[] = [];
  for (const part of value.split(',')) {
    const [u, act] = part.split(':');
    const units = num(u ?? null, Number.NaN, 1, 1024, true);
    if (!Number.isFinite(units)) return defaultConfig.layers;
    out.push({ units, activation: oneOf(act ?? null, activationNames, 'tanh') });
  }
  return out;
}

function list<T extends string>(value: string | null, allowed: readonly T[], fallback: readonly T[]): readonly T[] {
  if (value === null) return fallback;
  return value.split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
}

function points(value: string | null): readonly AddedPoint[] {
  if (!value) return [];
  const out: AddedPoint[] = [];
  for (const part of value.split(';')) {
    const [x, y, label] = part.split(':').map(Number);
    if ([x, y, label].every((v) => v !== undefined && Number.isFinite(v))) out.push({ x: x!, y: y!, label: label! });
  }
  return out;
}

function indices(value: string | null): readonly number[] {
  if (!value) return [];
  return value.split(',').map(Number).filter((v) => Number.isInteger(v) && v >= 0);
}

/** Reads a configuration from URL search params (a `location.search` string or URLSearchParams). */
export function configFromSearch(search: string | URLSearchParams): PlaygroundConfig {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const d = defaultConfig;
  const seed = num(p.get('seed'), d.seed, 0, 2 ** 32 - 1, true);
  return {
    dataset: oneOf<DatasetName>(p.get('data'), datasetNames, d.dataset),
    noise: num(p.get('noise'), d.noise, 0, 1),
    samples: num(p.get('n'), d.samples, 10, 10_000, true),
    trainRatio: num(p.get('ratio'), d.trainRatio, 0.05, 0.95),
    batchSize: num(p.get('batch'), d.batchSize, 1, 10_000, true),
    layers: layers(p.get('net')),
    output: oneOf(p.get('out'), outputNames, d.output),
    loss: oneOf(p.get('loss'), lossNames, d.loss),
    optimizer: oneOf(p.get('opt'), optimizerNames, d.optimizer),
    momentum: num(p.get('mom'), d.momentum, 0, 0.999),
    learningRate: num(p.get('lr'), d.learningRate, 1e-6, 100),
    regularization: oneOf<Regularization>(p.get('reg'), ['none', 'l1', 'l2'], d.regularization),
    regularizationRate: num(p.get('rr'), d.regularizationRate, 0, 10),
    seed,
    // A link from before the data had its own seed: one seed made both.
    dataSeed: num(p.get('dseed'), seed, 0, 2 ** 32 - 1, true),
    speed: num(p.get('speed'), d.speed, 0, 1000),
    features: list<FeatureName>(p.get('feat'), featureNames, d.features),
    standardize: bool(p.get('std'), d.standardize),
    showTest: bool(p.get('test'), d.showTest),
    discretize: bool(p.get('disc'), d.discretize),
    added: points(p.get('pts')),
    removed: indices(p.get('rm')),
    hide: list<ControlId>(p.get('hide'), controlIds, d.hide),
    learn: learnFromSearch(p),
  };
}

const round = (v: number): string => String(Math.round(v * 1e4) / 1e4);

/** Writes the fields that differ from the defaults as URL search params (stable key order). */
export function configToSearch(c: PlaygroundConfig): URLSearchParams {
  const d = defaultConfig;
  const p = new URLSearchParams();
  const set = (key: string, value: string, fallback: string) => {
    if (value !== fallback) p.set(key, value);
  };
  const net = (ls: readonly LayerConfig[]) => ls.map((l) => `${l.units}:${l.activation}`).join(',');
  set('data', c.dataset, d.dataset);
  set('noise', String(c.noise), String(d.noise));
  set('n', String(c.samples), String(d.samples));
  set('ratio', String(c.trainRatio), String(d.trainRatio));
  set('batch', String(c.batchSize), String(d.batchSize));
  set('net', net(c.layers), net(d.layers));
  set('out', c.output, d.output);
  set('loss', c.loss, d.loss);
  set('opt', c.optimizer, d.optimizer);
  set('mom', String(c.momentum), String(d.momentum));
  set('lr', String(c.learningRate), String(d.learningRate));
  set('reg', c.regularization, d.regularization);
  set('rr', String(c.regularizationRate), String(d.regularizationRate));
  set('seed', String(c.seed), String(d.seed));
  set('dseed', String(c.dataSeed), String(c.seed));
  set('speed', String(c.speed), String(d.speed));
  set('feat', c.features.join(','), d.features.join(','));
  set('std', c.standardize ? '1' : '0', d.standardize ? '1' : '0');
  set('test', c.showTest ? '1' : '0', d.showTest ? '1' : '0');
  set('disc', c.discretize ? '1' : '0', d.discretize ? '1' : '0');
  set('pts', c.added.map((q) => `${round(q.x)}:${round(q.y)}:${q.label}`).join(';'), '');
  set('rm', c.removed.join(','), '');
  set('hide', c.hide.join(','), '');
  learnToSearch(c.learn, p);
  return p;
}

/** The shareable URL of a configuration on a page at `base` (origin + path), with a pasted CSV's `csv` parameter (csv-link.ts). */
export function shareUrl(base: string, c: PlaygroundConfig, csv?: string): string {
  const p = configToSearch(c);
  if (csv !== undefined && c.dataset === 'csv') p.set('csv', csv);
  const q = p.toString();
  return q ? `${base}?${q}` : base;
}
