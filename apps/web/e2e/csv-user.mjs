// The CSV ("Your data") flow as a new user meets it: a raw-valued file is standardized by default (and
// can be fed raw), odd files are refused or read as pandas would read them, and a 3-class output shows
// each class's probability. Each test failed on the page before its fix. Called by run.mjs.
import { readFileSync } from 'node:fs';
import { Network } from '@backprop/core';
import { openMode } from './harness.mjs';
import { housesCsv } from './houses.mjs';

/** @param {{ test: Function, page: import('playwright-core').Page, open: Function, assert: Function, shot: Function }} t */
export async function csvUserTests({ test, page, open, assert, shot }) {
  /** Pastes `text` in Your data and waits for the page's verdict; returns the status line. */
  const paste = async (text) => {
    await openMode(page, 'data');
    const before = await page.evaluate(() => document.querySelector('[data-testid=csv-status]')?.textContent ?? '');
    await page.getByTestId('csv-text').fill(text);
    await page.getByTestId('csv-use').click();
    await page.waitForFunction((b) => {
      const t = document.querySelector('[data-testid=csv-status]')?.textContent;
      return t && t !== b;
    }, before);
    return page.getByTestId('csv-status').textContent();
  };
  const exportJson = async () => {
    await openMode(page, 'model');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-model').click()]);
    return JSON.parse(readFileSync(await download.path(), 'utf8'));
  };
  const trainUntil = async (condition, timeout) => {
    await openMode(page, 'play');
    await page.getByTestId('play').click();
    await page.waitForFunction(condition, null, { timeout }).finally(() => page.getByTestId('play').click());
    await page.waitForFunction(() => document.querySelector('[data-testid=play]')?.getAttribute('aria-pressed') === 'false');
  };

  await test('csv 1: a raw-valued CSV is standardized by default, says so, learns, and the model carries its scaler', async () => {
    await open('?data=xor&speed=0');
    const houses = housesCsv(400, 'band');
    await paste(houses);
    await openMode(page, 'play');
    const scaling = page.getByTestId('scaling');
    await page.waitForFunction(() => document.querySelector('[data-testid=scaling]')?.getAttribute('data-on') === 'true');
    assert(await page.getByTestId('standardize').isChecked(), 'the Standardize box is not checked');
    assert((await page.getByTestId('scaling-note').textContent()).includes('(x − mean) / std, mean and std of the 200 training rows'), await scaling.textContent());
    await page.getByTestId('scaling-note').click();
    const table = await page.getByTestId('scaler-table').textContent();
    assert(table.includes('area_m2') && table.includes('year_built') && table.includes('km_to_centre'), `the columns are not listed: ${table}`);
    await trainUntil(() => Number(document.querySelector('[data-testid=test-accuracy]')?.getAttribute('data-value')) >= 0.8, 60_000);
    // The diagram names the columns beside the inputs and the classes beside the outputs, every label clear of its unit.
    const names = await page.getByTestId('output-name').allTextContents();
    assert(JSON.stringify(names) === JSON.stringify(['high', 'low', 'mid']), `the output units are named ${JSON.stringify(names)}`);
    const overlaps = await page.evaluate(() =>
      [...document.querySelectorAll('.node')].filter((n) => {
        const label = n.querySelector('.node-label');
        if (!label?.textContent) return false;
        const [a, b] = [n.getBoundingClientRect(), label.getBoundingClientRect()];
        return b.left < a.right && b.right > a.left;
      }).length,
    );
    assert(overlaps === 0, `${overlaps} column or class names are written over their units`);
    await shot('csv1-houses-standardized');
    const json = await exportJson();
    const scaler = json.preprocessing?.input;
    assert(scaler?.kind === 'standard' && scaler.offset.length === 4, `the exported model has no input scaler: ${JSON.stringify(json.preprocessing)}`);
    assert(scaler.offset[0] > 100 && scaler.offset[2] > 1900, `the scaler is not the raw columns' means: ${scaler.offset}`);
    // Raw rows into the downloaded model: the first row of the file, as `backprop predict` would give it.
    const net = Network.fromJSON(json);
    const rows = houses.split('\n').slice(1, 201).map((l) => l.split(','));
    const predicted = net.classifyLabels(rows.map((r) => r.slice(0, 4).map(Number)));
    const right = predicted.filter((p, i) => p === rows[i][4]).length / rows.length;
    assert(right >= 0.8, `the downloaded model classifies ${right} of raw rows right`);
  });

  await test('csv 2: Standardize columns can be turned off: the link says std=0, the columns go in raw, and the page says what that does', async () => {
    await openMode(page, 'play');
    await page.getByTestId('standardize').uncheck();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('std') === '0');
    await page.waitForFunction(() => document.querySelector('[data-testid=scaling]')?.getAttribute('data-on') === 'false');
    assert((await page.getByTestId('scaling-note').textContent()).includes('go in as they are'), await page.getByTestId('scaling-note').textContent());
    assert(Number(await page.getByTestId('epoch').textContent()) === 0, 'turning scaling off kept the network trained with it');
    // Raw house data saturates the tanh units at once: the page says why and which switch helps.
    await page.waitForFunction(() => document.querySelector('[data-testid=play-diagnosis]')?.textContent.includes('turn on Standardize columns'));
    await shot('csv2-houses-raw');
    const json = await exportJson();
    assert(json.preprocessing?.input === undefined, 'the model still scales its input');
    await openMode(page, 'play');
    await page.getByTestId('standardize').check();
    await page.waitForFunction(() => document.querySelector('[data-testid=scaling]')?.getAttribute('data-on') === 'true');
  });

  await test('csv 3: a label pandas reads as missing ("NaN") is refused with its line, as an empty label is, not made a class', async () => {
    const rows = ['x1,x2,label', ...Array.from({ length: 30 }, (_, i) => `${i % 5},${i % 3},${i % 2 ? 'up' : 'down'}`)];
    rows[7] = '1,2,NaN';
    const said = await paste(rows.join('\n'));
    await shot('csv3-nan-label');
    assert(said.startsWith('The pasted CSV was not used: line 8, column 3 (label): expected a label, got "NaN", a missing value (as pandas reads it)'), said);
    assert(said.includes('Fill in the label or delete the row') && said.includes('The data in use is unchanged'), said);
    rows[7] = '1,2,';
    const empty = await paste(rows.join('\n'));
    assert(empty.includes('line 8, column 3 (label): expected a label, got an empty cell'), empty);
  });

  await test('csv 4: a raw price target is standardized too: the network learns it, the loss is in euros², the saved model predicts prices', async () => {
    await open('?data=xor&speed=0');
    const text = housesCsv(400, 'price');
    await paste(text);
    await openMode(page, 'play');
    await page.waitForFunction(() => document.querySelector('[data-testid=scaling]')?.getAttribute('data-on') === 'true');
    assert((await page.getByTestId('scaling-note').textContent()).includes('The target too'), await page.getByTestId('scaling-note').textContent());
    await page.getByTestId('scaling-note').click();
    assert((await page.getByTestId('scaler-target').count()) === 1, 'the target has no row in the scaling table');
    // Rows as the file has them: the variance of the prices is the loss of always guessing their mean.
    const rows = text.split('\n').slice(1).map((l) => l.split(',').map(Number));
    const mean = rows.reduce((a, r) => a + r[4], 0) / rows.length;
    const variance = rows.reduce((a, r) => a + (r[4] - mean) ** 2, 0) / rows.length;
    await trainUntil(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 30, 60_000);
    const loss = Number(await page.getByTestId('test-loss').getAttribute('data-value'));
    await shot('csv4-prices-standardized');
    assert(loss > 0 && loss < 0.2 * variance, `test loss ${loss} is not well under the prices' variance ${variance}`);
    // Figures in euros² read as such (4.347e+8, not 434746030.0377), and the typical error is given in euros.
    const shown = await page.getByTestId('test-loss').textContent();
    assert(/^\d\.\d{3}e\+\d+$/.test(shown), `the test loss reads ${shown}`);
    const rmse = Number(await page.getByTestId('csv-rmse').textContent());
    assert(Math.abs(rmse - Math.sqrt(loss)) / Math.sqrt(loss) < 1e-3, `RMSE ${rmse} is not √${loss}`);
    const net = Network.fromJSON(await exportJson());
    const X = rows.map((r) => r.slice(0, 4));
    const predicted = net.predict(X);
    const mse = rows.reduce((a, r, i) => a + (predicted.get(i, 0) - r[4]) ** 2, 0) / rows.length;
    assert(mse < 0.2 * variance, `the saved model's error on raw rows, ${mse}, is not well under the variance ${variance}`);
    assert(net.preprocessing?.input?.kind === 'standard', 'the saved model does not scale its inputs');
    // Imported back and trained on: the same loss, and it goes on learning (on raw prices its first steps ruined it).
    await openMode(page, 'model');
    await page.getByTestId('import-model').setInputFiles({ name: 'prices.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(net.toJSON())) });
    await page.waitForFunction(() => document.querySelector('[data-testid=import-status]')?.textContent?.startsWith('Loaded'));
    await openMode(page, 'play');
    const reloaded = Number(await page.getByTestId('test-loss').getAttribute('data-value'));
    assert(Math.abs(reloaded / loss - 1) < 1e-3, `imported, the test loss is ${reloaded}, not ${loss}`);
    const epoch = Number(await page.getByTestId('epoch').textContent());
    await page.getByTestId('step-epoch').click();
    await page.waitForFunction((e) => Number(document.querySelector('[data-testid=epoch]')?.textContent) > e, epoch);
    const after = Number(await page.getByTestId('test-loss').getAttribute('data-value'));
    // One SGD epoch (batches of 10) moves the test loss by tens of percent either way (+31 % in a CI run,
    // where the epoch training stopped at depends on the machine's speed); on raw prices it multiplied it by 64.
    assert(after < 2 * loss, `one epoch after the import the test loss is ${after} (was ${loss})`);
  });

  await test('csv 5: odd files chosen as files: empty, the sep= line of Excel, German decimal commas, a comma at every line end', async () => {
    await open('?data=xor&speed=0');
    const choose = async (name, text) => {
      await openMode(page, 'data');
      const before = await page.evaluate(() => document.querySelector('[data-testid=csv-status]')?.textContent ?? '');
      await page.getByTestId('csv-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
      await page.waitForFunction((b) => (document.querySelector('[data-testid=csv-status]')?.textContent ?? '') !== b, before);
      return page.getByTestId('csv-status').textContent();
    };
    const empty = await choose('empty.csv', '');
    assert(empty === 'empty.csv was not used: it is empty: there are no lines to read. The data in use is unchanged.', empty);
    const german = await choose('wohnungen.csv', '\uFEFFFläche;Zimmer;Klasse\r\n120,5;3;teuer\r\n80,0;2;billig\r\n200,2;5;teuer\r\n95,7;3;billig\r\n');
    assert(german.startsWith('Using wohnungen.csv: 4 rows, 2 features, 2 classes (billig, teuer); decimal commas are read as decimal points.'), german);
    await shot('csv5-german-decimal-commas');
    const sep = await choose('excel.csv', 'sep=;\na;b;label\n1;2;x\n3;4;y\n');
    assert(sep.startsWith('Using excel.csv: 2 rows, 2 features, 2 classes (x, y); its first line "sep=;" names the delimiter.'), sep);
    const trailing = await choose('trailing.csv', 'a,b,label,\n1,2,x,\n3,4,y,\n5,6,x,\n');
    assert(trailing.startsWith('Using trailing.csv: 3 rows, 2 features, 2 classes (x, y); every line ends with a delimiter: the empty last column is left out.'), trailing);
    const words = await choose('words.csv', 'a,b,label\n1,2,x\n3,four,y\n');
    assert(words.includes('line 3, column 2 (b): expected a finite number, got "four"') && words.includes('The data in use is unchanged'), words);
    await shot('csv5-text-in-a-number-column');
  });
}
