// The sixth new-user pass: the loss chart after a reset and with losses of 1e10, small data sets, locale
// numbers in a CSV, and what the step-through says about standardized inputs. Each test failed on the page
// before its fix. Called by run.mjs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifacts, openMode } from './harness.mjs';
import { housesCsv } from './houses.mjs';

/**
 * Columns of the loss chart's y axis area (left of the plot) that hold ink, left to right: the axis title,
 * then the tick labels. Returns the runs of inked columns as [first, last] pairs.
 * @param {import('playwright-core').Page} page
 */
async function yAxisInk(page) {
  return page.getByTestId('loss').evaluate((fig) => {
    const canvas = fig.querySelector('canvas');
    const over = fig.querySelector('.u-over');
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const left = Math.floor(over.offsetLeft * ratio);
    const bottom = Math.ceil((over.offsetTop + over.offsetHeight) * ratio);
    const d = canvas.getContext('2d').getImageData(0, 0, left, bottom).data;
    const inked = (x) => {
      for (let y = 0; y < bottom; y++) if (d[(y * left + x) * 4 + 3] > 40) return true;
      return false;
    };
    const runs = [];
    for (let x = 0; x < left; x++) {
      if (!inked(x)) continue;
      const last = runs[runs.length - 1];
      if (last && last[1] === x - 1) last[1] = x;
      else runs.push([x, x]);
    }
    return { runs: runs.map(([a, b]) => [a / ratio, b / ratio]), left: left / ratio };
  });
}

