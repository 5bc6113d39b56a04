import { describe, expect, test } from 'vitest';
import { createRng } from '@backprop/core';
import { referenceDecode, referenceEncode } from '../testing/protobufjs-reference.js';
import { sweep, withPreprocessing } from '../testing/nets.js';
import { toOnnx } from './export.js';
import { decodeModel, encodeModel } from './proto.js';
import { decodeMessage, encodeMessage, type Schema } from './wire.js';

// wire.ts against protobufjs 8 (the reference implementation this package used before): same bytes out,
// same values in, for every exported model; then the edge cases of the wire format itself.
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_, x) => (x instanceof Uint8Array ? Array.from(x) : x)));

describe('wire.ts agrees with protobufjs', () => {
  const models = sweep().flatMap(({ net }) => [toOnnx(net), toOnnx(withPreprocessing(net.clone()), { dtype: 'float64' }), toOnnx(net, { opset: 20 })]);
  test(`encodes every exported model (${models.length}) to the bytes protobufjs writes`, () => {
    for (const bytes of models) expect(Array.from(referenceEncode(decodeModel(bytes)))).toEqual(Array.from(bytes));
  });
  test('decodes them to the values protobufjs reads', () => {
    for (const bytes of models) {
      const ours = plain(decodeModel(bytes)) as Record<string, unknown>;
      const theirs = plain(referenceDecode(bytes)) as Record<string, unknown>;
      // protobufjs's toObject omits absent repeated fields as we do; compare the whole tree.
      expect(ours).toEqual(theirs);
    }
  });
});

const S: Schema = {
  M: {
    fields: {
      i: { type: 'int64', id: 1 },
      n: { type: 'int32', id: 2 },
      f: { type: 'float', id: 3 },
      d: { type: 'double', id: 4 },
      s: { type: 'string', id: 5 },
      b: { type: 'bytes', id: 6 },
      list: { rule: 'repeated', type: 'int64', id: 7 },
      child: { type: 'M', id: 8 },
    },
  },
};

describe('wire format edge cases', () => {
  test('int64 beyond 2^53 comes back as its halves; negatives and int32 sign-extension round-trip', () => {
    const bytes = encodeMessage(S, 'M', { i: { low: 1, high: 0x7fffffff }, n: -5, list: [-1, 0, 2 ** 53 - 1] });
    expect(decodeMessage(S, 'M', bytes)).toEqual({ i: { low: 1, high: 0x7fffffff, unsigned: false }, n: -5, list: [-1, 0, 2 ** 53 - 1] });
  });
  test('unpacked repeated scalars and unknown fields of every wire type are read / skipped', () => {
    // field 7 unpacked twice (varint), unknown field 9 varint, 10 fixed64, 11 length-delimited, 12 fixed32.
    const bytes = Uint8Array.of(0x38, 3, 0x38, 4, 0x48, 1, 0x51, 0, 0, 0, 0, 0, 0, 0, 0, 0x5a, 1, 0xff, 0x65, 0, 0, 0, 0);
    expect(decodeMessage(S, 'M', bytes)).toEqual({ list: [3, 4] });
  });
  test('truncation, over-long varints, groups, wrong wire types and deep nesting throw Errors', () => {
    const good = encodeMessage(S, 'M', { s: 'hello', b: Uint8Array.of(1, 2, 3), f: 1.5, d: 2.5, child: { i: 7 } });
    for (let n = 1; n < good.length; n++) {
      let error: unknown;
      try {
        decodeMessage(S, 'M', good.subarray(0, n));
      } catch (e) {
        error = e;
      }
      if (error !== undefined) expect(error).toBeInstanceOf(Error);
    }
    expect(() => decodeMessage(S, 'M', Uint8Array.of(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01))).toThrow(/longer than 10 bytes/);
    expect(() => decodeMessage(S, 'M', Uint8Array.of(0x0b))).toThrow(/wire type 3/);
    expect(() => decodeMessage(S, 'M', Uint8Array.of(0x2d, 0, 0, 0, 0))).toThrow(/field s \(5\): wire type 5/);
    let nested: Record<string, unknown> = { i: 1 };
    for (let k = 0; k < 200; k++) nested = { child: nested };
    expect(() => decodeMessage(S, 'M', encodeMessage(S, 'M', nested))).toThrow(/nested deeper than 64/);
  });
  test('decoded bytes are copies, never views of the input', () => {
    const bytes = encodeMessage(S, 'M', { b: Uint8Array.of(9, 9) });
    const b = decodeMessage(S, 'M', bytes).b as Uint8Array;
    expect([b.byteOffset, b.buffer.byteLength]).toEqual([0, 2]);
  });
  test('random bytes: an object or an Error, never anything else', () => {
    const rng = createRng(18);
    for (let t = 0; t < 3000; t++) {
      const bytes = Uint8Array.from({ length: 1 + rng.int(64) }, () => rng.int(256));
      try {
        decodeModel(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
        expect(e).not.toBeInstanceOf(RangeError);
      }
    }
    expect(encodeModel({})).toEqual(new Uint8Array(0));
  });
});
