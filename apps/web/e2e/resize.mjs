// The second new-user pass, window sizes: every mode opened at 1360 px, narrowed to 400 px and widened
// again while training. Nothing may scroll the page sideways, every uPlot chart follows its box both ways,
// numbers stay whole and line numbers sit beside their formulas. Called by run.mjs.
import { openMode } from './harness.mjs';

/** Page overflow, and each chart's drawn width against its box's (the box is what the layout gives it). */
const layout = () => ({
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  charts: [...document.querySelectorAll('.uplot')].map((u) => ({ plot: Math.round(u.getBoundingClientRect().width), box: u.parentElement.clientWidth })),
});

/** Waits until no chart is wider than its box nor more than 25 px narrower (the depth chart stops at 640 px). */
async function chartsFollow(page, assert, where) {
  const ok = await page
    .waitForFunction(() => [...document.querySelectorAll('.uplot')].every((u) => {
      const plot = u.getBoundingClientRect().width;
      const box = u.parentElement.clientWidth;
      return plot <= box + 1 && plot >= Math.min(box, 640) - 25;
    }), null, { timeout: 5_000 })
    .then(() => true, () => false);
  const seen = await page.evaluate(layout);
  assert(ok, `${where}: a chart does not follow its box: ${JSON.stringify(seen.charts)}`);
  assert(seen.overflow <= 1, `${where}: the page scrolls ${seen.overflow} px sideways`);
}

/** @param {{ test: Function, page: import('playwright-core').Page, url: string, assert: Function, shot: Function }} t */
export async function resizeTests({ test, page, url, assert, shot }) {
  const MODES = [
    ['play', '?data=spiral&speed=10', async () => {}],
    ['step', '?data=spiral&net=8:tanh,8:tanh&feat=x,y,x2,y2,xy,sinx,siny&speed=10', async () => {
      await page.getByTestId('step-start').click();
      for (let i = 0; i < 11; i++) await page.getByTestId('step-next').click();
    }],
    ['learn', '?data=spiral&speed=10&lesson=depth', async () => page.getByTestId('depth-chart').locator('canvas').first().waitFor()],
    ['check', '?data=spiral&speed=10', async () => page.getByTestId('gradcheck-run').click().then(() => page.getByTestId('gradcheck-result').waitFor({ timeout: 30_000 }))],
    ['digits', '?data=mnist&n=1500&net=32:relu&lr=0.1&batch=20&speed=10', async () => page.waitForFunction(() => document.querySelector('[data-testid=test-accuracy]'), null, { timeout: 120_000 })],
    ['data', '?data=circle&speed=10', async () => {}],
    ['model', '?data=circle&speed=10', async () => {}],
  ];
  await test('new user 9: every mode narrowed to 400 px and widened again while training never scrolls sideways, and its charts follow', async () => {
    try {
      for (const [mode, query, prepare] of MODES) {
        await page.setViewportSize({ width: 1360, height: 1000 });
        await page.goto(`${url}${query}#${mode}`);
        await page.getByTestId(`view-${mode}`).waitFor();
        await prepare();
        if ((await page.getByTestId('play').getAttribute('aria-pressed')) !== 'true') await page.getByTestId('play').click();
        await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 2, null, { timeout: 60_000 });
        if (mode === 'check') await page.locator('figure[data-testid=grad-norms] canvas').waitFor();
        await chartsFollow(page, assert, `${mode} at 1360 px`);
        for (const width of [400, 900, 1360, 400]) {
          await page.setViewportSize({ width, height: 900 });
          await chartsFollow(page, assert, `${mode} at ${width} px`);
        }
        await shot(`nu-9-${mode}-400`);
        await page.getByTestId('play').click();
      }
    } finally {
      await page.setViewportSize({ width: 1360, height: 1000 });
    }
  });

  await test('new user 9: at 400 px the gradient-check numbers stay whole and step-through numbers sit on their formula', async () => {
    try {
      await page.setViewportSize({ width: 400, height: 900 });
      await page.goto(`${url}?data=spiral&net=8:tanh,8:tanh&speed=0#check`);
      await page.getByTestId('gradcheck-run').click();
      await page.getByTestId('gradcheck-result').waitFor({ timeout: 30_000 });
      const broken = await page.locator('.report td').evaluateAll((tds) =>
        tds.filter((td) => { const r = document.createRange(); r.selectNodeContents(td); return new Set([...r.getClientRects()].map((c) => Math.round(c.top))).size > 1; }).map((td) => td.textContent),
      );
      assert(broken.length === 0, `numbers broken across lines at 400 px: ${broken.join(', ')}`);
      assert((await page.evaluate(layout)).overflow <= 1, 'the gradient-check table pushes the page sideways');
      const table = await page.locator('.table-scroll').evaluate((el) => ({ content: el.scrollWidth, shown: el.clientWidth }));
      assert(table.content <= table.shown + 1, `at 400 px the gradient-check table is cut: ${table.content} px of ${table.shown} shown`);
      await openMode(page, 'step');
      await page.getByTestId('step-start').click();
      await page.waitForFunction(() => { const lis = document.querySelectorAll('ol.algorithm > li'); return lis.length > 0 && [...lis].every((li) => li.querySelector('.katex')); });
      // Heights are read once KaTeX's fonts are in: measured with fallback glyphs, no formula wrapped (a CI run).
      await page.evaluate(() => document.fonts.ready);
      const rows = await page.locator('ol.algorithm > li').evaluateAll((lis) =>
        lis.map((li) => {
          const no = li.querySelector('.line-no')?.getBoundingClientRect();
          const f = li.querySelector('.formula')?.getBoundingClientRect();
          return { step: li.dataset.step, no: no ? [no.top, no.bottom] : null, f: f ? [f.top, f.bottom] : null };
        }),
      );
      const tall = rows.filter((r) => r.f && r.f[1] - r.f[0] > 48); // formulas that wrap at 400 px
      assert(tall.length > 0, 'no formula wraps at 400 px: the test does not test what it should');
      for (const r of rows) {
        assert(r.no !== null, `line ${r.step} has no number beside it`);
        assert(Math.abs(r.no[0] - r.f[0]) < 12, `line ${r.step}: its number (top ${r.no[0]}) is not on the formula's first line (top ${r.f[0]})`);
      }
      await page.locator('li[data-step]').nth(rows.indexOf(tall[0])).scrollIntoViewIfNeeded();
      await shot('nu-9-step-400');
    } finally {
      await page.setViewportSize({ width: 1360, height: 1000 });
    }
  });
}
