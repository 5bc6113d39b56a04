// End-to-end tests of data brought into the page and of the engine under it: a pasted CSV trains, a bad
// one is refused with its line and column and changes nothing, a small CSV travels in the link (same
// data, same numbers after a reload) and a large dropped one is said not to; and the kernels in use in
// Chromium are wasm-simd, on the page (the async `ready()` path) and in the worker. Called by run.mjs.
import { createRng } from '@backprop/core';
import { openMode } from './harness.mjs';

/** 80 separable points, label b when x1 + x2 > 0 (none within 0.7 of the boundary), as CSV text. */
function separable(seed, rows) {
  const rng = createRng(seed);
  const lines = ['x1,x2,label'];
  while (lines.length <= rows) {
    const [a, b] = [rng.next() * 8 - 4, rng.next() * 8 - 4];
    if (Math.abs(a + b) > 1) lines.push(`${a.toFixed(3)},${b.toFixed(3)},${a + b > 0 ? 'b' : 'a'}`);
  }
  return lines.join('\n');
}

/** @param {{ test: Function, page: import('playwright-core').Page, open: Function, openSection: Function, assert: Function, shot: Function, numberOf: Function }} t */
export async function dataTests({ test, page, open, openSection, assert, shot, numberOf }) {
  const status = page.getByTestId('csv-status');
  const statusSays = (ok, part) =>
    page.waitForFunction(([ok, part]) => {
      const el = document.querySelector('[data-testid=csv-status]');
      return el?.getAttribute('data-ok') === String(ok) && el.textContent.includes(part);
    }, [ok, part]);
  // The data's size is shown with the plot, in Play.
  const trainCount = async () => {
    await openMode(page, 'play');
    return Number(await page.getByTestId('heatmap-figure').getAttribute('data-train-count'));
  };
  const good = separable(11, 80);
  let shared = '';

  await test('a pasted CSV becomes the data set, in the link, and the network learns it', async () => {
    await open('?data=xor&seed=4');
    await openSection('section-csv');
    await page.getByTestId('csv-text').fill(good);
    await page.getByTestId('csv-use').click();
    await statusSays(true, 'Using the pasted CSV: 80 rows, 2 features, 2 classes (a, b). It is saved in the link.');
    assert((await page.getByTestId('csv-share').getAttribute('data-shared')) === 'true', 'the CSV box does not say the data is shared');
    await openMode(page, 'play');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=heatmap-figure]')?.getAttribute('data-train-count')) === 40);
    assert((await page.getByTestId('dataset').inputValue()) === 'csv', 'the dataset menu does not say CSV');
    assert(new URL(page.url()).searchParams.get('csv')?.length > 100, `no csv parameter in ${page.url()}`);
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=test-accuracy]')?.getAttribute('data-value')) >= 0.95, null, { timeout: 60_000 });
    await page.getByTestId('play').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=play]')?.getAttribute('aria-pressed') === 'false');
    shared = page.url();
    await shot('13-csv-trained');
  });

  await test('a bad CSV is refused with its line and column; the data, the network and the link stay', async () => {
    const epoch = await page.getByTestId('epoch').textContent();
    const accuracy = await numberOf('test-accuracy');
    const bad = good.split('\n').map((line, i) => (i === 4 ? '1.5,abc,a' : line)).join('\n');
    await openMode(page, 'data');
    await page.getByTestId('csv-text').fill(bad);
    await page.getByTestId('csv-use').click();
    await statusSays(false, 'line 5, column 2 (x2): expected a finite number, got "abc"');
    assert((await status.textContent()).includes('The data in use is unchanged'), await status.textContent());
    assert(page.url().split('#')[0] === shared.split('#')[0], `the link changed: ${page.url()}`); // the hash is the mode, not the link's settings
    assert((await trainCount()) === 40 && (await page.getByTestId('epoch').textContent()) === epoch, 'the data or the training was reset');
    assert((await numberOf('test-accuracy')) === accuracy, 'the network changed');
    // Dropped on the CSV box instead: the same refusal, and the page does not try to read it as a model.
    const dt = await page.evaluateHandle((text) => {
      const d = new DataTransfer();
      d.items.add(new File([text], 'short-row.csv', { type: 'text/csv' }));
      return d;
    }, good.replace(/\n([^\n]*)\n/, '\n$1\n1,2\n'));
    await openMode(page, 'data');
    await page.getByTestId('csv-box').dispatchEvent('drop', { dataTransfer: dt });
    await statusSays(false, 'short-row.csv was not used: line 3: expected 3 columns (as in the header), got 2');
    assert((await page.getByTestId('import-status').count()) === 0, 'the CSV was also read as a model file');
    assert(page.url().split('#')[0] === shared.split('#')[0] && (await trainCount()) === 40, 'the refused drop changed the data');
  });

  await test('the shared link carries the CSV: same data and same numbers after a reload', async () => {
    await page.getByTestId('reset').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=epoch]')?.textContent === '0');
    await page.getByTestId('step-epoch').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=epoch]')?.textContent === '1');
    const loss = await page.getByTestId('train-loss').getAttribute('data-value');
    await page.goto('about:blank');
    await open(shared.slice(shared.indexOf('?')));
    await statusSays(true, 'Using the CSV from the link: 80 rows, 2 features, 2 classes (a, b).');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=heatmap-figure]')?.getAttribute('data-train-count')) === 40);
    await page.getByTestId('step-epoch').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=epoch]')?.textContent === '1');
    const again = await page.getByTestId('train-loss').getAttribute('data-value');
    assert(again === loss, `train loss after one epoch: ${again} from the link, ${loss} before`);
  });

  await test('a large CSV dropped on the page is used, and the page says the link does not carry it', async () => {
    const rng = createRng(5);
    const big = ['a,b,c', ...Array.from({ length: 3000 }, () => `${rng.normal().toFixed(5)},${rng.normal().toFixed(5)},${rng.next() > 0.5 ? 1 : 0}`)].join('\n');
    const dt = await page.evaluateHandle((text) => {
      const d = new DataTransfer();
      d.items.add(new File([text], 'big.csv'));
      return d;
    }, big);
    await page.locator('.app').dispatchEvent('dragover', { dataTransfer: dt });
    await page.locator('.app').dispatchEvent('drop', { dataTransfer: dt });
    await statusSays(true, 'Using big.csv: 3000 rows');
    assert((await status.textContent()).includes('NOT in the link'), await status.textContent());
    await openMode(page, 'play');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=heatmap-figure]')?.getAttribute('data-train-count')) === 1500);
    const params = new URL(page.url()).searchParams;
    assert(params.get('data') === 'csv' && !params.has('csv'), `link: ${page.url()}`);
    await openSection('section-csv');
    assert((await page.getByTestId('csv-share').getAttribute('data-shared')) === 'false', 'the CSV box claims the data is shared');
    assert((await page.getByTestId('import-status').count()) === 0, 'the CSV was also read as a model file');
    await page.goto('about:blank');
    await open(`?${params}`);
    await statusSays(false, 'does not carry it');
  });

  await test('Chromium computes with the wasm-simd kernels, in the worker and on the page', async () => {
    await open();
    await page.waitForFunction(() => document.querySelector('[data-testid=backend]')?.hasAttribute('data-worker'));
    const footer = page.getByTestId('backend');
    const [worker, onPage] = [await footer.getAttribute('data-worker'), await footer.getAttribute('data-page')];
    assert(worker === 'wasm-simd' && onPage === 'wasm-simd', `kernels: worker ${worker}, page ${onPage}`);
    assert((await footer.textContent()).includes('wasm-simd in the training worker, wasm-simd on this page'), await footer.textContent());
  });

  await test('where synchronous WebAssembly compilation is refused, await ready() still gets wasm-simd (page and worker)', async () => {
    // Chromium 156 compiles large modules synchronously even on the main thread, so the refusal other
    // browsers make (modules > 4 KiB) is emulated in both realms: the page by an init script, the worker
    // by the same lines put in front of its script. Only the constructor is refused; WebAssembly.instantiate works.
    const refuse = `(() => {
      const Module = WebAssembly.Module;
      globalThis.__refusedSyncCompiles = 0;
      const Refusing = function (bytes) {
        if ((bytes.byteLength ?? bytes.length) > 4096) {
          globalThis.__refusedSyncCompiles++;
          throw new RangeError('WebAssembly.Module(): synchronous compile of more than 4 KiB refused (emulated)');
        }
        return new Module(bytes);
      };
      Refusing.prototype = Module.prototype;
      WebAssembly.Module = Refusing;
    })();\n`;
    const other = await page.context().newPage();
    let workerPatched = false;
    try {
      await other.addInitScript(refuse);
      await other.route(/trainer\.worker-[^/]*\.js$/, async (route) => {
        const response = await route.fetch();
        workerPatched = true;
        await route.fulfill({ response, body: refuse + (await response.text()) });
      });
      await other.goto(new URL('./', page.url()).href);
      await other.waitForFunction(() => document.querySelector('[data-testid=backend]')?.hasAttribute('data-worker'), null, { timeout: 30_000 });
      const footer = other.getByTestId('backend');
      const [worker, onPage] = [await footer.getAttribute('data-worker'), await footer.getAttribute('data-page')];
      const refused = await other.evaluate(() => globalThis.__refusedSyncCompiles);
      assert(workerPatched, 'the worker script was not served with the refusal');
      assert(refused >= 1, 'the page never tried (and failed) to compile synchronously: the async path was not taken');
      assert(worker === 'wasm-simd' && onPage === 'wasm-simd', `with sync compilation refused: worker ${worker}, page ${onPage}`);
      await other.getByTestId('play').click();
      await other.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 3);
      const loss = Number(await other.getByTestId('train-loss').getAttribute('data-value'));
      assert(Number.isFinite(loss), `training on the async-compiled kernels gave loss ${loss}`);
    } finally {
      await other.close();
    }
  });
}
