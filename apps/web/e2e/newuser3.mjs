// The third new-user pass: what the page says while MNIST loads, where + stops, Auto's worker count, and what
// a change of data set keeps. Each test failed on the page before its fix. Called by run.mjs.
import { createServer } from 'vite';
import { root } from './harness.mjs';

/** @param {{ test: Function, page: import('playwright-core').Page, open: Function, assert: Function, shot: Function, url: string }} t */
export async function newUser3Tests({ test, page, open, assert, shot, url }) {
  await test('pass 3, 1: while MNIST loads the page says so once, in the header, and Train pressed points at it', async () => {
    await page.goto(`${url}?data=mnist&n=1500&ratio=0.8&net=32:relu&lr=0.1&batch=20&speed=10`);
    await page.getByTestId('counters-loading').waitFor({ timeout: 10_000 });
    // Every visible element whose own text (not a child's) says it: one, the header's.
    const sayers = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((el) => el.checkVisibility() && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.includes('Loading MNIST digits')))
          .map((el) => el.getAttribute('data-testid') ?? el.outerHTML.slice(0, 80)),
      );
    const seen = await sayers();
    await shot('nu3-1-mnist-loading');
    assert((await page.getByTestId('counters-loading').count()) === 1, 'MNIST had loaded before the page was read');
    assert(seen.length === 1 && seen[0] === 'counters-loading', `"Loading MNIST digits…" is said ${seen.length} times: ${JSON.stringify(seen)}`);
    assert((await page.getByTestId('counters-loading').getAttribute('role')) === 'status', 'the loading message is not a live region (screen readers do not hear it)');
    await page.getByTestId('play').click();
    const play = page.getByTestId('play');
    const said = { text: await play.textContent(), describedBy: await play.getAttribute('aria-describedby'), loading: await page.getByTestId('counters-loading').count() };
    assert(said.loading === 1, 'MNIST had loaded before the click: the test did not test the wait');
    assert(/once loaded/.test(said.text), `Train pressed while loading shows "${said.text}"`);
    assert(said.describedBy === (await page.getByTestId('counters-loading').getAttribute('id')), `Train is described by ${said.describedBy}, not by the loading message`);
    await shot('nu3-1-mnist-loading-train-pressed');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 1, null, { timeout: 120_000 });
    await page.getByTestId('play').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=play]')?.getAttribute('aria-pressed') === 'false');
  });

  await test('pass 3, 2: + stops at 64 units and says why, at the layer and to a screen reader', async () => {
    await open('?data=circle&net=63:tanh,2:tanh&speed=0');
    const add = page.getByRole('button', { name: 'Add a unit to layer 1' });
    assert((await add.getAttribute('aria-disabled')) !== 'true' && !(await add.evaluate((el) => el.disabled)), 'below the limit + is marked disabled');
    assert((await page.getByTestId('units-max-1').count()) === 0, 'below the limit the limit is explained');
    await add.click();
    await page.waitForFunction(() => location.search.includes('net=64'));
    assert((await page.getByTestId('units-1').textContent()).startsWith('64'), 'the layer does not show 64 units');
    assert((await add.getAttribute('aria-disabled')) === 'true' || !(await add.isEnabled()), 'at 64 units + is not marked disabled');
    const note = page.getByTestId('units-max-1');
    assert(await note.isVisible(), 'at 64 units nothing visible says why + stops');
    const text = await note.textContent();
    assert(/64/.test(text) && /most/.test(text) && /slow|crowd/.test(text), `the note does not say the limit and why: ${text}`);
    assert((await add.getAttribute('aria-describedby')) === (await note.getAttribute('id')), 'the + button is not described by the note');
    assert((await add.getAttribute('title')) === text, 'the + button has no tooltip saying why');
    // Marked disabled with aria-disabled, not disabled: still reachable by keyboard, and pressing it adds nothing.
    assert((await add.getAttribute('aria-disabled')) === 'true' && !(await add.evaluate((el) => el.disabled)), 'at the limit + cannot be reached by keyboard (disabled) or is not marked aria-disabled');
    await add.focus();
    await page.keyboard.press('Enter');
    await add.click({ force: true }); // Playwright waits for an aria-disabled button to be enabled; a user just clicks
    assert(!page.url().includes('net=65'), 'pressing + at the limit added a unit');
    assert((await page.getByTestId('units-max-2').count()) === 0, 'layer 2 (2 units) says it is at the limit');
    await page.getByTestId('units-1').scrollIntoViewIfNeeded();
    await shot('nu3-2-units-limit');
    await page.setViewportSize({ width: 400, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await shot('nu3-2-units-limit-400');
    await page.setViewportSize({ width: 1360, height: 1000 });
    assert(overflow <= 1, `at 400 px the note makes the page ${overflow} px too wide`);
    // One unit fewer: + works again and the note goes.
    await page.getByRole('button', { name: 'Remove a unit from layer 1' }).click();
    await page.waitForFunction(() => location.search.includes('net=63'));
    assert((await page.getByTestId('units-max-1').count()) === 0 && (await add.getAttribute('aria-disabled')) !== 'true', 'below the limit again, + still says it is at the limit');
  });

  await test('pass 3, 4: MNIST loads in the Vite dev server as in the built preview', async () => {
    // The dev server on a free port (closed in finally: no server is left behind).
    const server = await createServer({ root, logLevel: 'silent', server: { host: '127.0.0.1', port: 0, hmr: false } });
    await server.listen();
    try {
      const dev = server.resolvedUrls?.local[0];
      assert(dev, 'the dev server gave no URL');
      await page.goto(`${dev}?data=mnist&n=1500&ratio=0.8&net=32:relu&lr=0.1&batch=20&speed=0`);
      await page.waitForFunction(() => document.querySelector('[data-testid=test-accuracy], [role=alert]'), null, { timeout: 180_000 });
      const alert = await page.locator('[role=alert]').allTextContents();
      assert(alert.length === 0, `MNIST did not load in dev: ${alert.join(' ')}`);
      assert((await page.getByTestId('test-accuracy').count()) === 1, 'no test accuracy: MNIST did not load in dev');
    } finally {
      await page.goto('about:blank');
      await server.close();
    }
  });

  await test('pass 3, 5: a change of data set while training keeps η, the optimizer and the batch size, starts new weights and says so', async () => {
    await open('?data=spiral&net=6:relu,5:tanh&opt=adam&lr=0.3&batch=7&speed=0');
    const settings = async () => ({
      lr: await page.getByTestId('learning-rate').inputValue(),
      opt: await page.getByTestId('optimizer').inputValue(),
      batch: await page.getByTestId('batch').inputValue(),
    });
    const mine = { lr: '0.3', opt: 'adam', batch: '7' };
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 3);
    await page.getByTestId('dataset').selectOption('mnist'); // while training
    const note = page.getByTestId('dataset-switched');
    await note.waitFor();
    const said = await note.textContent();
    assert(JSON.stringify(await settings()) === JSON.stringify(mine), `switching to MNIST changed the training settings: ${JSON.stringify(await settings())}`);
    assert(/new weights and a fresh optimizer state/.test(said) && said.includes('η = 0.3, adam, batch size 7'), `the note does not say what was reset and kept: ${said}`);
    assert(said.includes('hidden layers 6 relu, 5 tanh → 32 relu'), `the note does not say the hidden layers changed: ${said}`);
    await page.waitForFunction(() => document.querySelector('[data-testid=test-accuracy]') !== null, null, { timeout: 120_000 });
    await shot('nu3-5-switched-to-mnist');
    assert(page.url().includes('lr=0.3') && page.url().includes('opt=adam'), `the link lost the settings: ${page.url()}`);
    // Back (paused, so the new run's epoch 0 shows): the 2-D network comes back, the settings stay.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 1, null, { timeout: 120_000 });
    if ((await page.getByTestId('play').getAttribute('aria-pressed')) === 'true') await page.getByTestId('play').click();
    await page.getByTestId('dataset').selectOption('circle');
    await page.waitForFunction(() => document.querySelector('[data-testid=dataset-switched]')?.textContent.startsWith('Circle'));
    assert(JSON.stringify(await settings()) === JSON.stringify(mine), `leaving MNIST changed the training settings: ${JSON.stringify(await settings())}`);
    assert((await page.getByTestId('units-1').textContent()).startsWith('6') && (await page.getByTestId('units-2').textContent()).startsWith('5'), 'leaving MNIST did not give the hidden layers back');
    await page.waitForFunction(() => document.querySelector('[data-testid=epoch]')?.textContent === '0', null, { timeout: 20_000 }); // a new run
    await shot('nu3-5-back-to-circle');
    await page.getByRole('button', { name: 'Dismiss the note about the data set' }).click();
    assert((await note.count()) === 0, 'the note stays after OK');
  });

  await test('pass 3, 3: Auto trains MNIST on 1 worker at batch 20 and says why, on 2 from batch 128, and its label shows its pick', async () => {
    await page.goto(`${url}?data=mnist&n=1500&ratio=0.8&net=32:relu&lr=0.1&batch=20&speed=0`);
    const status = page.getByTestId('workers-status');
    await status.waitFor({ timeout: 120_000 });
    await page.getByTestId('workers-choice').selectOption('auto'); // the choice is remembered: earlier tests chose 1 and 2
    const autoLabel = () => page.locator('[data-testid=workers-choice] option[value=auto]').textContent();
    const workers = (n) => page.waitForFunction((w) => document.querySelector('[data-testid=workers-status]')?.getAttribute('data-workers') === String(w), n, { timeout: 30_000 });
    assert((await page.evaluate(() => navigator.hardwareConcurrency)) >= 2 && (await status.getAttribute('data-isolated')) === 'true', 'this test needs 2 cores and an isolated page');
    await workers(1);
    assert((await autoLabel()) === 'Auto (1)', `at batch 20 the Auto option reads ${await autoLabel()}`);
    const why = await page.getByTestId('workers-why').textContent();
    assert(/Auto chose 1 worker: at batch size 20/.test(why) && why.includes('from 128 samples a batch'), `the page does not say why Auto chose 1: ${why}`);
    await page.getByTestId('play').click();
    await page.waitForFunction(() => /samples\/s/.test(document.querySelector('[data-testid=workers-status] .rate')?.textContent ?? ''), null, { timeout: 30_000 });
    await shot('nu3-3-auto-one-worker');
    // Batch 128 (typed while training): Auto takes the second worker, and the note goes.
    const batch = page.getByTestId('batch');
    await batch.fill('128');
    await batch.press('Enter');
    await workers(2);
    assert((await autoLabel()) === 'Auto (2)' && (await page.getByTestId('workers-why').count()) === 0, 'at batch 128 Auto does not take 2 workers, or still explains 1');
    await shot('nu3-3-auto-two-workers');
    await batch.fill('20');
    await batch.press('Enter');
    await workers(1);
    await page.getByTestId('play').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=play]')?.getAttribute('aria-pressed') === 'false');
  });
}
