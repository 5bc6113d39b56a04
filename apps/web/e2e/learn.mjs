// End-to-end tests of the Learn mode in real Chromium: every lesson typesets its formulas (KaTeX, no
// errors) at every step; every lesson's exercise accepts the right answer and refuses a wrong one with a
// hint, the right answer being recomputed here with @backprop/core from the network the page shows; the
// computational graph's values and gradients equal the core's forward/backward (float64, 1e-9); deep links
// reopen the lesson, step and network. Screenshots: test-artifacts/learn-*.png.
// Called by run.mjs with its helpers; `node e2e/learn.mjs` runs it alone.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Matrix, Network } from '@backprop/core';

const LESSONS = ['forward', 'output', 'hidden', 'params', 'algorithm', 'csc311', 'ama564', 'gradcheck'];

/** The core's forward and backward pass on one sample, in float64. */
function coreOf(model, x, y) {
  const net = Network.fromJSON(model).clone({ dtype: 'float64' });
  const X = Matrix.from([x], 'float64');
  const Y = Matrix.from([y], 'float64');
  const trace = net.forward(X);
  const grads = net.backward(trace, Y);
  return { net, X, Y, trace, grads, loss: net.loss(X, Y) };
}

/** What an exercise's quantity is, computed here from the core (1-based k, i, j as the notes write them). */
function expected(c, q) {
  const row = (m) => Array.from(m.data);
  const weight = (k) => c.net.parameters().find((p) => p.name === `W${k}`);
  const w = (k, i, j) => weight(k).values[(i - 1) * weight(k).shape[1] + (j - 1)];
  const gW = (k, i, j) => c.grads.gradW[k - 1].get(i - 1, j - 1);
  const lossWith = (k, i, j, d) => {
    const net = c.net.clone();
    const p = net.parameters().find((t) => t.name === `W${k}`);
    p.values[(i - 1) * p.shape[1] + (j - 1)] += d;
    return net.loss(c.X, c.Y);
  };
  switch (q.kind) {
    case 'a': return row(c.trace.a[q.k - 1])[q.i - 1];
    case 'h': return row(c.trace.h[q.k])[q.i - 1];
    case 'gradA': return row(c.grads.gradA[q.k - 1])[q.i - 1];
    case 'gradH': return row(c.grads.gradH[q.k])[q.i - 1];
    case 'gradB': return c.grads.gradB[q.k - 1][q.i - 1];
    case 'gradW': return gW(q.k, q.i, q.j);
    case 'path': return row(c.grads.gradA[q.k])[q.m - 1] * w(q.k + 1, q.m, q.j);
    case 'yHat': return row(c.trace.yHat)[q.i - 1];
    case 'loss': return c.loss;
    case 'W-after': return w(q.k, q.i, q.j) - q.eta * gW(q.k, q.i, q.j);
    case 'central': return (lossWith(q.k, q.i, q.j, q.eps) - lossWith(q.k, q.i, q.j, -q.eps)) / (2 * q.eps);
    default: throw new Error(`unknown quantity ${q.kind}`);
  }
}

