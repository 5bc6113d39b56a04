// The fourth new-user pass: the Digits view while MNIST loads, the note under a number box, a CSV pasted
// while on MNIST, and the data a saved model records. Each test failed on the page before its fix. Called by run.mjs.
import { readFileSync } from 'node:fs';
import { Network } from '@backprop/core';
import { openMode } from './harness.mjs';

/** The visible elements whose own text (not a child's) holds `words`, by test id or by their start. */
const sayers = (page, words) =>
  page.evaluate(
    (w) =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.checkVisibility() && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.includes(w)))
        .map((el) => el.getAttribute('data-testid') ?? el.outerHTML.slice(0, 80)),
    words,
  );

/** A 2-column CSV of 60 points, label b above the line x1 + x2 = 0. */
const PLANE_CSV = ['x1,x2,label', ...Array.from({ length: 60 }, (_, i) => `${(i % 7) - 3.5},${(i % 5) - 2.5},${(i % 7) + (i % 5) > 5 ? 'b' : 'a'}`)].join('\n');

/** @param {{ test: Function, page: import('playwright-core').Page, open: Function, assert: Function, shot: Function, url: string }} t */
export async function newUser4Tests({ test, page, open, assert, shot, url }) {
  await test('pass 4, 1: while MNIST loads the Digits view shows its units to come and says "loading" nowhere but the header', async () => {
    await page.goto(`${url}?data=mnist&n=1500&ratio=0.8&net=24:relu&lr=0.1&batch=20&speed=10#digits`);
    await page.getByTestId('counters-loading').waitFor({ timeout: 10_000 });
    const seen = await sayers(page, 'Loading MNIST');
    const waiting = await page.getByTestId('unit-waiting').count();
    await shot('nu4-1-digits-loading');
    assert((await page.getByTestId('counters-loading').count()) === 1, 'MNIST had loaded before the view was read');
    assert(seen.length === 1 && seen[0] === 'counters-loading', `"Loading MNIST" is said ${seen.length} times: ${JSON.stringify(seen)}`);
    assert(waiting === 24, `the units panel shows ${waiting} places for layer 1's 24 units`);
    assert((await page.getByTestId('unit-grid-empty').textContent()).includes('24 units'), 'the units panel does not say what is coming');
    await page.getByTestId('unit-image').first().waitFor({ timeout: 120_000 });
    assert((await page.getByTestId('unit-image').count()) === 24 && (await page.getByTestId('unit-waiting').count()) === 0, 'the places were not replaced by the units');
  });

  await test('pass 4, 2: a refused number stays in its box with its note until the box holds a usable value, typed or set elsewhere', async () => {
    await open('?data=circle&speed=0&opt=momentum&mom=0.9');
    const typeInto = async (testId, text) => {
      const box = page.getByTestId(testId);
      await box.click();
      await box.press('Control+A');
      await page.keyboard.type(text, { delay: 30 });
      return box;
    };
    // Left with a refused value: the box keeps what was typed (not the value in use under a note about another).
    const seed = await typeInto('seed', '-3');
    await page.getByTestId('batch').click(); // focus moves away
    const note = page.getByTestId('seed-note');
    assert((await seed.inputValue()) === '-3' && (await seed.getAttribute('aria-invalid')) === 'true', `after leaving, the seed box shows "${await seed.inputValue()}"`);
    const said = (await note.count()) === 1 ? await note.textContent() : 'nothing';
    assert(said.includes('1 is still in use'), `the note says: ${said}`);
    await shot('nu4-2-seed-refused-left');
    // Another control sets the field: the box shows the new value, and the note is gone.
    await page.getByTestId('new-weights').click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('seed') !== null);
    const now = new URLSearchParams(new URL(page.url()).search).get('seed');
    assert((await seed.inputValue()) === now, `New weights set seed ${now}; the box shows ${await seed.inputValue()}`);
    if ((await note.count()) !== 0) assert(false, `the note stays after New weights: ${await note.textContent()}`);
    // Corrected by typing, after leaving: the note goes with the first usable value.
    const batch = await typeInto('batch', '2.5');
    await page.getByTestId('seed').click();
    assert((await page.getByTestId('batch-note').count()) === 1, 'no note for batch 2.5');
    await typeInto('batch', '25');
    assert((await page.getByTestId('batch-note').count()) === 0, 'the note stays after typing 25');
    await batch.press('Tab');
    await page.waitForFunction(() => location.search.includes('batch=25'));
    // Typing through a refused note: "0." on the way to 0.05 is neither refused nor rewritten.
    const momentum = await typeInto('momentum', '1.5');
    await page.getByTestId('batch').click();
    await momentum.click();
    await momentum.press('Control+A');
    for (const ch of '0.05') {
      await page.keyboard.type(ch);
      await page.waitForTimeout(450); // past the settle time
      assert((await page.getByTestId('momentum-note').count()) === 0, `a note shows after typing "${ch}"`);
    }
    assert((await momentum.inputValue()) === '0.05', `typed 0.05, the box shows ${await momentum.inputValue()}`);
    await page.waitForFunction(() => location.search.includes('mom=0.05'));
    // The step-through's sample box, set by its own "another sample" button.
    await openMode(page, 'step');
    const sample = await typeInto('sample-index', '9999');
    await page.getByRole('heading', { name: 'Backprop, step by step' }).click(); // focus moves away
    assert((await sample.inputValue()) === '9999' && (await page.getByTestId('sample-index-note').count()) === 1, 'the refused sample number is not kept with its note');
    await page.getByRole('button', { name: /another sample/i }).click();
    assert((await page.getByTestId('sample-index-note').count()) === 0, 'the sample note stays after another sample was picked');
    assert(Number(await sample.inputValue()) < 9999, `the sample box shows ${await sample.inputValue()}`);
  });

  await test('pass 4, 3: a 2-column CSV pasted on MNIST brings back the 2-D network, views and shape, keeping the training settings', async () => {
    await open('?data=spiral&net=8:tanh,8:tanh&n=300&ratio=0.6&lr=0.1&opt=adam&batch=20&reg=l2&rr=0.001&speed=0');
    await page.getByTestId('dataset').selectOption('mnist');
    await page.getByTestId('test-accuracy').waitFor({ timeout: 120_000 });
    await page.getByTestId('play').click(); // a trained MNIST network: the new one must not be it
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 1, null, { timeout: 60_000 });
    await page.getByTestId('play').click();
    await openMode(page, 'data');
    await page.getByTestId('csv-text').fill(PLANE_CSV);
    await page.getByTestId('csv-use').click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('data') === 'csv');
    await openMode(page, 'play');
    await page.getByTestId('heatmap').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.node').length === 2 + 8 + 8 + 2, null, { timeout: 20_000 }).catch(() => {});
    const q = new URL(page.url()).searchParams;
    const want = { net: '8:tanh,8:tanh', ratio: '0.6', lr: '0.1', opt: 'adam', batch: '20', reg: 'l2', rr: '0.001' };
    for (const [k, v] of Object.entries(want)) assert(q.get(k) === v, `after the paste, ${k} is ${q.get(k)}, not ${v} (${page.url()})`);
    assert((await page.locator('.node').count()) === 2 + 8 + 8 + 2, `the diagram has ${await page.locator('.node').count()} units, not 2 → 8 → 8 → 2`);
    assert(Number(await page.getByTestId('epoch').textContent()) === 0, 'the MNIST run goes on');
    const note = await page.getByTestId('dataset-switched').textContent().catch(() => '');
    assert(note.includes('Your CSV: new weights') && note.includes('32 relu → 8 tanh, 8 tanh') && note.includes('η = 0.1, adam, batch size 20, regularization l2'), `the note says: "${note}"`);
    assert((await page.getByTestId('plot-range').count()) === 0, 'a CSV inside the playground square is said to be fitted to it');
    await shot('nu4-3-csv-after-mnist');
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 3, null, { timeout: 30_000 });
    await page.getByTestId('play').click();
  });

  /** Exports model.json from the Model view and loads it in the core. */
  const saved = async () => {
    await openMode(page, 'model');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-model').click()]);
    return Network.fromJSON(readFileSync(await download.path(), 'utf8'));
  };

  await test('pass 4, 4: a model saved from the page records its data as backprop train does, and loads in the core with it', async () => {
    await open('?data=spiral&dseed=5&ratio=0.7&n=300&noise=0.2&feat=x,y,xy&speed=0');
    await page.getByTestId('step-epoch').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 1);
    const net = await saved();
    const said = await page.getByTestId('export-metadata').textContent();
    assert(said.includes('dataset spiral · seed 5 · validation 0.3 · samples 300 · noise 0.2 · features x,y,xy'), `the Model view says: ${said}`);
    assert(JSON.stringify(net.metadata) === JSON.stringify({ dataset: 'spiral', seed: 5, validation: 0.3, samples: 300, noise: 0.2, features: 'x,y,xy' }), `the model records ${JSON.stringify(net.metadata)}`);
    assert(net.inputs === 3, `the model takes ${net.inputs} inputs, not x, y, xy`);
    // A dropped CSV file: its name.
    const dt = await page.evaluateHandle((text) => {
      const d = new DataTransfer();
      d.items.add(new File([text], 'points.csv', { type: 'text/csv' }));
      return d;
    }, PLANE_CSV);
    await page.locator('main').dispatchEvent('drop', { dataTransfer: dt });
    await page.waitForFunction(() => new URLSearchParams(location.search).get('data') === 'csv');
    await page.waitForFunction(() => document.querySelector('[data-testid=csv-status]')?.getAttribute('data-ok') === 'true');
    const csvNet = await saved();
    assert(csvNet.metadata?.dataset === 'points.csv' && csvNet.metadata?.seed === 5 && csvNet.metadata?.validation === 0.3, `the CSV model records ${JSON.stringify(csvNet.metadata)}`);
  });

  await test('pass 4, 5: a CSV can be chosen as a file (from the keyboard too): 10,000 rows are used, and said not to fit the link', async () => {
    await open('?data=xor&speed=0');
    await openMode(page, 'data');
    const rows = Array.from({ length: 10_000 }, (_, i) => `${(Math.sin(i) * 4).toFixed(4)},${(Math.cos(i * 1.3) * 4).toFixed(4)},${i % 3}`);
    const box = page.getByTestId('csv-file');
    assert((await box.getAttribute('type')) === 'file' && (await page.getByLabel('Or choose a CSV file').count()) === 1, 'no labelled file box');
    await box.focus(); // reachable from the keyboard
    await box.setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(['a,b,label', ...rows].join('\n')) });
    await page.waitForFunction(() => document.querySelector('[data-testid=csv-status]')?.getAttribute('data-ok') === 'true', null, { timeout: 20_000 });
    const status = await page.getByTestId('csv-status').textContent();
    assert(status.startsWith('Using big.csv: 10000 rows, 2 features, 3 classes') && status.includes('NOT in the link'), `the status says: ${status}`);
    await openMode(page, 'play');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=heatmap-figure]')?.getAttribute('data-train-count')) === 5000, null, { timeout: 20_000 });
    await shot('nu4-5-csv-file-10000');
  });

  await test('pass 4, 6: a 2-D CSV far from [−6, 6]² (sizes and prices) is drawn fitted to the plot, its range said, and read in its units', async () => {
    await open('?data=xor&speed=0');
    await openMode(page, 'data');
    const rows = Array.from({ length: 60 }, (_, i) => `${50 + ((i * 37) % 200)},${100_000 + ((i * 7919) % 280_000)},${(i * 37) % 200 > 100 ? 'big' : 'small'}`);
    await page.getByTestId('csv-text').fill(['size,price,label', ...rows].join('\n'));
    await page.getByTestId('csv-use').click();
    await openMode(page, 'play');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=heatmap-figure]')?.getAttribute('data-train-count')) === 30);
    // The points are painted inside the plot (before: all of them far off its right edge, so none).
    const inked = await page.getByTestId('heatmap').evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 200) n++;
      return n;
    });
    assert(inked > 30 * 20, `only ${inked} pixels of the 30 training points are painted on the plot`);
    const range = await page.getByTestId('plot-range').textContent().catch(() => '');
    assert(/x₁ \(size\) from 4\d\.\d to 25\d\.\d, x₂ \(price\) from /.test(range), `the plot's range is said as: "${range}"`);
    // Pointing at the middle reads the network there, in the data's units.
    const box = await page.getByTestId('heatmap').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction(() => document.querySelector('[data-testid=plot-readout]')?.getAttribute('data-x'));
    const x = Number(await page.getByTestId('plot-readout').getAttribute('data-x'));
    const y = Number(await page.getByTestId('plot-readout').getAttribute('data-y'));
    assert(Math.abs(x - 149.5) < 5 && Math.abs(y - 239_500) < 10_000, `the middle of the plot reads as (${x}, ${y})`);
    await shot('nu4-6-csv-fitted');
  });

  await test('pass 4, 7: a CSV with a numeric target trains a regression, and the page offers no softmax / cross-entropy for it', async () => {
    await open('?data=xor&speed=0');
    await openMode(page, 'data');
    await page.getByTestId('csv-text').fill(['x1,x2,y', ...Array.from({ length: 40 }, (_, i) => `${(i % 8) - 4},${(i % 5) - 2},${(((i % 8) - 4) * 0.1).toFixed(2)}`)].join('\n'));
    await page.getByTestId('csv-use').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=csv-status]')?.textContent.includes('a regression target "y"'));
    await openMode(page, 'play');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=heatmap-figure]')?.getAttribute('data-train-count')) === 20);
    await page.waitForFunction(() => document.querySelectorAll('.node').length === 2 + 4 + 2 + 1);
    const shown = await page.getByTestId('output').count() ? await page.getByTestId('output').inputValue() : null;
    assert(shown === null, `the output menu offers ${shown} for a regression the network trains with a linear output`);
    assert((await page.locator('select[data-testid=loss]').count()) === 0, 'the loss menu is shown for a regression');
  });

  await test('pass 4, 8: "Undo point edits (…)" stays inside the Data panel, at 1360 and at 400 px', async () => {
    for (const width of [1360, 400]) {
      await page.setViewportSize({ width, height: 900 });
      await open('?data=circle&speed=0');
      await page.getByTestId('plot-keys').focus();
      await page.keyboard.press('Enter'); // adds a point at the cursor
      await page.getByTestId('plot-keys').focus();
      await page.keyboard.press('Shift+Enter');
      const undo = page.getByRole("button", { name: /Undo point edits/ });
      await undo.waitFor();
      const [b, panel] = [await undo.boundingBox(), await undo.evaluate((el) => el.closest('fieldset').getBoundingClientRect().toJSON())];
      assert(b.x + b.width <= panel.right + 0.5, `at ${width} px the button ends at ${b.x + b.width}, the panel at ${panel.right}`);
    }
    await shot('nu4-8-undo-400');
    await page.setViewportSize({ width: 1360, height: 1000 });
  });
}
