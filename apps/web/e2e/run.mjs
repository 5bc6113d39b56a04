// End-to-end tests of the production build in real headless Chromium (Debian's, via playwright-core).
// Run by the package's `test` script. Prints one plain `N passed, N failed` line; exit code 1 on failure.
// Screenshots of every view go to test-artifacts/ (gitignored).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Matrix, Network } from '@backprop/core';
import { artifacts, drawStroke, ensureBuild, expectGradcheckPasses, openBrowser, openMode, requireChromium } from './harness.mjs';
import { csvUserTests } from './csv-user.mjs';
import { dataTests } from './data.mjs';
import { defectTests, mnistOutputTest } from './defects.mjs';
import { designTests } from './design.mjs';
import { fieldTests } from './fields.mjs';
import { interopTests } from './interop.mjs';
import { learnTests } from './learn.mjs';
import { newUserTests } from './newuser.mjs';
import { newUser3Tests } from './newuser3.mjs';
import { newUser4Tests } from './newuser4.mjs';
import { newUser5Tests } from './newuser5.mjs';
import { newUser6Tests } from './newuser6.mjs';
import { viewTests } from './newuser-views.mjs';
import { parallelTests } from './parallel.mjs';
import { planeTests } from './plane.mjs';
import { resizeTests } from './resize.mjs';
import { safetensorsTests } from './safetensors.mjs';

requireChromium();
await ensureBuild();
mkdirSync(artifacts, { recursive: true });
const { url, context, close } = await openBrowser();
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(45_000); // the machine may be shared: generous waits, never fixed sleeps
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(String(e)));

const SPIRAL = '?data=spiral&net=8:tanh,8:tanh&feat=x,y,x2,y2,xy,sinx,siny&opt=adam&lr=0.03';
const results = [];

const only = process.env.E2E_ONLY?.split('|'); // while working: run only the tests whose name contains one of these

