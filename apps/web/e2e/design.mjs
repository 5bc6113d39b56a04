// The designed interface: modes as navigation, the speed control, themes, chart read-outs, the hidden-unit
// images of Digits, the Play view on one 1360 × 900 screen; and screenshots of every mode in both themes and
// in a 400-px window (test-artifacts/mode-*.png), looked at before anything is called done.
import { join } from 'node:path';
import { artifacts, drawStroke, openMode } from './harness.mjs';

const MODES = ['play', 'step', 'learn', 'check', 'digits', 'data', 'model'];

/** @param {{ test: Function, page: import('playwright-core').Page, open: Function, assert: Function, url: string }} t */
export async function designTests({ test, page, open, assert, url }) {
  const go = (query) => page.goto(url + query);
  const still = (name) => page.screenshot({ path: join(artifacts, `${name}.png`) });

  await test('modes: each tab opens its view, sets the hash, and back returns to the previous mode', async () => {
    await open('?data=xor');
    for (const mode of MODES) {
      await openMode(page, mode);
      assert((await page.getByTestId(`mode-${mode}`).getAttribute('aria-current')) === 'page', `${mode} tab not marked current`);
      assert(mode === 'play' ? !page.url().includes('#') : page.url().endsWith(`#${mode}`), `${mode}: URL ${page.url()}`);
    }
    await page.goBack();
    await page.getByTestId('view-data').waitFor();
    await page.goto(page.url().replace(/#.*$/, '#check'));
    await page.getByTestId('view-check').waitFor();
    // Keyboard: Tab reaches the tabs and Enter follows one.
    await page.getByTestId('mode-learn').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('view-learn').waitFor();
  });

  await test('the Play view fits a 1360 × 900 window without scrolling', async () => {
    await page.setViewportSize({ width: 1360, height: 900 });
    await open('?data=spiral&net=8:tanh,8:tanh&feat=x,y,x2,y2,xy,sinx,siny');
    const size = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
    assert(size.h <= 900 && size.w <= 1360, `the page is ${size.w} × ${size.h}`);
    await page.screenshot({ path: join(artifacts, 'play-1360x900.png') });
    await page.setViewportSize({ width: 1360, height: 1000 });
  });

  await test('the speed control: 1 epoch a second is slow, Max is fast, and it is in the link', async () => {
    await open('?data=circle&speed=1');
    assert(await page.getByTestId('speed-1').isChecked(), 'speed 1 not selected from the link');
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 1);
    const e0 = Number(await page.getByTestId('epoch').textContent());
    await page.waitForTimeout(2500);
    const slow = Number(await page.getByTestId('epoch').textContent()) - e0;
    assert(slow >= 1 && slow <= 4, `${slow} epochs in 2.5 s at 1 epoch a second`);
    await page.getByTestId('speed-max').check();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('speed') === '0');
    const e1 = Number(await page.getByTestId('epoch').textContent());
    await page.waitForTimeout(2500);
    const fast = Number(await page.getByTestId('epoch').textContent()) - e1;
    await page.getByTestId('play').click();
    assert(fast > 10 * slow, `Max ran ${fast} epochs in 2.5 s, 1/s ran ${slow}`);
    // Arrow keys move between speeds (a radio group).
    await page.getByTestId('speed-max').focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('speed') === null);
  });

  await test('theme: the toggle switches light ↔ dark, the page and the plot follow, and a reload keeps it', async () => {
    await open('?data=circle');
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    await page.getByTestId('theme-toggle').click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    const dark = await bg();
    assert(light !== dark, `background stayed ${light}`);
    const mid = await page.evaluate(() => {
      const c = document.querySelector('.heatmap-bg');
      return Array.from(c.getContext('2d').getImageData(0, 0, 1, 1).data).slice(0, 3);
    });
    assert(mid.every((v) => v < 120), `the heatmap did not turn dark: ${mid}`);
    await page.reload();
    await page.getByTestId('network-diagram').waitFor();
    assert((await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark', 'the choice was not kept');
    assert((await page.getByTestId('theme-toggle').getAttribute('aria-pressed')) === 'true', 'toggle not pressed');
    await page.getByTestId('theme-toggle').click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  });

  await test('charts: axes and a legend, hovering reads the loss at an epoch, arrow keys too', async () => {
    await open('?data=xor&speed=0');
    for (let i = 0; i < 5; i++) await page.getByTestId('step-epoch').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 5);
    const chart = page.getByTestId('loss');
    assert((await chart.locator('.u-axis').count()) >= 2, 'no axes');
    assert((await chart.locator('.u-legend').textContent()).includes('test'), 'no legend naming test');
    const over = chart.locator('.u-over');
    const box = await over.boundingBox();
    await page.mouse.move(box.x + 2, box.y + box.height / 2);
    await page.waitForFunction(() => /^epoch 1: train \d/.test(document.querySelector('[data-testid=loss-readout]')?.textContent ?? ''));
    await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
    await page.waitForFunction(() => /^epoch 5: train \d/.test(document.querySelector('[data-testid=loss-readout]')?.textContent ?? ''));
    const shown = (await page.getByTestId('loss-readout').textContent()).match(/test ([\d.]+)/)[1];
    assert(Math.abs(Number(shown) - Number(await page.getByTestId('test-loss').getAttribute('data-value'))) < 1e-3, `read-out test ${shown}`);
    await page.mouse.move(0, 0);
    await chart.locator('[role=slider]').focus();
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.querySelector('[data-testid=loss-readout]')?.textContent?.startsWith('epoch 1:'));
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid=loss-readout]')?.textContent?.startsWith('epoch 2:'));
    await openMode(page, 'check');
    assert((await page.getByTestId('grad-norms').locator('.u-axis').count()) >= 2, 'the gradient-norm chart has no axes');
  });

  await test('Digits: each hidden unit\'s weights as a 28 × 28 image that changes while training; a drawn digit lights units', async () => {
    await go('?data=mnist&n=1500&ratio=0.8&net=32:relu&lr=0.1&batch=20&speed=0#digits');
    await page.getByTestId('view-digits').waitFor();
    const images = page.getByTestId('unit-image');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=unit-image]').length === 32, null, { timeout: 90_000 });
    const pixels = () => images.nth(0).locator('canvas').evaluate((c) => Array.from(c.getContext('2d').getImageData(0, 0, 28, 28).data));
    assert((await images.nth(0).locator('canvas').evaluate((c) => [c.width, c.height].join())) === '28,28', 'not 28 × 28');
    const before = await pixels();
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= 2, null, { timeout: 60_000 });
    await page.getByTestId('play').click();
    const after = await pixels();
    assert(before.some((v, i) => v !== after[i]), 'the unit image did not change while training');
    await still('digits-trained');
    await drawStroke(page);
    await page.getByTestId('digit-flow').waitFor();
    const acts = await page.getByTestId('unit-activation').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    assert(acts.length === 32 && acts.every((v) => v >= 0) && acts.some((v) => v > 0), `relu activations: ${acts}`);
    await still('digits-drawn');
  });

  await test('screenshots: every mode, light and dark, and a 400-px window', async () => {
    for (const theme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: theme });
      await page.evaluate(() => localStorage.removeItem('backprop-theme'));
      for (const mode of MODES) {
        await page.setViewportSize({ width: 1360, height: 900 });
        await go(`?data=spiral&feat=x,y,x2,y2&net=6:tanh,4:tanh&speed=0${mode === 'play' ? '' : `#${mode}`}`);
        await page.getByTestId(`view-${mode}`).waitFor();
        if (mode === 'step') {
          await page.getByTestId('step-start').click();
          await page.locator('li[data-step="bwd-W-2"] > button').click();
        }
        if (mode === 'play' || mode === 'check') for (let i = 0; i < 10; i++) await page.getByTestId('step-epoch').click();
        if (mode === 'check') await page.getByTestId('gradcheck-run').click();
        assert((await page.evaluate(() => document.documentElement.dataset.theme)) === theme, `theme ${theme} not followed from the system`);
        await still(`mode-${mode}-${theme}`);
        if (theme === 'light') {
          await page.setViewportSize({ width: 400, height: 900 });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert(overflow <= 1, `${mode} at 400 px: ${overflow} px of sideways scroll`);
          await page.screenshot({ path: join(artifacts, `mode-${mode}-400px.png`), fullPage: true });
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1360, height: 1000 });
  });
}
