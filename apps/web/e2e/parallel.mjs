// MNIST on the data-parallel workers (@backprop/parallel), in the production build served by Vite's
// preview with COOP/COEP. The package promises the same bits for any thread count at a fixed shard count
// (S = 2 here, always): so one worker and two must give identical losses and weights, bit for bit (the
// weights are compared as the exported JSON, whose numbers print every float32 exactly). Each run asserts
// the worker count the page reports, so a silent fall back to one worker fails the test; and the page
// served without the headers must say it is not isolated, train on one worker, and still give those bits.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { root } from './harness.mjs';

const MNIST = '?data=mnist&n=1500&ratio=0.8&net=32:relu&lr=0.1&batch=64&speed=0';
const EPOCHS = 2;

/** Serves dist without any isolation headers (a static host that does not send them). */
function plainServer() {
  const dist = join(root, 'dist');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.wasm': 'application/wasm' };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dist, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dist) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** @param {{ test: Function, page: import('playwright-core').Page, url: string, assert: Function, shot: Function, pageErrors: string[] }} t */
export async function parallelTests({ test, page, url, assert, shot, pageErrors }) {
  const status = page.getByTestId('workers-status');
  const workersShown = async () => Number(await status.getAttribute('data-workers'));

  async function openMnist(base) {
    await page.goto(base + MNIST);
    await page.getByTestId('network-diagram').waitFor({ timeout: 120_000 });
    await status.waitFor({ timeout: 120_000 }); // the digits are loaded and the session is open
  }

  async function choose(workers) {
    await page.getByTestId('workers-choice').selectOption(String(workers));
    await page.waitForFunction((w) => document.querySelector('[data-testid=workers-status]')?.getAttribute('data-workers') === String(w), workers, { timeout: 30_000 });
  }

  /** Steps `EPOCHS` epochs (η changed to 0.05 after the first: a live change), reads the losses after each and exports θ. */
  async function run({ switchTo } = {}) {
    const losses = [];
    for (let e = 1; e <= EPOCHS; e++) {
      await page.getByTestId('step-epoch').click();
      await page.waitForFunction((n) => document.querySelector('[data-testid=epoch]')?.textContent === String(n), e, { timeout: 60_000 });
      losses.push([await page.getByTestId('train-loss').getAttribute('data-value'), await page.getByTestId('test-loss').getAttribute('data-value')]);
      if (e === 1) await page.getByTestId('learning-rate').selectOption('0.03');
      if (e === 1 && switchTo) await choose(switchTo);
    }
    const workers = await workersShown();
    await page.getByTestId('mode-model').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-model').click()]);
    const model = JSON.parse(readFileSync(await download.path(), 'utf8'));
    await page.getByTestId('mode-play').click();
    return { losses, workers, weights: JSON.stringify(model.layers ?? model) };
  }

  await test('MNIST: 2 data-parallel workers give the losses and weights of 1, bit for bit (cross-origin isolated)', async () => {
    await openMnist(url);
    assert((await page.evaluate(() => self.crossOriginIsolated)) === true, 'the preview server does not make the page cross-origin isolated');
    assert((await status.getAttribute('data-isolated')) === 'true', 'the training worker is not cross-origin isolated');
    await choose(1);
    const one = await run();
    await page.goto(url + MNIST); // the same seed: the same initial weights and order
    await status.waitFor({ timeout: 120_000 });
    // The choice is this device's (remembered), not the link's: a reload keeps it.
    assert((await page.getByTestId('workers-choice').inputValue()) === '1' && (await workersShown()) === 1, 'a reload forgot the 1-worker choice');
    // Auto's label says what Auto would pick, not the count chosen now (new-user pass: it read "Auto (1)" with 1 chosen):
    // at batch 64 one worker (two pay from 128 samples a batch: threads.ts), the same on every device.
    assert((await page.locator('[data-testid=workers-choice] option[value=auto]').textContent()) === 'Auto (1)', 'the Auto option does not read Auto (1) at batch 64');
    await choose(2);
    const two = await run();
    await page.goto(url + MNIST);
    await status.waitFor({ timeout: 120_000 });
    await choose(1);
    const switched = await run({ switchTo: 2 });
    assert(one.workers === 1, `the 1-worker run reports ${one.workers} workers`);
    assert(two.workers === 2, `the 2-worker run reports ${two.workers} workers: it fell back`);
    assert(switched.workers === 2, `the switched run reports ${switched.workers} workers`);
    assert(Number(one.losses[0][0]) > 0 && Number(one.losses[1][0]) < Number(one.losses[0][0]) * 1.5, `odd losses ${JSON.stringify(one.losses)}`);
    assert(JSON.stringify(two.losses) === JSON.stringify(one.losses), `losses differ: 1 worker ${JSON.stringify(one.losses)}, 2 workers ${JSON.stringify(two.losses)}`);
    assert(two.weights === one.weights, 'the weights after 2 epochs differ between 1 and 2 workers');
    assert(JSON.stringify(switched.losses) === JSON.stringify(one.losses) && switched.weights === one.weights, 'switching from 1 to 2 workers mid-run changed the numbers');
    await shot('parallel-1-two-workers');
    assert(pageErrors.length === 0, `page errors: ${pageErrors.join('; ')}`);
  });

  await test('MNIST without COOP/COEP: 1 worker, the page says why, and the numbers are the same', async () => {
    const server = await plainServer();
    try {
      const plain = `http://127.0.0.1:${server.address().port}/`;
      await openMnist(plain);
      assert((await page.evaluate(() => self.crossOriginIsolated)) === false, 'the plain server should not isolate the page');
      await page.getByTestId('workers-choice').selectOption('2');
      await page.waitForFunction(() => document.querySelector('[data-testid=workers-choice]')?.value === '2');
      assert((await workersShown()) === 1, 'without isolation more than one worker trains');
      assert((await page.locator('[data-testid=workers-choice] option[value=auto]').textContent()) === 'Auto (1)', 'without isolation Auto promises more than 1 worker');
      assert((await page.locator('[data-testid=workers-choice] option[value="2"]').textContent()) === '2 (needs isolation)', 'the 2-worker option does not say it needs isolation');
      assert((await status.getAttribute('data-isolated')) === 'false', 'the status does not say the page is not isolated');
      const why = await page.getByTestId('workers-why').textContent();
      assert(/Cross-Origin-Opener-Policy: same-origin/.test(why) && /Cross-Origin-Embedder-Policy: require-corp/.test(why), `the reason does not name the headers: ${why}`);
      await shot('parallel-2-not-isolated');
      const fallback = await run();
      await page.goto(url + MNIST);
      await status.waitFor({ timeout: 120_000 });
      await choose(2);
      const two = await run();
      assert(fallback.workers === 1 && two.workers === 2, `workers ${fallback.workers} / ${two.workers}`);
      assert(JSON.stringify(fallback.losses) === JSON.stringify(two.losses) && fallback.weights === two.weights, 'the not-isolated page trains other numbers');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
}