async function test(name, fn) {
  if (only && !only.some((o) => name.includes(o))) return;
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`✓ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`✗ ${name}\n    ${String(e?.stack ?? e).split('\n').slice(0, 4).join('\n    ')}`);
    await page.screenshot({ path: join(artifacts, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

async function open(query = '', timeout = 30_000) {
  await page.goto(url + query);
  await page.getByTestId('network-diagram').waitFor({ timeout });
}

const numberOf = async (testId) => Number(await page.getByTestId(testId).getAttribute('data-value'));
const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
const openSection = (id) => openMode(page, id);

/** Exports the model from the Model view, then goes back to Play if that is where the test was. */
async function exportModel() {
  const wasPlay = (await page.getByTestId('view-play').count()) > 0;
  await openSection('section-io').catch(() => {});
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-model').click()]);
  if (wasPlay) await openMode(page, 'play');
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

await test('the page loads with the heatmap, the diagram and keyboard-operable training', async () => {
  await open();
  await page.getByTestId('heatmap').waitFor();
  assert((await page.locator('.node').count()) === 2 + 4 + 2 + 2, 'expected 2 inputs, 4 + 2 hidden units and 2 outputs');
  await page.getByTestId('play').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 3);
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('[data-testid=play]')?.getAttribute('aria-pressed') === 'false');
  await shot('01-initial');
  assert(pageErrors.length === 0, `page errors: ${pageErrors.join('; ')}`);
});

await test('training on spiral brings the test loss below 0.3', async () => {
  await open(SPIRAL);
  const start = await numberOf('test-loss');
  // The pause lands a step or two after the loss is seen below 0.3, and Adam's loss is noisy at 0.3: train on
  // until the paused network itself is below it (a race made this fail at 0.325 once the machine was busy).
  const until = Date.now() + 60_000;
  let end = start;
  while (!(end < 0.3) && Date.now() < until) {
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=test-loss]')?.getAttribute('data-value')) < 0.3, null, { timeout: Math.max(1, until - Date.now()) });
    await page.getByTestId('play').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=play]')?.getAttribute('aria-pressed') === 'false');
    end = await numberOf('test-loss');
  }
  assert(end < 0.3 && end < start, `test loss ${start} → ${end}`);
  await shot('02-spiral-trained');
});

await test('changing the learning rate applies live, without a reset', async () => {
  await page.getByTestId('play').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) > 0);
  const before = await numberOf('train-loss');
  const epochBefore = Number(await page.getByTestId('epoch').textContent());
  await page.getByTestId('learning-rate').selectOption('3');
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid=train-loss]')?.getAttribute('data-value')) > 2 * b + 0.2, before, { timeout: 20_000 });
  await page.getByTestId('play').click();
  const epochAfter = Number(await page.getByTestId('epoch').textContent());
  assert(epochAfter >= epochBefore, `epoch went from ${epochBefore} to ${epochAfter}: training was reset`);
  assert(page.url().includes('lr=3'), `URL ${page.url()} lacks lr=3`);
  await shot('03-live-learning-rate');
});

await test("the step-through shows the core's own ∇W₁ for the chosen sample", async () => {
  await open('?data=xor&net=3:tanh,2:relu&seed=5&lr=0.1');
  for (let i = 0; i < 3; i++) await page.getByTestId('step-epoch').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 3);
  await openSection('section-step');
  await page.getByTestId('sample-index').fill('7');
  await page.getByTestId('step-start').click();
  await page.locator('li[data-step="fwd-a-1"].current').waitFor();
  for (let i = 0; i < 3; i++) await page.getByTestId('step-next').click();
  await page.locator('li[data-step="bwd-W-1"] > button').click();
  const panel = page.getByTestId('step-through');
  const model = JSON.parse(await panel.getAttribute('data-model'));
  const x = JSON.parse(await panel.getAttribute('data-sample-x'));
  const y = JSON.parse(await panel.getAttribute('data-sample-y'));
  const cells = page.locator('li[data-step="bwd-W-1"] figure[data-label="∇W₁"] td[data-value]');
  const shown = (await cells.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value')))));
  const net = Network.fromJSON(model);
  const expected = Array.from(net.backward(net.forward(Matrix.from([x])), Matrix.from([y])).gradW[0].data);
  assert(shown.length === expected.length && shown.length === 3 * 2, `∇W₁ has ${shown.length} cells, expected ${expected.length}`);
  shown.forEach((v, i) => void assert(Math.abs(v - expected[i]) <= 1e-7 + 1e-6 * Math.abs(expected[i]), `∇W₁ cell ${i}: shown ${v}, core ${expected[i]}`));
  assert((await page.locator('.node.lit').count()) > 0, 'no unit is lit in the diagram');
  const after = Number((await page.getByTestId('loss-after').textContent()) ?? 'NaN');
  assert(Number.isFinite(after), 'what-if loss missing');
  await panel.scrollIntoViewIfNeeded();
  await shot('04-step-through');
});

await test('the gradient check passes on the current network', async () => {
  const result = await expectGradcheckPasses({ page, openSection, assert }, ['W1', 'W2', 'W3', 'b1', 'b2', 'b3']);
  await result.scrollIntoViewIfNeeded();
  await shot('05-gradcheck');
});

await test('MNIST trains in the page and a drawn digit gets class probabilities', async () => {
  await open('?data=mnist&n=1500&ratio=0.8&net=32:relu&lr=0.1&batch=20', 120_000); // loads 21 MB of digits first
  await page.waitForFunction(() => document.querySelector('[data-testid=test-accuracy]') !== null, null, { timeout: 60_000 });
  await page.getByTestId('play').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=test-accuracy]')?.getAttribute('data-value')) > 0.75, null, { timeout: 90_000 });
  await page.getByTestId('play').click();
  const pad = page.getByTestId('digit-pad');
  await pad.scrollIntoViewIfNeeded();
  await drawStroke(page);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=digit-probs]')?.getAttribute('data-best')) >= 0, null, { timeout: 10_000 });
  assert((await page.locator('.mistake').count()) > 0, 'no misclassified digits shown');
  await shot('06-mnist');
});

await mnistOutputTest({ test, page, open, assert });
await parallelTests({ test, page, url, assert, shot, pageErrors });

await test('a shared URL reloads to the same state (controls and seeded weights)', async () => {
  await open();
  await page.getByTestId('dataset').selectOption('xor');
  await page.getByTestId('seed').fill('77');
  await page.getByTestId('add-layer').click();
  await page.getByTestId('learning-rate').selectOption('0.1');
  await page.getByTestId('show-test').check();
  await page.waitForFunction(() => location.search.includes('seed=77') && location.search.includes('lr=0.1') && location.search.includes('test=1'));
  const shared = page.url();
  const before = await exportModel();
  await page.goto('about:blank');
  await page.goto(shared);
  await page.getByTestId('network-diagram').waitFor();
  assert((await page.getByTestId('dataset').inputValue()) === 'xor', 'dataset not restored');
  assert((await page.getByTestId('seed').inputValue()) === '77', 'seed not restored');
  assert((await page.getByTestId('learning-rate').inputValue()) === '0.1', 'learning rate not restored');
  assert(await page.getByTestId('show-test').isChecked(), 'test-point toggle not restored');
  assert((await page.getByTestId('units-3').count()) === 1, 'third layer not restored');
  const after = await exportModel();
  assert(JSON.stringify(after) === JSON.stringify(before), 'the restored network has different weights');
  await shot('07-url-restored');
});

await test('classroom mode hides the controls named in the URL', async () => {
  await open('?hide=noise,seed,stepThrough');
  assert((await page.getByTestId('noise').count()) === 0, 'noise still shown');
  assert((await page.getByTestId('seed').count()) === 0, 'seed still shown');
  assert((await page.getByTestId('mode-step').count()) === 0, 'step-through still shown');
  assert((await page.getByTestId('dataset').count()) === 1, 'dataset control should stay');
  await shot('08-classroom');
});

await test('a narrow window has no horizontal page scroll and every control has a label', async () => {
  await page.setViewportSize({ width: 400, height: 900 });
  await open(SPIRAL);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 1, `page is ${overflow}px wider than the window`);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea, button')].filter((el) => {
      const e = /** @type {HTMLInputElement} */ (el);
      return !(e.labels?.length || e.getAttribute('aria-label') || e.textContent?.trim());
    }).length,
  );
  assert(unlabelled === 0, `${unlabelled} controls have no accessible name`);
  await shot('09-narrow');
  await page.setViewportSize({ width: 1360, height: 1000 });
});

await defectTests({ test, page, open, assert, shot, pageErrors });
await designTests({ test, page, open, assert, url });
await interopTests({ test, page, open, openSection, assert, shot });
await safetensorsTests({ test, page, open, assert, shot });
await planeTests({ test, page, open, assert, shot, exportModel });
await dataTests({ test, page, open, openSection, assert, shot, numberOf });
await csvUserTests({ test, page, open, assert, shot });
await learnTests({ test, page, url, assert, artifacts });
await newUserTests({ test, page, open, assert, shot });
await fieldTests({ test, page, open, assert, shot });
await viewTests({ test, page, open, assert, shot, url });
await newUser3Tests({ test, page, open, assert, shot, url });
await newUser4Tests({ test, page, open, assert, shot, url });
await newUser5Tests({ test, page, open, assert, shot });
await newUser6Tests({ test, page, open, assert });
await resizeTests({ test, page, url, assert, shot });

await close();
const passed = results.filter((r) => r.ok).length;
console.log(`e2e: ${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