/** @param {{ test: Function, page: import('playwright-core').Page, open: Function, assert: Function, shot: Function }} t */
export async function newUser6Tests({ test, page, open, assert }) {
  const paste = async (text) => {
    await openMode(page, 'data');
    await page.getByTestId('csv-text').fill(text);
    await page.getByTestId('csv-use').click();
    await page.getByTestId('csv-status').waitFor();
    await openMode(page, 'play');
  };
  const epochs = async (n) => {
    for (let e = 1; e <= n; e++) {
      await page.getByTestId('step-epoch').click();
      await page.waitForFunction((e) => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= e, e);
    }
  };
  const scales = () => page.locator('[data-testid=loss] .chart-box').evaluate((el) => ({ xMin: Number(el.dataset.xMin), xMax: Number(el.dataset.xMax), yMax: Number(el.dataset.yMax) }));

  await test('pass 6, 1: with losses of 1e10 the y tick labels stay clear of the axis title, and read 2e10, not 2.0e+10', async () => {
    await open('?data=xor&speed=0');
    await paste(housesCsv(200, 'price'));
    await epochs(3);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=loss] .chart-box')?.dataset.yMax) > 1e9);
    await page.getByTestId('loss').scrollIntoViewIfNeeded();
    await page.getByTestId('loss').screenshot({ path: join(artifacts, 'nu6-1-loss-1e10.png') });
    const { runs, left } = await yAxisInk(page);
    // The title ("loss", turned on its side) is the first run of ink; the tick labels must start after a gap.
    assert(runs.length >= 2, `the axis title and the tick labels touch: one run of ink ${JSON.stringify(runs)} in the ${left} px axis`);
    assert(runs[0][1] - runs[0][0] <= 14, `the first run of ink is ${runs[0][1] - runs[0][0]} px wide: the title and the labels overlap ${JSON.stringify(runs)}`);
    // Clear columns between them: one blank column reads as touching ("l" of loss against the "1" of 1.0e+10).
    assert(runs[1][0] - runs[0][1] - 1 >= 3, `only ${runs[1][0] - runs[0][1] - 1} px clear between the title and the labels ${JSON.stringify(runs)}`);
    const ticks = await page.locator('[data-testid=loss] .chart-box').getAttribute('data-y-ticks');
    assert(ticks && !ticks.includes('e+') && !/\.0e/.test(ticks), `the y ticks read ${ticks}`);
    const readout = await page.getByTestId('loss-readout').textContent();
    assert(/now train \d\.\d{3}e\+\d+, test \d\.\d{3}e\+\d+/.test(readout), `the read-out prints the loss digit by digit: ${readout}`);
  });

  await test('pass 6, 2: after a reset the loss chart starts over: no x or y scale of the run before', async () => {
    await epochs(5);
    const before = await scales();
    assert(before.xMax >= 5 && before.yMax > 1e9, `the trained chart's scales: ${JSON.stringify(before)}`);
    await page.getByTestId('reset').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) === 0);
    await page.waitForFunction(() => document.querySelector('[data-testid=loss-readout]')?.textContent?.startsWith('No epochs yet'));
    const after = await scales();
    await page.getByTestId('loss').screenshot({ path: join(artifacts, 'nu6-2-loss-after-reset.png') });
    assert(!(after.xMax >= 5), `after the reset the epoch axis still runs to ${after.xMax}`);
    assert(!(after.yMax > 1e9), `after the reset the loss axis still runs to ${after.yMax}`);
    await epochs(1);
    const again = await scales();
    assert(again.xMax < 5 && again.yMax > 1e9, `the first epoch after the reset is drawn on ${JSON.stringify(again)}`);
  });

  await test('pass 6, 3: a 4-row CSV says beside its accuracy that 2 test rows are too few for it to mean much', async () => {
    await open('?data=xor&speed=0');
    await paste('x1,x2,label\n0,0,a\n1,1,a\n0,1,b\n1,0,b\n');
    await epochs(3);
    await page.getByTestId('test-accuracy').waitFor();
    const note = page.getByTestId('small-test-note');
    assert(await note.isVisible(), 'no note beside the accuracy of 2 test rows');
    assert((await note.textContent()).startsWith('Only 2 test rows: too few for the accuracy to say much about new data (each row is 50 %)'), await note.textContent());
    await page.screenshot({ path: join(artifacts, 'nu6-3-four-rows.png'), clip: { x: 0, y: 0, width: 1360, height: 260 } });
    // The toy sets have plenty: no note.
    await open('?data=xor&speed=0');
    await epochs(1);
    assert((await page.getByTestId('small-test-note').count()) === 0, 'a note on the XOR set, which has 100s of test rows');
  });

  await test('pass 6, 4: a semicolon CSV with 1.200,50 reads it as 1200.5 and says so; a file mixing 1.5 and 3,5 is refused naming the cell', async () => {
    await open('?data=xor&speed=0');
    // Prices as German Excel saves them: 1.037,30 (a point between thousands, a decimal comma).
    const rows = Array.from({ length: 30 }, (_, i) => `1.${String((i * 37) % 1000).padStart(3, '0')},${i % 10}0;${i % 3};${i % 2 ? 'teuer' : 'billig'}`);
    await paste(`Preis;Zimmer;Klasse\n${rows.join('\n')}\n`);
    const status = page.getByTestId('csv-status');
    assert((await status.getAttribute('data-ok')) === 'true', await status.textContent());
    assert((await status.textContent()).includes('points between digits are thousands separators (1.200,50 = 1200.5)'), await status.textContent());
    await openMode(page, 'data');
    await page.getByTestId('csv-text').fill('Preis;Fläche;Klasse\n1.200,50;3;teuer\n800,25;1.5;billig\n');
    await page.getByTestId('csv-use').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=csv-status]')?.getAttribute('data-ok') === 'false');
    const refused = await page.getByTestId('csv-status').textContent();
    assert(refused.includes('line 3, column 2 (Fläche)') && refused.includes('"1.5"') && refused.includes('decimal comma in some cells and a decimal point in others'), refused);
    await page.screenshot({ path: join(artifacts, 'nu6-4-mixed-numbers.png'), clip: { x: 0, y: 0, width: 1360, height: 400 } });
  });

  await test('pass 6, 5: on a standardized 2-column CSV the step-through shows x raw, the mean and sd, and h₀ standardized, and says so; Play names x₁, x₂ by their columns', async () => {
    await open('?data=xor&speed=0');
    const lines = Array.from({ length: 60 }, (_, i) => `${100 + ((i * 37) % 120)},${1950 + ((i * 13) % 70)},${(i * 37) % 120 > 60 ? 'big' : 'small'}`);
    await paste(`area,year,size\n${lines.join('\n')}\n`);
    await openMode(page, 'step');
    await page.getByTestId('step-start').click();
    await page.locator('li[data-step="fwd-a-1"].current').waitFor();
    const x = JSON.parse(await page.getByTestId('step-through').getAttribute('data-sample-x'));
    const cells = (label) => page.locator(`li.current figure[data-label="${label}"] td[data-value]`).evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
    const raw = await cells('x (raw)');
    const [mean, sd, h0] = [await cells('mean'), await cells('sd'), await cells('h₀ = (x − mean) / sd')];
    assert(JSON.stringify(raw) === JSON.stringify(x) && raw[0] >= 100 && raw[1] >= 1950, `x (raw) is ${raw}, the sample ${x}`);
    assert(h0.length === 2 && h0.every((v, j) => Math.abs(v - (raw[j] - mean[j]) / sd[j]) < 1e-4), `h₀ ${h0} is not (x − mean) / sd of ${raw}, ${mean}, ${sd}`);
    assert((await page.getByTestId('step-note').textContent()).startsWith('h₀ is not x as your data has it'), await page.getByTestId('step-note').textContent());
    await page.getByTestId('step-through').screenshot({ path: join(artifacts, 'nu6-5-step-standardized.png') });
    // Play names the two columns beside x₁ and x₂: in the scaler's table and under the plot.
    await openMode(page, 'play');
    await page.getByTestId('scaling-note').click();
    const table = await page.getByTestId('scaler-table').textContent();
    assert(table.includes('area (x₁)') && table.includes('year (x₂)'), `the scaler table names the columns ${table}`);
    const range = await page.getByTestId('plot-range').textContent();
    assert(range.startsWith('Fitted to the data: x₁ (area) from') && range.includes('x₂ (year) from'), range);
    // Its classes by their names: in the plot's help and in what pointing at the plot reads.
    const help = await page.locator('[data-testid=heatmap-figure] figcaption').first().textContent();
    assert(help.startsWith('Click: class big · Shift- or right-click: class small'), help);
    const plot = await page.getByTestId('heatmap').boundingBox();
    await page.mouse.move(plot.x + plot.width / 2, plot.y + plot.height / 2);
    await page.waitForFunction(() => document.querySelector('[data-testid=plot-readout]')?.textContent?.includes('P(big, small) = ('));
  });

  await test('pass 6, 6: chosen files as spreadsheets save them: a Windows-1252 CSV keeps "Fläche", a workbook is refused with what to do, a − is a minus', async () => {
    await open('?data=xor&speed=0');
    const dir = mkdtempSync(join(tmpdir(), 'backprop-files-'));
    const choose = async (name, bytes) => {
      writeFileSync(join(dir, name), bytes);
      await openMode(page, 'data');
      const before = await page.evaluate(() => document.querySelector('[data-testid=csv-status]')?.textContent ?? '');
      await page.getByTestId('csv-file').setInputFiles(join(dir, name));
      await page.waitForFunction((b) => (document.querySelector('[data-testid=csv-status]')?.textContent ?? '') !== b, before);
      return page.getByTestId('csv-status').textContent();
    };
    const rows = Array.from({ length: 40 }, (_, i) => `${60 + i};${i % 4};${(i % 7) - 3}${i % 2 ? ',5' : ''};${i % 3 ? 'teuer' : 'billig'}`);
    const latin = await choose('preise.csv', Buffer.from(`Fläche;Zimmer;Lage;Klasse\n${rows.join('\n')}\n`, 'latin1'));
    assert(latin.startsWith('Using preise.csv: 40 rows') && latin.includes('read as Windows-1252'), latin);
    await openMode(page, 'play');
    await page.getByTestId('scaling-note').click();
    const table = await page.getByTestId('scaler-table').textContent();
    assert(table.includes('Fläche') && !table.includes('\uFFFD'), `the column name is garbled: ${table}`);
    const book = await choose('houses.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0, 0, 0, 0x21, 0]));
    assert(book.startsWith('houses.xlsx was not used: it is a spreadsheet workbook, not a CSV file') && book.includes('save the sheet as CSV'), book);
    const minus = await choose('minus.csv', 'x1,x2,label\n−1.5,2,a\n3,4,b\n');
    assert(minus.includes('minus signs (−) are read as -'), minus);
    await page.screenshot({ path: join(artifacts, 'nu6-6-files.png'), clip: { x: 0, y: 0, width: 1360, height: 300 } });
  });

  await test('pass 6, 7: a 60-column CSV draws its first 16 inputs by name with their edges and "+44 more", not one box of "60 pixel inputs"', async () => {
    await open('?data=xor&speed=0');
    const header = [...Array.from({ length: 60 }, (_, i) => `c${i}`), 'label'].join(',');
    const rows = Array.from({ length: 40 }, (_, r) => [...Array.from({ length: 60 }, (_, i) => ((r * 7 + i) % 10) / 10), r % 2 ? 'y' : 'n'].join(','));
    await paste(`${header}\n${rows.join('\n')}\n`);
    await page.waitForFunction(() => document.querySelectorAll('.node').length > 10);
    const inputs = await page.locator('.node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')).filter((l) => l.startsWith('input') || l.includes('pixel')));
    assert(inputs.length === 16 && inputs[0] === 'input c0' && inputs[15] === 'input c15', `the inputs drawn: ${JSON.stringify(inputs)}`);
    assert((await page.locator('.diagram .more').first().textContent()) === '+44 more', 'no "+44 more" under the inputs');
    await page.getByTestId('network-diagram').screenshot({ path: join(artifacts, 'nu6-7-sixty-columns.png') });
  });

  await test('pass 6, 8: "0,5" typed in a number box stays as typed and is refused with "write a decimal point", never used as 5; "1,000" samples is 1000', async () => {
    await open('?data=circle&speed=0');
    const typeInto = async (id, text) => {
      const box = page.getByTestId(id);
      await box.click();
      await box.press('Control+A');
      await page.keyboard.type(text, { delay: 30 });
      await box.press('Tab');
      return box;
    };
    const batch = await typeInto('batch', '0,5');
    assert((await batch.inputValue()) === '0,5', `the box shows ${await batch.inputValue()}`);
    const note = await page.getByTestId('batch-note').textContent();
    assert(note.startsWith('Not used: Batch size takes a whole number from 1 to 1,000'), note);
    await page.waitForTimeout(600); // past the settle time of a typed number
    assert(new URL(page.url()).searchParams.get('batch') !== '5', `0,5 was used as batch size 5: ${page.url()}`);
    // In a box of fractions the note says how to write it.
    await page.getByTestId('optimizer').selectOption('momentum');
    await typeInto('momentum', '0,5');
    const momentum = await page.getByTestId('momentum-note').textContent();
    assert(momentum.includes('Write a decimal point, not a comma (0.5).'), momentum);
    await page.locator('.field', { has: page.getByTestId('momentum') }).screenshot({ path: join(artifacts, 'nu6-8-comma-field.png') });
    const letters = await typeInto('seed', 'abc');
    assert((await letters.inputValue()) === 'abc' && (await page.getByTestId('seed-note').isVisible()), 'letters typed in the seed box vanished without a note');
    await typeInto('samples', '1,000');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('n') === '1000');
    // The arrow keys still step the box, at once.
    await page.getByTestId('samples').press('ArrowUp');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('n') === '1010');
  });

  await test('pass 6, 9: before any training the gradient-norm chart (log scale) has its axis and title, not a blank box', async () => {
    await open('?data=circle&speed=0');
    await openMode(page, 'check');
    const box = page.locator('[data-testid=grad-norms] .chart-box');
    await page.waitForFunction(() => document.querySelector('[data-testid=grad-norms] .chart-box')?.dataset.yTicks !== undefined);
    const ticks = await box.getAttribute('data-y-ticks');
    assert(ticks.split(' ').filter(Boolean).length >= 2, `the empty log chart draws y ticks "${ticks}"`);
    await page.getByTestId('grad-norms').screenshot({ path: join(artifacts, 'nu6-9-empty-grad-norms.png') });
  });
}
