// The fifth new-user pass, outside the CSV flow (csv-user.mjs): a wide network at a 768 px window, and the
// output units of a 3-class network. Each test failed on the page before its fix. Called by run.mjs.

/** @param {{ test: Function, page: import('playwright-core').Page, open: Function, assert: Function, shot: Function }} t */
export async function newUser5Tests({ test, page, open, assert, shot }) {
  await test('pass 5, 1: at 768 px a wide network is drawn whole in its panel, not cut off', async () => {
    await page.setViewportSize({ width: 768, height: 1000 });
    try {
      await open('?data=spiral&net=8:tanh,8:tanh,8:tanh,8:tanh,8:tanh&speed=0');
      await page.waitForFunction(() => {
        const s = document.querySelector('[data-testid=diagram-scroll]');
        return s && s.clientWidth > 0 && document.querySelectorAll('.node').length === 2 + 5 * 8 + 2;
      });
      const m = await page.getByTestId('diagram-scroll').evaluate((el) => {
        const frame = el.getBoundingClientRect();
        const nodes = [...document.querySelectorAll('.node')].map((n) => n.getBoundingClientRect());
        return { scroll: el.scrollWidth, client: el.clientWidth, outside: nodes.filter((n) => n.right > frame.right + 0.5 || n.left < frame.left - 0.5).length };
      });
      await shot('nu5-1-wide-network-768');
      assert(m.scroll <= m.client + 1, `the diagram is ${m.scroll} px wide in a ${m.client} px frame`);
      assert(m.outside === 0, `${m.outside} units are outside the visible frame`);
      assert(!(await page.getByTestId('scroll-hint').isVisible()), 'the page says the diagram scrolls');
    } finally {
      await page.setViewportSize({ width: 1360, height: 1000 });
    }
  });

  await test('pass 5, 2: a 3-class output shows the probability of each class over the plane in its unit, in the class colours', async () => {
    await open('?data=spiral3&net=8:tanh,8:tanh&feat=x,y,x2,y2,xy,sinx,siny&opt=adam&lr=0.03&speed=0');
    for (let e = 1; e <= 5; e++) {
      await page.getByTestId('step-epoch').click();
      await page.waitForFunction((e) => Number(document.querySelector('[data-testid=epoch]')?.textContent) >= e, e);
    }
    // What the canvas holds inside each output unit's square: painted pixels, and their mean colour.
    const units = await page.evaluate(() => {
      const canvas = document.querySelector('[data-testid=edges]');
      const ctx = canvas.getContext('2d');
      const nodes = [...document.querySelectorAll('.node')];
      const right = Math.max(...nodes.map((n) => n.offsetLeft));
      return nodes.filter((n) => n.offsetLeft === right).map((n) => {
        const d = ctx.getImageData(n.offsetLeft + 3, n.offsetTop + 3, n.offsetWidth - 6, n.offsetHeight - 6).data;
        let painted = 0;
        const sum = [0, 0, 0];
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] === 0) continue;
          painted++;
          for (let c = 0; c < 3; c++) sum[c] += d[i + c];
        }
        return { share: painted / (d.length / 4), mean: sum.map((v) => Math.round(v / Math.max(1, painted))) };
      });
    });
    await page.getByTestId('network-diagram').scrollIntoViewIfNeeded();
    await shot('nu5-2-three-class-outputs');
    assert(units.length === 3, `${units.length} output units`);
    assert(units.every((u) => u.share > 0.9), `output units are blank: ${JSON.stringify(units)}`);
    // Each in its class's colour (orange, blue, green: the plot's): its strongest channel is that colour's.
    const strongest = units.map((u) => u.mean.indexOf(Math.max(...u.mean)));
    assert(JSON.stringify(strongest) === JSON.stringify([0, 2, 1]), `the units' colours are not orange, blue, green: ${JSON.stringify(units)}`);
    const nodes = page.locator('.node');
    await nodes.nth((await nodes.count()) - 1).hover();
    assert((await page.getByTestId('hover-info').textContent()).includes('P(arm 3) over the plane'), await page.getByTestId('hover-info').textContent());
    assert((await page.locator('.zoom canvas').count()) === 1, 'hovering the output unit does not enlarge its field');
    await shot('nu5-2-three-class-hover');
  });
}