/** @param {{ test: Function, page: import('playwright-core').Page, url: string, assert: Function, artifacts: string }} t */
export async function learnTests({ test, page, url, assert, artifacts }) {
  const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
  async function openLearn(query) {
    await page.goto(`${url}${query}#learn`);
    await page.getByTestId('learn-view').waitFor();
  }
  /** The lesson's own network and sample, as the page shows them. */
  async function shown(testId = 'lesson') {
    const el = page.getByTestId(testId);
    return { model: JSON.parse(await el.getAttribute('data-model')), x: JSON.parse(await el.getAttribute('data-x')), y: JSON.parse(await el.getAttribute('data-y')) };
  }
  async function formulasOk(where) {
    const f = page.getByTestId('lesson-formulas');
    await f.locator('.katex').first().waitFor();
    const count = await f.locator('.katex').count();
    const errors = await page.locator('[data-testid=lesson] .katex-error').count();
    assert(count > 0, `${where}: no KaTeX formula`);
    // The first error's text only when there is one: a locator with no match would wait out the timeout.
    if (errors > 0) assert(false, `${where}: ${errors} KaTeX errors: ${await page.locator('[data-testid=lesson] .katex-error').first().getAttribute('title')}`);
  }

  for (const [index, id] of LESSONS.entries()) {
    const number = index + 1;
    await test(`Learn ${number} (${id}): every step typesets its formulas; the exercise accepts the right answer and refuses a wrong one with a hint`, async () => {
      await openLearn(`?data=xor&net=3:tanh,2:tanh&lesson=${number}`);
      const lesson = page.getByTestId('lesson');
      const ownNet = id === 'csc311' || id === 'ama564';
      await page.locator(`[data-testid=lesson][data-lesson=${id}][data-net=${ownNet ? 'preset' : 'yours'}]`).waitFor();
      const steps = Number(await lesson.getAttribute('data-steps'));
      assert(steps >= 1, 'no steps');
      await formulasOk(`lesson ${number} step 1`);
      assert((await page.getByTestId('lesson-seed').textContent()).startsWith('Follows '), 'the seed is not named');
      await shot(`learn-${number}-${id}`);
      for (let s = 2; s <= steps; s++) {
        await page.getByTestId('lesson-next').click();
        await page.locator(`[data-testid=lesson][data-step="${s}"]`).waitFor();
        await formulasOk(`lesson ${number} step ${s}`);
        if (s === steps) await shot(`learn-${number}-${id}-last`);
      }
      for (const variant of [0, 1]) {
        if (variant === 1) await page.getByTestId('exercise-another').click();
        const box = page.getByTestId('exercise');
        const q = JSON.parse(await box.getAttribute('data-quantity'));
        const { model, x, y } = await shown();
        const want = expected(coreOf(model, x, y), q);
        assert(Number.isFinite(want), `exercise ${JSON.stringify(q)} has no value`);
        const input = page.getByTestId('exercise-input');
        await input.fill(String(want * 1.37 + 0.011));
        await page.getByTestId('exercise-check').click();
        await page.locator('[data-testid=exercise][data-state=wrong]').waitFor();
        await page.getByTestId('exercise-hint').waitFor();
        assert((await page.getByTestId('exercise-hint').locator('.katex').count()) + (await page.getByTestId('exercise-hint').textContent()).length > 20, 'the hint says nothing');
        if (variant === 0) await shot(`learn-${number}-${id}-hint`);
        await input.fill(want.toPrecision(3));
        await page.getByTestId('exercise-check').click();
        await page.locator('[data-testid=exercise][data-state=right]').waitFor();
      }
    });
  }

  await test('Learn at 400 px: no lesson step pushes the page sideways (long formulas scroll inside themselves)', async () => {
    await page.setViewportSize({ width: 400, height: 900 });
    try {
      for (const [index, id] of LESSONS.entries()) {
        await openLearn(`?data=xor&net=3:tanh,2:tanh&lesson=${index + 1}`);
        await page.locator(`[data-testid=lesson][data-lesson=${id}]`).waitFor();
        const steps = Number(await page.getByTestId('lesson').getAttribute('data-steps'));
        for (let s = 1; s <= steps; s++) {
          if (s > 1) {
            await page.getByTestId('lesson-next').click();
            await page.locator(`[data-testid=lesson][data-step="${s}"]`).waitFor();
          }
          await page.getByTestId('lesson-formulas').locator('.katex').first().waitFor();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert(overflow <= 1, `lesson ${index + 1} step ${s} at 400 px: ${overflow} px of sideways scroll`);
        }
      }
    } finally {
      await page.setViewportSize({ width: 1360, height: 1000 });
    }
  });

  await test("Learn graph: every node's value and gradient equals @backprop/core's forward/backward (float64, 1e-9)", async () => {
    await openLearn('?data=xor&net=3:tanh,2:relu&seed=5&lesson=graph');
    const view = page.getByTestId('graph-view');
    await page.locator('[data-testid=graph-view][data-net=yours]').waitFor();
    await page.getByTestId('graph-next').click();
    await page.locator('[data-testid=graph-view][data-step="2"]').waitFor();
    await shot('learn-graph-forward');
    await page.getByTestId('graph-last').click();
    const steps = await view.getAttribute('data-steps');
    await page.locator(`[data-testid=graph-view][data-step="${steps}"]`).waitFor();
    const { model, x, y } = await shown('graph-view');
    const c = coreOf(model, x, y);
    const L = c.trace.a.length;
    const want = { h0: [x, Array.from(c.grads.gradH[0].data)], loss: [[c.loss], [1]] };
    for (let k = 1; k <= L; k++) {
      want[`a${k}`] = [Array.from(c.trace.a[k - 1].data), Array.from(c.grads.gradA[k - 1].data)];
      want[`W${k}`] = [c.net.parameters().find((p) => p.name === `W${k}`).values, Array.from(c.grads.gradW[k - 1].data)];
      want[`b${k}`] = [c.net.parameters().find((p) => p.name === `b${k}`).values, Array.from(c.grads.gradB[k - 1])];
      if (k < L) want[`h${k}`] = [Array.from(c.trace.h[k].data), Array.from(c.grads.gradH[k].data)];
    }
    want.yHat = [Array.from(c.trace.yHat.data), null];
    const nodes = await page.locator('[data-node]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-node'), e.getAttribute('data-value'), e.getAttribute('data-grad')]));
    assert(nodes.length === Object.keys(want).length, `graph has ${nodes.length} nodes, expected ${Object.keys(want).length}`);
    for (const [id, value, grad] of nodes) {
      const [v, g] = want[id];
      const close = (a, b, what) => {
        assert(a.length === b.length, `${id} ${what}: ${a.length} entries, core has ${b.length}`);
        a.forEach((t, i) => void assert(Math.abs(t - b[i]) <= 1e-9 * Math.max(1, Math.abs(b[i])), `${id} ${what}[${i}]: page ${t}, core ${b[i]}`));
      };
      close(JSON.parse(value), Array.from(v), 'value');
      if (g) close(JSON.parse(grad), g, 'gradient');
      else assert(grad !== null, `${id} has no gradient at the last step`);
    }
    await shot('learn-graph-backward');
  });

  await test('Learn depth: the deep logistic stack vanishes, the ReLU stack does not; scaled weights explode', async () => {
    await openLearn('?lesson=depth');
    const view = page.getByTestId('depth-view');
    await page.getByTestId('depth-chart').locator('canvas').first().waitFor();
    const logistic = JSON.parse(await view.getAttribute('data-logistic'));
    const relu = JSON.parse(await view.getAttribute('data-relu'));
    assert(logistic.at(-1) / logistic[0] > 1000 && relu.at(-1) / relu[0] < 100, `norms: logistic ${logistic}, relu ${relu}`);
    assert((await page.getByTestId('depth-sentence').textContent()).includes('times smaller'), 'no sentence');
    await shot('learn-depth');
    await page.getByTestId('depth-scale').selectOption('2.5');
    await page.waitForFunction(() => document.querySelector('[data-testid=depth-sentence]')?.textContent?.includes('exploding'));
    assert(new URL(page.url()).searchParams.get('dscale') === '2.5', 'the scale is not in the link');
    await shot('learn-depth-exploding');
    // A window narrowed with the chart open (a phone turned, a split screen): the chart follows the page and
    // never pushes it sideways, not even for the frame before it has redrawn.
    await page.setViewportSize({ width: 400, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 1, `depth chart at 400 px: ${overflow} px of sideways scroll`);
    await page.waitForFunction(() => {
      const canvas = document.querySelector('[data-testid=depth-chart] canvas');
      return canvas && canvas.getBoundingClientRect().right <= window.innerWidth;
    });
    await shot('learn-depth-400px');
    await page.setViewportSize({ width: 1360, height: 1000 });
  });

  await test('Learn deep links reopen the lesson, the step and the network', async () => {
    await openLearn('?data=xor&net=4:tanh,3:tanh&seed=9');
    await page.getByTestId('learn-page-4').click();
    await page.locator('[data-testid=lesson][data-lesson=params]').waitFor();
    await page.getByTestId('lesson-next').click();
    await page.getByTestId('lesson-next').click();
    await page.locator('[data-testid=lesson][data-net=yours][data-step="3"]').waitFor();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('step') === '3' && new URLSearchParams(location.search).has('lw'));
    const link = new URL(page.url());
    const before = await shown();
    // A link with other weights (as after training): the lessons must use the link's, not the seeded ones.
    const scaled = Network.fromJSON(before.model);
    for (let t = 0; t < scaled.flat.length; t++) scaled.flat[t] = Math.fround(scaled.flat[t] * 0.5 + 0.01);
    const bytes = Buffer.from(Float32Array.from(scaled.flat).buffer).toString('base64url');
    for (const [weights, model] of [[link.searchParams.get('lw'), before.model], [bytes, scaled.toJSON()]]) {
      link.searchParams.set('lw', weights);
      await page.goto('about:blank');
      await page.goto(`${link.toString().replace(/#.*$/, '')}#learn`);
      await page.locator('[data-testid=lesson][data-lesson=params][data-net=yours][data-step="3"]').waitFor();
      const after = await shown();
      const a = Network.fromJSON(after.model).flat;
      const b = Network.fromJSON(model).clone({ dtype: 'float64' }).flat;
      assert(a.length === b.length && a.every((v, i) => v === b[i]), 'the reopened lesson runs on another network');
      assert(JSON.stringify(after.x) === JSON.stringify(before.x), 'the reopened lesson uses another sample');
    }
    await shot('learn-deep-link');
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { mkdirSync } = await import('node:fs');
  const { artifacts, ensureBuild, openBrowser, requireChromium } = await import('./harness.mjs');
  requireChromium();
  await ensureBuild();
  mkdirSync(artifacts, { recursive: true });
  const { url, context, close } = await openBrowser();
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(45_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const results = [];
  const only = process.env.LEARN_ONLY;
  const test = async (name, fn) => {
    if (only && !name.includes(only)) return;
    try {
      await fn();
      results.push(true);
      console.log(`✓ ${name}`);
    } catch (e) {
      results.push(false);
      console.log(`✗ ${name}\n    ${String(e?.stack ?? e).split('\n').slice(0, 4).join('\n    ')}`);
      await page.screenshot({ path: join(artifacts, `failed-learn.png`), fullPage: true }).catch(() => {});
    }
  };
  const assert = (cond, message) => {
    if (!cond) throw new Error(message);
  };
  await learnTests({ test, page, url, assert, artifacts });
  await close();
  if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
  const passed = results.filter(Boolean).length;
  console.log(`learn e2e: ${passed} passed, ${results.length - passed} failed`);
  process.exit(passed === results.length && errors.length === 0 ? 0 : 1);
}
