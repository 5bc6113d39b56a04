import { describe, expect, test } from 'vitest';
import { BackpropError, ModelFormatError } from './errors.js';
import { METADATA_LIMITS, type ModelMetadata, isMetadataKey } from './metadata.js';
import { Network } from './network.js';
import { createRng } from './random.js';
import type { NetworkJSON } from './serialize.js';

// A model file may carry a small flat `metadata` record (the data set it was trained on, …): it
// round-trips exactly, old files without it load as before, and anything else is a typed error naming it.
const make = () => Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 });
const meta: ModelMetadata = { dataset: 'iris.csv', label: 'species', seed: 0, validation: 0.2, standardized: true, 'source.url': 'https://example.org/iris', _note: '' };

describe('metadata in the model file', () => {
  test('a file with metadata loads (decodeNetwork used to refuse the key) and keeps it, in order, frozen', () => {
    const json = { ...make().toJSON(), metadata: meta } as NetworkJSON;
    const net = Network.fromJSON(JSON.stringify(json));
    expect(net.metadata).toEqual(meta);
    expect(Object.keys(net.metadata!)).toEqual(Object.keys(meta));
    expect(Object.isFrozen(net.metadata)).toBe(true);
  });

  test('round trip: setMetadata → toJSON → JSON text → fromJSON; checkpoint() and clone() keep it too', () => {
    const net = make().setMetadata(meta);
    const text = JSON.stringify(net);
    expect(JSON.parse(text).metadata).toEqual(meta);
    expect(Network.fromJSON(text).metadata).toEqual(meta);
    net.fit([[0, 1], [1, 0]], [0, 1], { epochs: 1 });
    expect(Network.fromJSON(JSON.stringify(net.checkpoint())).metadata).toEqual(meta);
    expect(net.clone({ dtype: 'float64' }).metadata).toEqual(meta);
    // The record given is copied: changing it later does not change the model.
    const given: Record<string, string> = { dataset: 'a.csv' };
    const other = make().setMetadata(given);
    given.dataset = 'b.csv';
    expect(other.metadata).toEqual({ dataset: 'a.csv' });
  });

  test('old files without metadata load as before, and a model without metadata writes no key', () => {
    const json = make().toJSON();
    expect('metadata' in json).toBe(false);
    expect(Network.fromJSON(JSON.stringify(json)).metadata).toBeUndefined();
    // Removing it, or setting an empty record, leaves no key either.
    expect('metadata' in make().setMetadata(meta).setMetadata(undefined).toJSON()).toBe(false);
    expect('metadata' in make().setMetadata({}).toJSON()).toBe(false);
  });

  test('the limits are accepted exactly at their bounds', () => {
    const full: Record<string, string> = {};
    for (let k = 0; k < METADATA_LIMITS.keys; k++) full[`k${String(k).padStart(METADATA_LIMITS.keyLength - 1, '0')}`] = 'x'.repeat(METADATA_LIMITS.stringLength);
    expect(Object.keys(Network.fromJSON(JSON.stringify({ ...make().toJSON(), metadata: full })).metadata!)).toHaveLength(METADATA_LIMITS.keys);
  });

  const long = 'x'.repeat(METADATA_LIMITS.stringLength + 1);
  const tooMany = Object.fromEntries(Array.from({ length: METADATA_LIMITS.keys + 1 }, (_, k) => [`k${k}`, k]));
  const bad: [string, unknown, string, RegExp][] = [
    ['an array', ['iris.csv'], 'metadata', /expected a flat object/],
    ['null', null, 'metadata', /expected a flat object/],
    ['a string', 'iris.csv', 'metadata', /expected a flat object/],
    ['a nested object', { data: { name: 'iris' } }, 'metadata.data', /expected a string, a finite number or a boolean, got an object/],
    ['an array value', { classes: ['a', 'b'] }, 'metadata.classes', /got an array of length 2/],
    ['null value', { seed: null }, 'metadata.seed', /got null/],
    ['NaN', { loss: Number.NaN }, 'metadata.loss', /expected a finite number, got NaN/],
    ['Infinity', { loss: Number.POSITIVE_INFINITY }, 'metadata.loss', /got Infinity/],
    ['a long string', { dataset: long }, 'metadata.dataset', new RegExp(`at most ${METADATA_LIMITS.stringLength} characters, got ${long.length} characters`)],
    ['too many keys', tooMany, 'metadata', new RegExp(`at most ${METADATA_LIMITS.keys} keys, got ${METADATA_LIMITS.keys + 1} keys`)],
    ['an empty key', { '': 1 }, 'metadata[""]', /expected a key of/],
    ['a key with a space', { 'data set': 1 }, 'metadata["data set"]', /expected a key of/],
    ['a key starting with a digit', { '1st': 1 }, 'metadata["1st"]', /expected a key of/],
    ['a long key', { [`k${'x'.repeat(METADATA_LIMITS.keyLength)}`]: 1 }, `metadata["k${'x'.repeat(METADATA_LIMITS.keyLength)}"]`, /expected a key of 1–64/],
    ['__proto__', JSON.parse('{"__proto__": {"polluted": true}}'), 'metadata["__proto__"]', /expected a key of/],
  ];

  test.each(bad)('%s: fromJSON throws ModelFormatError naming model.<path>; setMetadata throws BackpropError naming <path>', (_, value, path, words) => {
    const load = () => Network.fromJSON({ ...make().toJSON(), metadata: value } as unknown as NetworkJSON);
    expect(load).toThrow(ModelFormatError);
    expect(load).toThrow(words);
    try {
      load();
    } catch (e) {
      expect((e as ModelFormatError).code).toBe('corrupt_model');
      expect((e as ModelFormatError).argument).toBe(`model.${path}`);
    }
    const set = () => make().setMetadata(value as ModelMetadata);
    try {
      set();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BackpropError);
      expect(e).not.toBeInstanceOf(ModelFormatError);
      expect((e as BackpropError).code).toBe('invalid_argument');
      expect((e as BackpropError).argument).toBe(path);
      expect((e as BackpropError).message).toMatch(words);
    }
  });

  test('values JSON cannot hold (undefined, bigint, functions, symbols, Dates, Maps) are refused by setMetadata', () => {
    for (const value of [{ a: undefined }, { a: 1n }, { a: () => 1 }, { a: Symbol('s') }, { a: new Date(0) }, new Map([['a', 1]]), new Date(0), new Float32Array(2)]) {
      expect(() => make().setMetadata(value as unknown as ModelMetadata)).toThrow(BackpropError);
    }
  });

  test('fuzz: 2000 seeded random records; each either round-trips exactly or is refused with a typed error naming model.metadata…', () => {
    const rng = createRng(2026);
    const pick = <T>(list: readonly T[]): T => list[rng.int(list.length)]!;
    const keyChars = 'abcXYZ019_.-';
    const randomKey = (): string => {
      const kind = rng.int(10);
      if (kind === 0) return pick(['', ' ', '9a', 'a b', 'é', '__proto__', 'a/b', 'x'.repeat(65), 'constructor']);
      return pick(['a', 'Z', '_']) + Array.from({ length: rng.int(12) }, () => keyChars[rng.int(keyChars.length)]).join('');
    };
    const randomValue = (depth = 0): unknown => {
      switch (rng.int(depth > 1 ? 6 : 9)) {
        case 0: return pick(['', 'iris.csv', 'ünïcode ✓', '\u0000', 'x'.repeat(1024), 'x'.repeat(1025)]);
        case 1: return (rng.next() - 0.5) * 10 ** rng.int(30);
        case 2: return pick([true, false]);
        case 3: return rng.int(1000);
        case 4: return pick([null, Number.NaN, Number.POSITIVE_INFINITY, -Number.MAX_VALUE, 0]);
        case 5: return pick(['0', 'true', 'null']);
        case 6: return [randomValue(depth + 1)];
        case 7: return { [randomKey()]: randomValue(depth + 1) };
        default: return pick([[], {}]);
      }
    };
    const base = make().toJSON();
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const record = rng.int(20) === 0 ? randomValue() : Object.fromEntries(Array.from({ length: rng.int(rng.int(10) === 0 ? 80 : 6) }, () => [randomKey(), randomValue()]));
      const text = JSON.stringify({ ...base, metadata: record });
      let net: Network | undefined;
      try {
        net = Network.fromJSON(text);
      } catch (e) {
        expect(e).toBeInstanceOf(ModelFormatError);
        expect((e as ModelFormatError).argument).toMatch(/^model\.metadata/);
        refused++;
        continue;
      }
      accepted++;
      // What loads is exactly what the file said (JSON semantics: -0 is written as 0), and saves back the same.
      const fromFile = (JSON.parse(text) as { metadata: Record<string, unknown> }).metadata;
      const expected = Object.keys(fromFile).length === 0 ? undefined : fromFile;
      expect(net.metadata).toEqual(expected);
      expect(JSON.parse(JSON.stringify(net)).metadata).toEqual(expected);
    }
    expect(accepted).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(200);
  });
});

describe('isMetadataKey: the key rule, for entries another tool wrote', () => {
  test.each([
    ['dataset', true],
    ['_private.v1-b', true],
    ['x'.repeat(64), true],
    ['x'.repeat(65), false],
    ['', false],
    ['my key', false],
    ['1st', false],
    ['__proto__', false],
  ])('%j → %s, as setMetadata decides', (key, ok) => {
    expect(isMetadataKey(key)).toBe(ok);
    const net = Network.create({ inputs: 1, output: { units: 1, fn: 'linear' } });
    if (ok) expect(net.setMetadata({ [key]: 'v' }).metadata?.[key]).toBe('v');
    else expect(() => net.setMetadata({ [key]: 'v' })).toThrow(BackpropError);
  });
});
