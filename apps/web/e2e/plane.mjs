// End-to-end tests of the data plot and the diagram's read-outs: adding and removing points by mouse and
// by keyboard (checked against the data set regenerated in Node), and the values shown on hover (checked
// against the exported network evaluated in Node). Called by run.mjs with its helpers.
import { Matrix, Network } from '@backprop/core';
import { generate } from '@backprop/datasets';

const ORANGE = [245, 147, 34];
const BLUE = [8, 119, 189];

/** @param {{ test: Function, page: import('playwright-core').Page, open: Function, assert: Function, shot: Function, exportModel: Function }} t */
export async function planeTests({ test, page, open, assert, shot, exportModel }) {
  const figure = page.getByTestId('heatmap-figure');
  const count = async (which = 'train') => Number(await figure.getAttribute(`data-${which}-count`));
  const waitCount = (n) => page.waitForFunction((v) => Number(document.querySelector('[data-testid=heatmap-figure]')?.getAttribute('data-train-count')) === v, n);
  const query = () => new URL(page.url()).searchParams;
  const waitQuery = (fn, arg) => page.waitForFunction(fn, arg);
  /** Page coordinates of the plane point (x, y) on the plot ([−6, 6]², y up). */
  async function pixelOf(x, y) {
    await page.getByTestId('heatmap').scrollIntoViewIfNeeded();
    const box = await page.getByTestId('heatmap').boundingBox();
    return { px: box.x + ((x + 6) / 12) * box.width, py: box.y + ((6 - y) / 12) * box.height };
  }
  /** Clicks the plane point (x, y); `modifier` is held during the click (mouse.click has no modifiers option). */
  async function clickAt(x, y, { modifier, ...options } = {}) {
    const { px, py } = await pixelOf(x, y);
    if (modifier) await page.keyboard.down(modifier);
    await page.mouse.click(px, py, options);
    if (modifier) await page.keyboard.up(modifier);
  }
  /** The colour the points canvas has at the plane point (x, y). */
  const colourAt = (x, y) =>
    page.getByTestId('heatmap').evaluate((c, [x, y]) => Array.from(c.getContext('2d').getImageData(Math.round(((x + 6) / 12) * c.width), Math.round(((6 - y) / 12) * c.height), 1, 1).data).slice(0, 3), [x, y]);
  const near = (a, b) => a.every((v, i) => Math.abs(v - b[i]) <= 3);

  /** The added points in the link, as [x, y, label] triples. */
  const added = () => (query().get('pts') ?? '').split(';').filter(Boolean).map((p) => p.split(':').map(Number));
  /** True when the link holds exactly these points (a click lands within one CSS pixel, 0.04 units, of its target). */
  const sameAs = (want) => {
    const got = added();
    return got.length === want.length && got.every((p, i) => Math.abs(p[0] - want[i][0]) <= 0.05 && Math.abs(p[1] - want[i][1]) <= 0.05 && p[2] === want[i][2]);
  };
  const waitPoints = async (want) => {
    await page.waitForFunction((n) => (new URLSearchParams(location.search).get('pts') ?? '').split(';').filter(Boolean).length === n, want.length);
    assert(sameAs(want), `added points ${JSON.stringify(added())}, expected about ${JSON.stringify(want)}`);
  };

  await test('clicking the plot adds points of the chosen class; the worker trains on them', async () => {
    await open('?data=xor&seed=3');
    await waitCount(250);
    await clickAt(3, 3);
    await clickAt(-3, -3, { modifier: 'Shift' });
    await clickAt(1.5, 1.5, { button: 'right' });
    await waitPoints([[3, 3, 0], [-3, -3, 1], [1.5, 1.5, 1]]);
    await waitCount(253);
    assert((await count('test')) === 250, 'the test set changed');
    const [, , [x3, y3]] = added();
    const status = await page.getByTestId('point-status').textContent();
    assert(status === `Added a class 1 point at (${x3.toFixed(2)}, ${y3.toFixed(2)}).`, `announcement: ${status}`);
    const [[x1, y1], [x2, y2]] = added();
    assert(near(await colourAt(x1, y1), ORANGE), `the class 0 point is drawn ${await colourAt(x1, y1)}`);
    assert(near(await colourAt(x2, y2), BLUE) && near(await colourAt(x3, y3), BLUE), 'the class 1 points are not drawn blue');
    await page.getByTestId('step-epoch').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=epoch]')?.textContent === '1');
    const seen = await page.getByTestId('samples-seen').textContent();
    assert(seen === '253', `one epoch saw ${seen} samples, not the 253 training points`);
    await shot('11-points-added');
  });

  await test('alt-click removes an added point and a generated one (regenerated in Node); the test set stays', async () => {
    const [first, ...rest] = added();
    await clickAt(first[0], first[1], { modifier: 'Alt' });
    await waitPoints(rest);
    await waitCount(252);
    // The same data set as the page's, in Node: the first 250 rows train. Pick one with no neighbour in reach.
    const ds = generate('xor', { samples: 500, noise: 0, seed: 3 });
    const p = (r) => [ds.X.data[2 * r], ds.X.data[2 * r + 1]];
    const lonely = [...Array(250).keys()].find((r) => [...Array(250).keys()].every((q) => q === r || Math.hypot(p(q)[0] - p(r)[0], p(q)[1] - p(r)[1]) > 0.6));
    assert(lonely !== undefined, 'no isolated training point');
    const [x, y] = p(lonely);
    const label = ds.y[lonely];
    assert(near(await colourAt(x, y), label ? BLUE : ORANGE), `row ${lonely} is not drawn at (${x}, ${y}) in its class colour`);
    await clickAt(x, y, { modifier: 'Alt' });
    await waitQuery((r) => new URLSearchParams(location.search).get('rm') === String(r), lonely);
    await waitCount(251);
    assert((await count('test')) === 250, 'removing a training point changed the test set');
    assert(!near(await colourAt(x, y), label ? BLUE : ORANGE), 'the removed point is still drawn');
  });

  await test('the plot is keyboard-operable: arrows move a cursor, Shift+Enter adds class 1, Delete removes', async () => {
    await open('?data=xor&seed=3');
    await waitCount(250);
    await page.getByTestId('plot-keys').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Shift+Enter');
    await waitQuery(() => new URLSearchParams(location.search).get('pts') === '1:2:1');
    await waitCount(251);
    assert((await page.getByTestId('point-status').textContent()) === 'Added a class 1 point at (1.00, 2.00).', 'not announced');
    await page.waitForFunction(() => document.querySelector('[data-testid=plot-readout]')?.getAttribute('data-x') === '1');
    assert((await page.getByTestId('plot-readout').getAttribute('data-y')) === '2', 'the read-out does not follow the keyboard cursor');
    await page.keyboard.press('Enter');
    await waitQuery(() => new URLSearchParams(location.search).get('pts') === '1:2:1;1:2:0');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Delete');
    await waitQuery(() => !new URLSearchParams(location.search).has('pts'));
    await waitCount(250);
    const label = await page.getByTestId('plot-keys').getAttribute('aria-describedby');
    assert((await page.locator(`[id="${label}"]`).textContent()).includes('Delete removes'), 'the plot does not describe its keys');
    assert(query().get('rm') === null, 'Delete removed a generated point instead of the added ones');
  });

  await test("hovering the plot, a unit and a weight shows the exported network's own numbers", async () => {
    await open('?data=circle&seed=2&feat=x,y,xy&net=3:tanh');
    for (let i = 0; i < 2; i++) await page.getByTestId('step-epoch').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=epoch]')?.textContent === '2');
    const net = Network.fromJSON(await exportModel());
    const { px, py } = await pixelOf(-2.4, 1.2);
    await page.mouse.move(px, py);
    const readout = page.getByTestId('plot-readout');
    await page.waitForFunction(() => document.querySelector('[data-testid=plot-readout]')?.hasAttribute('data-yhat'));
    const x = Number(await readout.getAttribute('data-x'));
    const y = Number(await readout.getAttribute('data-y'));
    const shown = JSON.parse(await readout.getAttribute('data-yhat'));
    assert(Math.abs(x + 2.4) < 0.05 && Math.abs(y - 1.2) < 0.05, `read-out at (${x}, ${y}), mouse at (−2.4, 1.2)`);
    const [fx, fy] = [Math.fround(x), Math.fround(y)];
    const expected = Array.from(net.predict(Matrix.from([[fx, fy, fx * fy]])).data);
    assert(shown.length === 2 && shown.every((v, i) => Math.abs(v - expected[i]) <= 1e-6), `shown ŷ ${shown}, Node ${expected}`);
    const text = await readout.textContent();
    assert(text.includes(`(${expected[0].toFixed(4)}, ${expected[1].toFixed(4)})`), `read-out text: ${text}`);

    const param = (name) => net.parameters().find((q) => q.name === name);
    const info = page.getByTestId('hover-info');
    await page.locator('.node[aria-label^="unit 2 of hidden layer 1"]').hover();
    const b = param('b1').values[1].toFixed(4);
    await page.waitForFunction((s) => document.querySelector('[data-testid=hover-info]')?.textContent.includes(s), `b₁[2] = ${b}`);
    assert((await page.locator('.zoom canvas').count()) === 1, 'no enlarged view of the unit');

    // 30 % of the way along the edge from input x₂ to hidden unit 3: W₁[3][2], row 3, column 2 of W₁.
    await page.getByTestId('network-diagram').scrollIntoViewIfNeeded();
    const from = await page.locator('.node[aria-label="input x₂"]').boundingBox();
    const to = await page.locator('.node[aria-label^="unit 3 of hidden layer 1"]').boundingBox();
    const [x1, y1, x2, y2] = [from.x + from.width, from.y + from.height / 2, to.x, to.y + to.height / 2];
    await page.mouse.move(x1 + 0.3 * (x2 - x1), y1 + 0.3 * (y2 - y1));
    const W1 = param('W1');
    const w = W1.values[2 * W1.shape[1] + 1].toFixed(4);
    await page.waitForFunction((s) => document.querySelector('[data-testid=hover-info]')?.textContent.startsWith(s), `weight W₁[3][2] = ${w}`);
    assert((await info.textContent()).includes('from unit 2 of layer 0 to unit 3 of layer 1'), await info.textContent());
    await shot('12-hover-values');
  });

  await test("the playground trains through the core's Dataset path: two epochs in Chromium are net.fit on the training rows in Node", async () => {
    await open('?data=xor&seed=3');
    for (let i = 0; i < 2; i++) await page.getByTestId('step-epoch').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=epoch]')?.textContent === '2');
    const shown = Network.fromJSON(await exportModel());
    // The page's data in Node: 500 xor points of data seed 3, the first half trains; features x, y.
    const ds = generate('xor', { samples: 500, noise: 0, seed: 3 });
    const X = new Matrix(250, 2, Float32Array.from(ds.X.data.subarray(0, 500)));
    const train = { ...ds, X, y: ds.y.subarray(0, 250), featureNames: ['x', 'y'] };
    const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'tanh' }], output: { units: 2, fn: 'softmax', loss: 'cross-entropy' }, seed: 3 });
    net.fit(train, { epochs: 2, batchSize: 10, learningRate: 0.03, optimizer: 'sgd', seed: 3 });
    assert(JSON.stringify(shown.preprocessing?.labels) === JSON.stringify(ds.classNames), `the exported model's classes: ${shown.preprocessing?.labels}`);
    const differ = Array.from(shown.flat).findIndex((v, i) => !Object.is(v, net.flat[i]));
    assert(shown.flat.length === net.flat.length && differ === -1, `θ[${differ}]: page ${shown.flat[differ]}, Node fit ${net.flat[differ]}`);
  });
}

