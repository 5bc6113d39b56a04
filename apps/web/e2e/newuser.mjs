// The defects a new user reported on the playground (issue 19), each reproduced as they met it; each
// failed on the page before its fix. Called by run.mjs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, openMode } from './harness.mjs';

/** 40 rows of 3 features and a yes/no label, as the report pasted them. */
function threeFeatures() {
  const lines = ['a,b,c,label'];
  for (let i = 0; i < 40; i++) lines.push(i % 2 === 0 ? `${1 + (i % 5)},2,0,yes` : `3,${1 + (i % 3)},1,no`);
  return lines.join('\n');
}

/** @param {{ test: Function, page: import('playwright-core').Page, open: Function, assert: Function, shot: Function }} t */
export async function newUserTests({ test, page, open, assert, shot }) {
  await test('new user 1: a 3-feature CSV in Play names its inputs, draws no digit panel and hides the generator controls', async () => {
    await open('?data=circle&speed=0');
    await openMode(page, 'section-csv');
    await page.getByTestId('csv-text').fill(threeFeatures());
    await page.getByTestId('csv-use').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=csv-status]')?.getAttribute('data-ok') === 'true');
    await openMode(page, 'play');
    await page.getByTestId('csv-output').waitFor();
    assert((await page.getByTestId('mnist-panel').count()) === 0, 'the MNIST digits panel is shown for a CSV');
    const labels = await page.locator('.node-label').allTextContents();
    for (const name of ['a', 'b', 'c']) assert(labels.slice(0, 3).includes(name), `input ${name} is not labelled: labels ${JSON.stringify(labels)}`);
    for (const id of ['samples', 'noise', 'regenerate']) assert((await page.getByTestId(id).count()) === 0, `${id} is shown for CSV data`);
    assert((await page.getByTestId('csv-output').textContent()).includes('3 inputs'), 'the Output panel does not say why there is no plane');
    await shot('nu-1-csv-in-play');
  });

  await test('new user 2: while MNIST loads, the header and the Digits view show none of the Circle run', async () => {
    await open('?data=circle&speed=0');
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 20);
    await page.getByTestId('play').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=play]')?.getAttribute('aria-pressed') === 'false');
    await openMode(page, 'digits');
    await page.getByTestId('use-mnist').click();
    // What the page shows at the moment the loading note is up (read in the same frame).
    const seen = await (
      await page.waitForFunction(() => {
        const note = [...document.querySelectorAll('[role=status]')].find((p) => p.textContent.includes('Loading MNIST'));
        if (!note) return null;
        const text = (id) => document.querySelector(`[data-testid=${id}]`)?.textContent ?? null;
        return { epoch: text('epoch'), accuracy: text('test-accuracy'), digits: text('digits-accuracy'), tiles: document.querySelectorAll('[aria-label^="hidden unit"]').length };
      })
    ).jsonValue();
    await shot('nu-2-mnist-loading');
    assert(seen.epoch === '0', `the header shows epoch ${seen.epoch} while MNIST loads`);
    assert(seen.accuracy === null, `the header shows test accuracy ${seen.accuracy} while MNIST loads`);
    assert(seen.digits === '–', `the Digits view shows test accuracy ${seen.digits} while MNIST loads`);
    assert(seen.tiles === 0, `${seen.tiles} weight tiles of the old network are shown while MNIST loads`);
    await page.waitForFunction(() => document.querySelector('[data-testid=digits-accuracy]')?.textContent.endsWith('%'), null, { timeout: 120_000 });
    await shot('nu-2-mnist-loaded');
  });

  await test('new user 3: a re-imported model says its epoch count is not in the file, and the export note goes away', async () => {
    await open('?data=circle&speed=0');
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 30);
    await page.getByTestId('play').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=play]')?.getAttribute('aria-pressed') === 'false');
    await openMode(page, 'model');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-model').click()]);
    const file = join(artifacts, 'nu-3-model.json');
    await download.saveAs(file);
    await page.getByText('Saved model.json').waitFor();
    await page.getByTestId('import-model').setInputFiles(file);
    await page.waitForFunction(() => document.querySelector('[data-testid=import-status]')?.textContent?.startsWith('Loaded'));
    const said = await page.getByTestId('import-status').textContent();
    const epoch = await page.getByTestId('epoch').textContent();
    assert(epoch !== '0' || said.includes('epoch count'), `EPOCH shows 0 after the import and the note does not say why: ${said}`);
    assert((await page.getByText('Saved model.json').count()) === 0, 'the export note stays after the import');
    writeFileSync(join(artifacts, 'nu-3-bad.json'), '{"format": 1}');
    await page.getByTestId('import-model').setInputFiles(join(artifacts, 'nu-3-bad.json'));
    await page.waitForFunction(() => document.querySelector('[data-testid=import-status]')?.getAttribute('data-ok') === 'false');
    assert((await page.getByText('Saved model.json').count()) === 0, 'the export note stays after a refused import');
    await shot('nu-3-model-bad');
  });

  await test('new user 4: a semicolon or tab CSV is read as such; a header-only CSV is refused in plain words', async () => {
    await open('?data=circle&speed=0');
    const status = page.getByTestId('csv-status');
    const use = async (text) => {
      await openMode(page, 'section-csv');
      await page.getByTestId('csv-text').fill(text);
      await page.getByTestId('csv-use').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=csv-status]')?.getAttribute('data-ok') !== null);
    };
    const rows = (d) => ['a', 'b', 'label'].join(d) + '\n' + Array.from({ length: 20 }, (_, i) => [i % 5, (i * 7) % 3, i % 2 ? 'yes' : 'no'].join(d)).join('\n');
    for (const [name, d] of [['semicolon', ';'], ['tab', '\t']]) {
      await use(rows(d));
      await page.waitForFunction(() => document.querySelector('[data-testid=csv-status]')?.textContent.includes('Using the pasted CSV'), null, { timeout: 5_000 }).catch(() => {});
      const said = await status.textContent();
      assert(said.includes('Using the pasted CSV: 20 rows, 2 features'), `the ${name} CSV was not read: ${said}`);
    }
    await use('a,b,label\n');
    await page.waitForFunction(() => document.querySelector('[data-testid=csv-status]')?.getAttribute('data-ok') === 'false');
    const said = await status.textContent();
    await shot('nu-4-csv-header-only');
    assert(!said.includes('text:') && !said.includes('options.') && !said.includes('..'), `API jargon or a double period: ${said}`);
    assert(said.includes('no data rows'), `the header-only CSV is not refused in plain words: ${said}`);
  });
}
