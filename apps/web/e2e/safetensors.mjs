// End-to-end tests of a PyTorch safetensors file without our metadata, dropped on the page: the page
// reads the widths from the tensors, asks for the activations in a dialog, and then computes what the
// same weights compute in Node. Called by run.mjs with its helpers.
import { readFileSync } from 'node:fs';
import { createRng, Matrix, Network } from '@backprop/core';
import { openMode } from './harness.mjs';

/**
 * The bytes `safetensors.torch.save_file(seq.state_dict(), …)` writes for these tensors: an 8-byte
 * little-endian header length, the JSON header (no `__metadata__`, names sorted), then F32 data.
 * @param {Record<string, { shape: number[], values: ArrayLike<number> }>} tensors
 */
export function bareSafetensors(tensors) {
  const names = Object.keys(tensors).sort();
  const header = {};
  let offset = 0;
  for (const name of names) {
    const bytes = 4 * tensors[name].values.length;
    header[name] = { dtype: 'F32', shape: tensors[name].shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = Buffer.from(JSON.stringify(header));
  const out = Buffer.alloc(8 + json.length + offset);
  out.writeBigUInt64LE(BigInt(json.length), 0);
  json.copy(out, 8);
  let at = 8 + json.length;
  for (const name of names) for (const v of tensors[name].values) at = out.writeFloatLE(v, at);
  return out;
}

/** nn.Sequential(Linear, act, Linear, …)'s state_dict for a network: W_k → `2(k−1).weight`, b_k → `2(k−1).bias`. */
const stateDict = (net) =>
  Object.fromEntries(net.parameters().map((p) => [`${2 * (p.layer - 1)}.${p.kind === 'W' ? 'weight' : 'bias'}`, { shape: p.kind === 'W' ? [...p.shape] : [p.shape[0]], values: p.values }]));

/** @param {{ test: Function, page: import('playwright-core').Page, open: Function, assert: Function, shot: Function }} t */
export async function safetensorsTests({ test, page, open, assert, shot }) {
  // "PyTorch's" network: Sequential(Linear(2, 6), Tanh, Linear(6, 5), Tanh, Linear(5, 3)) + softmax, with weights far from our init.
  const torch = Network.create({ inputs: 2, layers: [{ units: 6, activation: 'tanh' }, { units: 5, activation: 'tanh' }], output: { units: 3, fn: 'softmax' }, seed: 11 });
  const rng = createRng(21);
  for (const p of torch.parameters()) for (let i = 0; i < p.values.length; i++) p.values[i] = 1.5 * rng.normal();
  const file = bareSafetensors(stateDict(torch));
  const dialog = page.getByRole('dialog');
  const status = page.getByTestId('import-status');

  /** The model JSON the page exports (the worker's network), opening the export section only if it is closed. */
  async function exportModel() {
    if ((await page.getByTestId('view-model').count()) === 0) await openMode(page, 'model');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-model').click()]);
    return JSON.parse(readFileSync(await download.path(), 'utf8'));
  }

  /** Drops bytes named `name` on the page, as a user drags a file onto it. */
  async function drop(name, bytes) {
    const data = await page.evaluateHandle(([n, b]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(b)], n));
      return dt;
    }, [name, Array.from(bytes)]);
    await page.locator('.app').dispatchEvent('dragover', { dataTransfer: data });
    await page.locator('.app').dispatchEvent('drop', { dataTransfer: data });
  }

  await test('a bare PyTorch .safetensors asks for its activations, then predicts as the same weights do in Node', async () => {
    await open('?data=circle&seed=4');
    await drop('seq.safetensors', file);
    await dialog.waitFor();
    const text = await dialog.textContent();
    assert(text.includes('2-6-5-3') && text.includes('2.weight [5, 6]'), `the dialog does not show the inferred chain: ${text}`);
    const activation = page.getByLabel(/^Activation after each of the first 2 Linear layers/);
    const output = page.getByLabel(/^Output function after the last Linear \(3 outputs\)/);
    assert((await activation.inputValue()) === 'relu', 'the hidden activation does not default to relu');
    assert((await output.inputValue()) === 'softmax', 'the output does not default to softmax for 3 outputs on classification data');
    assert(await activation.evaluate((el) => el === document.activeElement), 'focus did not move into the dialog');
    await activation.selectOption('tanh');
    await shot('11-safetensors-dialog');
    await activation.focus();
    // Keyboard only: Tab past the output select and Cancel to Import, then Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'chain-import', 'Tab order does not reach Import');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=import-status]')?.textContent?.startsWith('Loaded'));
    assert((await dialog.count()) === 0, 'the dialog stayed open');
    assert((await status.textContent()).includes('2-6-5-3 tanh/softmax'), `status: ${await status.textContent()}`);
    assert((await page.getByTestId('dataset').inputValue()) === 'spiral3', 'the data did not switch to the 3-class spiral');

    // The worker's network holds PyTorch's weights: its predictions are Node's for the same tensors.
    const X = Array.from({ length: 25 }, () => [3 * rng.normal(), 3 * rng.normal()]);
    const held = Network.fromJSON(await exportModel());
    const [got, want] = [held.predict(Matrix.from(X)).data, torch.predict(Matrix.from(X)).data];
    for (let i = 0; i < want.length; i++) assert(Math.abs(got[i] - want[i]) <= 1e-6, `exported prediction ${i}: ${got[i]} vs Node ${want[i]}`);
    // And the page's own read-out (the worker's predict) at points chosen with the keyboard.
    await openMode(page, 'play');
    await page.getByTestId('plot-keys').focus();
    let previous = '';
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowUp', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowDown', 'ArrowDown']) {
      await page.keyboard.press(key);
      const at = await page.waitForFunction((p) => {
        const r = document.querySelector('[data-testid=plot-readout]');
        const point = `${r?.getAttribute('data-x')},${r?.getAttribute('data-y')}`;
        return r?.hasAttribute('data-yhat') && point !== p ? [Number(r.getAttribute('data-x')), Number(r.getAttribute('data-y')), r.getAttribute('data-yhat')] : null;
      }, previous);
      const [x, y, yHat] = await at.jsonValue();
      previous = `${x},${y}`;
      const shown = JSON.parse(yHat);
      const expected = Array.from(torch.predict(Matrix.from([[Math.fround(x), Math.fround(y)]])).data);
      assert(shown.length === 3 && shown.every((v, i) => Math.abs(v - expected[i]) <= 1e-6), `read-out at (${x}, ${y}): ${shown} vs Node ${expected}`);
    }
    await shot('12-safetensors-imported');
  });

  await test('Escape and Cancel close the safetensors dialog and keep the previous network', async () => {
    await open('?data=xor&net=3:tanh&seed=5');
    const before = await exportModel();
    await openMode(page, 'play');
    const nodes = await page.locator('.node').count();
    await drop('seq.safetensors', file);
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert((await status.textContent()).includes('cancelled'), `status after Escape: ${await status.textContent()}`);
    await drop('seq.safetensors', file);
    await dialog.waitFor();
    await page.getByTestId('chain-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    assert((await page.getByTestId('dataset').inputValue()) === 'xor', 'the data set changed after a cancelled import');
    assert((await page.locator('.node').count()) === nodes, 'the diagram changed after a cancelled import');
    assert(JSON.stringify(await exportModel()) === JSON.stringify(before), 'the network changed after a cancelled import');
  });

  await test('tensors that are not a Linear chain are refused with a message naming the tensor and its shape', async () => {
    await open('?data=xor');
    const broken = bareSafetensors({
      '0.weight': { shape: [8, 2], values: new Float32Array(16) },
      '0.bias': { shape: [8], values: new Float32Array(8) },
      '2.weight': { shape: [3, 7], values: new Float32Array(21) },
      '2.bias': { shape: [3], values: new Float32Array(3) },
    });
    await drop('broken.safetensors', broken);
    await page.waitForFunction(() => document.querySelector('[data-testid=import-status]')?.getAttribute('data-ok') === 'false');
    const text = await status.textContent();
    assert(text.includes('broken.safetensors') && text.includes('"2.weight" [3, 7]') && text.includes('"0.weight" [8, 2]'), `message: ${text}`);
    assert((await dialog.count()) === 0, 'a dialog opened for a file that is not a chain');
  });
}
