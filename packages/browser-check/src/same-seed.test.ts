// Issue 3, reproducibility: one seed gives the same loss curve, to the last bit, in Node and in a
// browser. The same bundle (the built @backprop/core and @backprop/datasets, scenarios.ts) runs in a
// fresh Node process and in headless Chromium, on the page's main thread and in a Worker; every
// loss, validation loss and final parameter is compared as float64 bits.
import { beforeAll, describe, expect, test } from 'vitest';
import { bundleCheck } from './bundle.js';
import { type ChromiumOutputs, runInChromium } from './chromium-run.js';
import { differences } from './compare.js';
import type { RuntimeOutput } from './entry.js';
import { runInNode } from './node-run.js';
import { PINNED, recordingPrologue, replayPrologue } from './pin-math.js';

let bundle: string;
let node: RuntimeOutput;
let recorded: RuntimeOutput;
let raw: ChromiumOutputs;
let pinned: ChromiumOutputs;

beforeAll(async () => {
  bundle = await bundleCheck();
  [node, recorded] = await Promise.all([runInNode(bundle), runInNode(recordingPrologue() + bundle)]);
  raw = await runInChromium(bundle);
  pinned = await runInChromium(replayPrologue(recorded.mathTable!) + bundle);
});

describe('the runs themselves', () => {
  test('every scenario trains 6 epochs to finite, decreasing losses', () => {
    expect(node.report.runs.map((r) => r.name)).toEqual([
      'spiral float64 auto',
      'wave float64 auto',
      'spiral float32 auto',
      'wave float32 auto',
      'spiral float32 blocked',
      'wave float32 blocked',
      'playground float32 auto',
    ]);
    const fromHex = (h: string) => new DataView(Uint8Array.from(h.match(/../g)!, (b) => Number.parseInt(b, 16)).buffer).getFloat64(0);
    for (const run of node.report.runs) {
      const loss = run.loss.map(fromHex);
      expect([run.epochs, run.valLoss.length]).toEqual([6, 6]);
      expect([...loss, ...run.flat.map(fromHex)].every(Number.isFinite)).toBe(true);
      expect(loss[5]!).toBeLessThan(loss[0]!);
    }
  });

  test('float32 on `auto` runs the WebAssembly SIMD kernels in Node and in both Chromium threads', () => {
    for (const out of [node, raw.main, raw.worker]) {
      expect(out.report.runs.filter((r) => r.name.includes('float32 auto')).map((r) => r.backend)).toEqual(['wasm-simd', 'wasm-simd', 'wasm-simd']);
    }
  });

  test('recording the Math calls does not change the Node run', () => {
    expect(differences(node.report, recorded.report)).toEqual([]);
  });
});

describe('Node and Chromium, bit for bit', () => {
  test('float32 weights after training agree unpinned, on wasm-simd and blocked kernels (main thread and worker)', () => {
    for (const chromium of [raw.main, raw.worker]) {
      expect(differences(node.report, chromium.report).filter((d) => d.includes('float32') && d.includes(' flat:'))).toEqual([]);
    }
  });

  test('with the host Math functions pinned to Node’s results, every loss and weight agrees (float64 and float32)', () => {
    for (const chromium of [pinned.main, pinned.worker]) {
      expect(chromium.mathMisses).toEqual(Object.fromEntries(PINNED.map((f) => [f, 0])));
      expect(differences(node.report, chromium.report)).toEqual([]);
    }
  });

  // The promise itself: no pinning. ECMAScript leaves Math.exp/log/pow/sin/cos implementation-approximated
  // (Node 20's and Chromium 156's V8 differ in the last bit on ~1 input in 10), so the core and the
  // datasets compute them with detMath; the pinned test above shows Math was the only difference.
  test('unpinned: the same seed gives the same loss curve and weights (float64 and float32)', () => {
    for (const chromium of [raw.main, raw.worker]) expect(differences(node.report, chromium.report)).toEqual([]);
  });
});

test('a missing Chromium fails with the command that installs it', async () => {
  await expect(runInChromium(bundle, '/nonexistent/chromium')).rejects.toThrow('apt-get install -y chromium');
});
