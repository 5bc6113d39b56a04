import { expect, test } from 'vitest';
import { Arena, type WasmMemory } from './wasm-arena.js';

/** A stand-in for a WebAssembly memory that can grow to 16 MiB (so the arena reserves its smallest size). */
function memory(): WasmMemory {
  let buffer = new ArrayBuffer(65536);
  return {
    get buffer() {
      return buffer;
    },
    grow(pages) {
      if (buffer.byteLength + pages * 65536 > 16 << 20) throw new RangeError('out of memory');
      const old = buffer.byteLength / 65536;
      buffer = new ArrayBuffer(buffer.byteLength + pages * 65536);
      return old;
    },
  };
}

test('a freed block is reused by the next allocation that fits, zeroed', () => {
  const arena = new Arena(memory());
  const keep = arena.allocate(100)!;
  const a = arena.allocate(1000)!;
  arena.allocate(10); // below a, so a's block is not at the heap's low end
  a.fill(7);
  arena.free(a);
  const b = arena.allocate(900)!;
  expect(b.byteOffset).toBe(a.byteOffset);
  expect(b.every((v) => v === 0)).toBe(true);
  expect(keep.byteOffset).toBeGreaterThan(b.byteOffset);
});

test('blocks are 64-byte aligned (SIMD needs 16) and never overlap', () => {
  const arena = new Arena(memory());
  const blocks = [1, 3, 17, 64, 100, 0].map((n) => arena.allocate(n)!);
  arena.free(blocks[2]!);
  blocks.push(arena.allocate(2)!, arena.allocate(5)!);
  for (const x of blocks) expect(x.byteOffset % 64).toBe(0);
  const spans = blocks.filter((x) => x !== blocks[2]).map((x) => [x.byteOffset, x.byteOffset + Math.max(64, x.byteLength)] as const);
  spans.sort((p, q) => p[0] - q[0]);
  for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
});

test('freeing every block, in any order, merges neighbours and gives the whole heap back to staging', () => {
  const arena = new Arena(memory());
  const blocks = Array.from({ length: 20 }, (_, i) => arena.allocate(37 * i + 5)!);
  expect(arena.usage().heap).toBeGreaterThan(0);
  for (const i of [3, 17, 0, 19, 8, 9, 1, 2, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 18]) arena.free(blocks[i]!);
  expect(arena.usage()).toEqual({ live: 0, heap: 0 });
});

test('free ignores subarrays, foreign arrays and blocks already freed', () => {
  const arena = new Arena(memory());
  const a = arena.allocate(256)!;
  arena.allocate(256);
  const live = arena.usage().live;
  arena.free(a.subarray(16));
  arena.free(new Float32Array(256));
  expect(arena.usage().live).toBe(live);
  arena.free(a);
  arena.free(a);
  expect(arena.usage().live).toBe(live - 1024);
});

test('allocate/free churn of mixed sizes stays bounded, and a full heap answers undefined', () => {
  const arena = new Arena(memory());
  let live: Float32Array[] = [];
  for (let round = 0; round < 200; round++) {
    for (let i = 0; i < 8; i++) live.push(arena.allocate(((round * 7919 + i * 104729) % 5000) + 1)!);
    for (const x of live.filter((_, i) => i % 3 === 0)) arena.free(x);
    live = live.filter((_, i) => i % 3 !== 0);
    if (live.length > 40) for (const x of live.splice(0, 20)) arena.free(x);
  }
  expect(arena.usage().heap).toBeLessThan(4 << 20);
  for (const x of live) arena.free(x);
  expect(arena.usage()).toEqual({ live: 0, heap: 0 });
  expect(arena.allocate(64 << 20)).toBeUndefined();
});
