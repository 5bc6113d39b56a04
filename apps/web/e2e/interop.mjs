// End-to-end tests of the interop buttons and the model drop: files downloaded from the page are read
// back in Node with @backprop/interop, and PyTorch-made ONNX fixtures are loaded into the playground.
// Called by run.mjs with its helpers (one browser, one page, one `N passed, N failed` line).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRng, Matrix, Network } from '@backprop/core';
import { fromOnnx, fromSafetensors, toOnnx } from '@backprop/interop';
import { expectGradcheckPasses, openMode, root } from './harness.mjs';

const FIXTURES = join(root, '..', '..', 'packages', 'interop', 'fixtures');

/** @param {{ test: Function, page: import('playwright-core').Page, open: Function, openSection: Function, assert: Function, shot: Function }} t */
export async function interopTests({ test, page, open, openSection, assert, shot }) {
  const work = mkdtempSync(join(tmpdir(), 'backprop-web-interop-'));
  const rng = createRng(4);
  const X = Array.from({ length: 25 }, () => [rng.normal(), rng.normal()]);
  const predictions = (net) => Array.from(net.predict(Matrix.from(X, net.dtype)).data);

  /** Clicks an export button; returns the downloaded files by suggested name. */
  async function exportFiles(testId, count = 1) {
    const downloads = [];
    const done = new Promise((resolve) => {
      const on = (d) => {
        downloads.push(d);
        if (downloads.length === count) {
          page.off('download', on);
          resolve();
        }
      };
      page.on('download', on);
    });
    await page.getByTestId(testId).click();
    await done;
    const files = {};
    for (const d of downloads) files[d.suggestedFilename()] = readFileSync(await d.path());
    return files;
  }

  await test('ONNX, safetensors and JS exported from the page give the same predictions in Node', async () => {
    await open('?data=xor&net=3:tanh,2:relu&seed=5&lr=0.1');
    for (let i = 0; i < 2; i++) await page.getByTestId('step-epoch').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 2);
    await openSection('section-io');
    const json = JSON.parse((await exportFiles('export-model'))['model.json'].toString('utf8'));
    const net = Network.fromJSON(json);
    const expected = predictions(net);

    const { 'model.onnx': onnx } = await exportFiles('export-onnx');
    const fromPageOnnx = fromOnnx(new Uint8Array(onnx));
    assert(JSON.stringify(Array.from(fromPageOnnx.flat)) === JSON.stringify(Array.from(net.flat)), 'ONNX weights differ from the JSON export');
    assert(JSON.stringify(predictions(fromPageOnnx)) === JSON.stringify(expected), 'ONNX predictions differ');

    const st = await exportFiles('export-safetensors', 2);
    assert(st['load_model.py']?.toString('utf8').includes('nn.Linear(2, 3)'), 'no PyTorch snippet beside the safetensors file');
    assert(JSON.stringify(predictions(fromSafetensors(new Uint8Array(st['model.safetensors'])))) === JSON.stringify(expected), 'safetensors predictions differ');

    const js = await exportFiles('export-js', 2);
    assert(js['model.d.ts']?.toString('utf8').includes('export declare function predict'), 'no model.d.ts');
    writeFileSync(join(work, 'model.mjs'), js['model.js']);
    const mod = await import(pathToFileURL(join(work, 'model.mjs')).href);
    for (const [i, v] of Array.from(mod.predict(X)).entries()) assert(Math.abs(v - expected[i]) <= 1e-6, `standalone predict[${i}] ${v} vs ${expected[i]}`);
  });

  await test('a PyTorch .onnx loads into the playground, switches the data to fit, and passes the gradient check', async () => {
    await open('?data=circle');
    await openSection('section-io');
    // Sequential(Linear(4, 8), ReLU, Linear(8, 6), Tanh, Linear(6, 3), Softmax): 4 inputs, 3 classes.
    await page.getByTestId('import-model').setInputFiles(join(FIXTURES, 'torch_relu_tanh_softmax.onnx'));
    const status = page.getByTestId('import-status');
    await page.waitForFunction(() => document.querySelector('[data-testid=import-status]')?.textContent?.startsWith('Loaded'));
    assert((await status.getAttribute('data-ok')) === 'true', `import failed: ${await status.textContent()}`);
    assert((await status.textContent()).includes('4-8-6-3'), `status: ${await status.textContent()}`);
    await openMode(page, 'play');
    assert((await page.getByTestId('dataset').inputValue()) === 'spiral3', 'the dataset did not switch to the 3-class spiral');
    assert((await page.locator('.node').count()) === 4 + 8 + 6 + 3, 'the diagram does not show 4-8-6-3');
    // The network the worker holds is PyTorch's: same outputs as the fixture recorded.
    const fixture = JSON.parse(readFileSync(join(FIXTURES, 'torch_relu_tanh_softmax.json'), 'utf8'));
    await openMode(page, 'model');
    const held = Network.fromJSON(JSON.parse((await exportFiles('export-model'))['model.json'].toString('utf8')));
    const got = held.predict(Matrix.from(fixture.inputs)).data;
    for (const [i, v] of fixture.outputs.flat().entries()) assert(Math.abs(got[i] - v) <= 1e-5, `output ${i}: ${got[i]} vs PyTorch ${v}`);

    await expectGradcheckPasses({ page, openSection, assert }, ['W1', 'W2', 'W3', 'b1', 'b2', 'b3']);

    await openSection('section-step');
    await page.getByTestId('step-start').click();
    await page.locator('li[data-step="fwd-a-1"].current').waitFor();
    await shot('10-imported-onnx');
  });

  await test('an .onnx no data set fits is refused with a message; the page keeps its network', async () => {
    await open('?data=xor');
    const before = await page.locator('.node').count();
    const odd = Network.create({ inputs: 9, layers: [{ units: 3, activation: 'relu' }], output: { units: 4, fn: 'softmax' }, seed: 1 });
    const file = join(work, 'nine-inputs.onnx');
    writeFileSync(file, toOnnx(odd));
    // Dropped on the page this time, as a user would.
    const data = await page.evaluateHandle((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'nine-inputs.onnx'));
      return dt;
    }, Array.from(readFileSync(file)));
    await page.locator('.app').dispatchEvent('dragover', { dataTransfer: data });
    await page.locator('.app').dispatchEvent('drop', { dataTransfer: data });
    await page.waitForFunction(() => document.querySelector('[data-testid=import-status]')?.getAttribute('data-ok') === 'false');
    const text = await page.getByTestId('import-status').textContent();
    assert(text.includes('nine-inputs.onnx') && text.includes('9 inputs') && text.includes('MNIST'), `message: ${text}`);
    assert((await page.locator('.node').count()) === before, 'the diagram changed after a refused import');
  });
}
