import { describe, expect, test } from 'vitest';
import { defaultConfig, needsReset, type PlaygroundConfig } from './config.js';
import { configFromSearch, configToSearch, shareUrl } from './url-state.js';

const custom: PlaygroundConfig = {
  ...defaultConfig,
  dataset: 'spiral',
  noise: 0.15,
  samples: 400,
  trainRatio: 0.7,
  batchSize: 20,
  layers: [{ units: 8, activation: 'relu' }, { units: 5, activation: 'leaky-relu' }, { units: 3, activation: 'tanh' }],
  output: 'logistic',
  loss: 'binary-cross-entropy',
  optimizer: 'momentum',
  momentum: 0.8,
  learningRate: 0.003,
  regularization: 'l2',
  regularizationRate: 0.001,
  seed: 424242,
  features: ['x', 'y', 'xy', 'sinx'],
  standardize: false,
  showTest: true,
  discretize: true,
  added: [{ x: 1.5, y: -2.25, label: 1 }, { x: 0, y: 0, label: 0 }],
  removed: [3, 17],
  hide: ['noise', 'seed', 'stepThrough'],
};

describe('url-state: the whole config survives a round trip through the URL', () => {
  test('defaults write an empty query and read back as defaults', () => {
    expect(configToSearch(defaultConfig).toString()).toBe('');
    expect(configFromSearch('')).toEqual(defaultConfig);
  });

  test('every field, seed and classroom hides included', () => {
    const search = configToSearch(custom).toString();
    expect(configFromSearch(search)).toEqual(custom);
    expect(configFromSearch(`?${search}`)).toEqual(custom);
  });

  test('a share URL is the page URL plus the query', () => {
    expect(shareUrl('http://x/play', { ...defaultConfig, seed: 7, dataSeed: 7 })).toBe('http://x/play?seed=7');
    expect(shareUrl('http://x/play', defaultConfig)).toBe('http://x/play');
  });

  test('the data seed is written only when it differs from the weight seed; an old link with one seed seeds both', () => {
    expect(configToSearch({ ...defaultConfig, seed: 7 }).toString()).toBe('seed=7&dseed=1');
    expect(configFromSearch('seed=7&dseed=1')).toMatchObject({ seed: 7, dataSeed: 1 });
    expect(configFromSearch('seed=77')).toMatchObject({ seed: 77, dataSeed: 77 });
    expect(configFromSearch('dseed=5')).toMatchObject({ seed: 1, dataSeed: 5 });
  });

  test('the training speed (epochs a second, 0 = as fast as it goes) round-trips', () => {
    expect(configToSearch({ ...defaultConfig, speed: 0 }).get('speed')).toBe('0');
    expect(configFromSearch('speed=3').speed).toBe(3);
    expect(configFromSearch('speed=-2').speed).toBe(defaultConfig.speed);
  });

  test('a CSV parameter is written only while the CSV is the data set', () => {
    expect(shareUrl('/p', { ...defaultConfig, dataset: 'csv' }, 'AbC_-')).toBe('/p?data=csv&csv=AbC_-');
    expect(shareUrl('/p', defaultConfig, 'AbC_-')).toBe('/p');
  });

  test('an empty net= means no hidden layers (logistic regression)', () => {
    const c = { ...defaultConfig, layers: [] };
    expect(configToSearch(c).get('net')).toBe('');
    expect(configFromSearch(configToSearch(c)).layers).toEqual([]);
  });

  test('unreadable values fall back to the default of that field only', () => {
    const c = configFromSearch('data=nope&lr=-1&n=abc&seed=1.5&net=x:tanh&hide=seed,bogus&opt=adam&feat=x,zz');
    expect(c.dataset).toBe(defaultConfig.dataset);
    expect(c.learningRate).toBe(defaultConfig.learningRate);
    expect(c.samples).toBe(defaultConfig.samples);
    expect(c.seed).toBe(defaultConfig.seed);
    expect(c.layers).toEqual(defaultConfig.layers);
    expect(c.hide).toEqual(['seed']);
    expect(c.optimizer).toBe('adam');
    expect(c.features).toEqual(['x']);
  });
});

describe('needsReset: which changes rebuild the network', () => {
  test('learning rate, optimizer, regularization and batch size are live', () => {
    for (const change of [{ learningRate: 1 }, { optimizer: 'adam' as const }, { regularization: 'l1' as const }, { batchSize: 3 }, { showTest: true }, { speed: 1 }]) {
      expect(needsReset(defaultConfig, { ...defaultConfig, ...change })).toBe(false);
    }
  });
  test('data, architecture and seed need a reset', () => {
    for (const change of [{ seed: 2 }, { dataSeed: 2 }, { dataset: 'xor' as const }, { layers: [] }, { features: ['x' as const] }, { standardize: false }]) {
      expect(needsReset(defaultConfig, { ...defaultConfig, ...change })).toBe(true);
    }
  });
});
