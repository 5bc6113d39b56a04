// The second new-user pass, views: the loss legend's dashes, MNIST loading from a link, the digit pad's
// bare labels. Each test failed on the page before its fix. Called by run.mjs.
import { drawStroke, openMode } from './harness.mjs';

/** Records every text the header's counters show from the first frame of a page whose link has `e2e-record`. */
function recordCounters() {
  if (!location.search.includes('e2e-record')) return;
  const log = [];
  window.__counters = log;
  const look = () => {
    const text = document.querySelector('.counters')?.textContent ?? null;
    if (text !== log[log.length - 1]) log.push(text);
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true });
}

/** @param {{ test: Function, page: import('playwright-core').Page, open: Function, assert: Function, shot: Function, url: string }} t */
export async function viewTests({ test, page, open, assert, shot, url }) {
  await test('new user 6: with no point hovered the loss legend shows the latest epoch and losses, not dashes', async () => {
    await open('?data=circle&speed=0');
    for (let i = 0; i < 3; i++) await page.getByTestId('step-epoch').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 3);
    await page.mouse.move(2, 2);
    const legend = async () => page.locator('figure[data-testid=loss] .u-legend .u-series').evaluateAll((rows) => rows.map((r) => r.querySelector('.u-value')?.textContent ?? ''));
    await page.waitForFunction(() => [...document.querySelectorAll('figure[data-testid=loss] .u-legend .u-value')].every((v) => v.textContent !== '–'), null, { timeout: 5_000 }).catch(() => {});
    const [epoch, train, test] = await legend();
    assert(![epoch, train, test].includes('–'), `the legend shows dashes with no point hovered: ${epoch} / ${train} / ${test}`);
    const caption = await page.getByTestId('loss-readout').textContent();
    const now = /now train ([\d.]+), test ([\d.]+)/.exec(caption);
    assert(now, `no latest losses in the caption: ${caption}`);
    assert(epoch === (await page.getByTestId('epoch').textContent()), `legend epoch ${epoch}, header epoch ${await page.getByTestId('epoch').textContent()}`);
    for (const [name, shown, last] of [['train', train, now[1]], ['test', test, now[2]]]) {
      assert(Math.abs(Number(shown) - Number(last)) <= 1e-3 * Number(last) + 1e-4, `legend ${name} ${shown}, latest ${last}`);
    }
    // Hovering the first point shows its values; leaving the chart shows the latest again.
    const box = await page.locator('figure[data-testid=loss] .u-over').boundingBox();
    await page.mouse.move(box.x + 1, box.y + box.height / 2);
    await page.waitForFunction(() => document.querySelector('figure[data-testid=loss] .u-legend .u-value')?.textContent === '1');
    await page.mouse.move(2, 2);
    await page.waitForFunction((e) => document.querySelector('figure[data-testid=loss] .u-legend .u-value')?.textContent === e, epoch);
    await page.locator('figure[data-testid=loss]').screenshot({ path: `${process.cwd()}/test-artifacts/nu-6-loss-legend.png` });
    // The same in Learn's depth chart (its legend showed "k: --" and empty values), in the dark theme too.
    for (const theme of ['light', 'dark']) {
      await page.goto(`${url}?data=circle&speed=0&lesson=depth#learn`);
      await page.getByTestId('depth-chart').locator('canvas').first().waitFor();
      if ((await page.getByTestId('theme-toggle').getAttribute('data-theme')) !== theme) await page.getByTestId('theme-toggle').click();
      await page.mouse.move(2, 2);
      const values = await page.locator('[data-testid=depth-chart] .u-legend .u-value').allTextContents();
      assert(values.length === 3 && values.every((v) => v !== '' && v !== '–' && v !== '--'), `${theme}: the depth chart's legend with no point hovered: ${JSON.stringify(values)}`);
      const logistic = JSON.parse(await page.getByTestId('depth-view').getAttribute('data-logistic'));
      assert(values[0] === String(logistic.length), `${theme}: the depth legend shows layer ${values[0]}, not the last (${logistic.length})`);
      await page.getByTestId('depth-chart').screenshot({ path: `${process.cwd()}/test-artifacts/nu-6-depth-legend-${theme}.png` });
    }
    if ((await page.getByTestId('theme-toggle').getAttribute('data-theme')) === 'dark') await page.getByTestId('theme-toggle').click();
  });

  await test('new user 7: a link with MNIST says MNIST is loading in the header from the first frame, and shows no other run', async () => {
    await page.addInitScript(recordCounters);
    await page.goto(`${url}?data=mnist&n=1500&ratio=0.8&net=32:relu&lr=0.1&batch=20&e2e-record=1`);
    await page.getByTestId('counters-loading').waitFor({ timeout: 10_000 }).catch(() => {});
    await shot('nu-7-mnist-loading');
    await page.waitForFunction(() => document.querySelector('[data-testid=test-accuracy]') !== null, null, { timeout: 120_000 });
    const seen = await page.evaluate(() => window.__counters);
    const before = seen.slice(0, seen.findIndex((t) => t?.includes('%')));
    assert(before.length > 0, `no header before the digits arrived: ${JSON.stringify(seen)}`);
    for (const text of before) {
      if (text === null) continue; // the page has not rendered yet
      assert(text.includes('Loading MNIST digits'), `the header showed "${text}" while MNIST loaded, without saying so`);
      assert(!/Train loss|Test loss|accuracy/i.test(text), `the header showed losses while MNIST loaded: "${text}"`);
    }
  });

  await test('new user 8: before anything is drawn the digit probabilities say what they will show', async () => {
    // Continues on the MNIST page of the previous test (loaded).
    if ((await page.getByTestId('test-accuracy').count()) === 0) await open('?data=mnist&n=1500&ratio=0.8&net=32:relu&lr=0.1&batch=20', 120_000);
    for (const mode of ['play', 'digits']) {
      await openMode(page, mode);
      const caption = page.getByTestId('digit-probs-caption');
      assert(await caption.isVisible(), `${mode}: no caption over the class probabilities`);
      const said = await caption.textContent();
      assert(/draw a digit/i.test(said) && said.includes('probability'), `${mode}: the caption does not say what the list will show: ${said}`);
      const list = page.getByTestId('digit-probs');
      assert((await list.getAttribute('aria-labelledby')) === (await caption.getAttribute('id')), `${mode}: the list is not labelled by its caption`);
    }
    await shot('nu-8-digits-empty');
    await drawStroke(page, 10, 0.07);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=digit-probs]')?.getAttribute('data-best')) >= 0, null, { timeout: 10_000 });
    const said = await page.getByTestId('digit-probs-caption').textContent();
    assert(!/draw a digit/i.test(said), `the caption still asks for a digit after one is drawn: ${said}`);
    const values = await page.locator('[data-testid=digit-probs] li .small').allTextContents();
    assert(values.length === 10 && values.every((v) => v.endsWith('%')), `the drawn digit's probabilities: ${values}`);
  });
  await test('new user 10: Run gradient check pressed as the Check view opens gives a report, not a "changed since" notice', async () => {
    // As met: from a Learn page that was training, a new link straight to Check, the button pressed at once.
    await page.goto(`${url}?data=spiral&speed=10&lesson=depth#learn`);
    await page.getByTestId('depth-view').waitFor();
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 2, null, { polling: 100 });
    await page.goto(`${url}?data=spiral&speed=10#check`);
    await page.getByTestId('view-check').waitFor();
    await page.getByTestId('gradcheck-run').click(); // waits while the button is disabled (no network yet)
    await page.waitForFunction(() => document.querySelector('[data-testid=gradcheck-result], [data-testid=gradcheck-stale]'), null, { timeout: 30_000 });
    const stale = page.getByTestId('gradcheck-stale');
    if ((await stale.count()) > 0) assert(false, `a fresh check is called stale: ${await stale.textContent()}`);
    assert((await page.getByTestId('gradcheck-result').getAttribute('data-ok')) === 'true', 'the check did not pass');
  });
  await test('new user 11: while MNIST loads the Digits view says so, and Train pressed says it will train once loaded, and then trains', async () => {
    // The digits' chunks are held until the page has been read and Train pressed: on a fast machine MNIST
    // loaded before the click, and the test (rightly) refused to pass without testing the wait.
    let release = () => {};
    const held = new Promise((resolve) => {
      release = resolve;
    });
    const digits = /\/assets\/\d-[^/]+\.js$/;
    let heldCount = 0;
    await page.context().route(digits, async (route) => {
      heldCount++;
      await held;
      await route.fallback().catch(() => {}); // a request the page dropped meanwhile (a worker restarted) needs nothing
    });
    try {
      await page.goto(`${url}?data=mnist&n=1500&ratio=0.8&net=32:relu&lr=0.1&batch=20&speed=10`);
      await page.getByTestId('counters-loading').waitFor({ timeout: 10_000 });
      await newUser11(page, assert);
      assert(heldCount > 0, 'no digit chunk was held: the route did not see the worker load MNIST');
    } finally {
      release();
      await page.context().unroute(digits, { behavior: 'wait' });
    }
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 1, null, { timeout: 120_000 });
    assert((await page.getByTestId('play').textContent()).includes('Pause'), 'training does not show as running after loading');
    await page.getByTestId('play').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=play]')?.getAttribute('aria-pressed') === 'false');
  });
}

/** New user 11 while MNIST is loading: the Digits view, then Train pressed. */
async function newUser11(page, assert) {
  await page.getByTestId('mode-digits').click();
  const empty = await page.getByTestId('unit-grid-empty').textContent();
  assert((await page.getByTestId('counters-loading').count()) === 1, 'MNIST had loaded before the Digits view was read');
  assert(empty.includes('32 units'), `while MNIST loads the Digits view says: ${empty}`); // and not "Loading" again (newuser4.mjs)
  await page.getByTestId('play').click();
  const seen = await page.evaluate(() => {
    const b = document.querySelector('[data-testid=play]');
    return { loading: document.querySelector('[data-testid=counters-loading]') !== null, pressed: b.getAttribute('aria-pressed'), text: b.textContent };
  });
  assert(seen.loading, 'MNIST had loaded before the click: the test did not test the wait');
  assert(seen.pressed === 'true' && /once loaded/.test(seen.text), `Train pressed while loading shows "${seen.text}" (pressed ${seen.pressed})`);
}
