// The second new-user pass over the playground: number fields that dropped a value in silence, the digit
// pad's bare labels, the loss legend's dashes, MNIST loading from a link. Each test failed on the page
// before its fix. Called by run.mjs.
import { openMode } from './harness.mjs';

/**
 * Types `typed` into a number box, checks the note under it while the text is there, leaves the box and
 * checks the note that replaces it. Returns both notes.
 * @param {import('playwright-core').Page} page
 */
async function refuse(page, assert, testId, typed, inUse, allowed) {
  const box = page.getByTestId(testId);
  const before = page.url();
  await box.click();
  await box.press('Control+A');
  await page.keyboard.type(typed, { delay: 30 });
  const note = page.getByTestId(`${testId}-note`);
  await note.waitFor({ timeout: 3_000 }).catch(() => {});
  assert((await note.count()) === 1 && (await note.isVisible()), `${testId}: typing ${typed} shows no note at the field`);
  const whileTyping = await note.textContent();
  assert(whileTyping.includes(allowed), `${testId}: the note does not say what is allowed (${allowed}): ${whileTyping}`);
  assert(whileTyping.includes(`${inUse} is still in use`), `${testId}: the note does not say the value in use: ${whileTyping}`);
  assert((await box.getAttribute('aria-describedby')) === (await note.getAttribute('id')), `${testId}: the box is not described by its note`);
  const [b, n] = [await box.boundingBox(), await note.boundingBox()];
  assert(n.y >= b.y + b.height - 1 && n.y - (b.y + b.height) < 16, `${testId}: the note is not right under the box (box bottom ${b.y + b.height}, note top ${n.y})`);
  await box.press('Tab');
  // Left with it: the box still shows what was typed, so the note still speaks of what is in the box (newuser4.mjs).
  assert((await box.inputValue()) === typed, `${testId}: after leaving, the box shows ${await box.inputValue()}, not the refused ${typed}`);
  const after = await note.textContent().catch(() => '');
  assert(after.startsWith('Not used') && after.includes(allowed) && after.includes(`${inUse} is still in use`), `${testId}: after leaving, the note does not say ${typed} is not used: "${after}"`);
  assert(page.url() === before, `${testId}: ${typed} changed the link: ${page.url()}`);
  // A usable value typed again withdraws the note.
  await box.click();
  await box.press('Control+A');
  await page.keyboard.type(String(inUse));
  assert((await note.count()) === 0, `${testId}: the note stays after typing a valid value again`);
  await box.press('Tab');
  return { whileTyping, after };
}

/** @param {{ test: Function, page: import('playwright-core').Page, open: Function, assert: Function, shot: Function }} t */
export async function fieldTests({ test, page, open, assert, shot }) {
  await test('new user 5: a number a field cannot use is refused in words at the field, never reverted in silence', async () => {
    await open('?data=circle&speed=0');
    await refuse(page, assert, 'batch', '0', 10, 'a whole number from 1 to 1,000');
    await refuse(page, assert, 'batch', '2.5', 10, 'a whole number from 1 to 1,000');
    await refuse(page, assert, 'samples', '5', 500, 'a whole number from 10 to 5,000');
    await refuse(page, assert, 'seed', '-3', 1, 'a whole number from 0 to 4,294,967,295');
    await page.getByTestId('optimizer').selectOption('momentum');
    await page.waitForFunction(() => location.search.includes('opt=momentum'));
    const momentum = await page.getByTestId('momentum').inputValue();
    const { whileTyping } = await refuse(page, assert, 'momentum', '1.5', Number(momentum), 'a number from 0 to 0.999');
    assert(whileTyping.includes('never fade'), `the momentum note does not say why: ${whileTyping}`);
    await openMode(page, 'step');
    await refuse(page, assert, 'sample-index', '9999', 0, 'a whole number from 0 to');
    await openMode(page, 'play');
    // The shape controls that are not typed refuse nothing: a unit count stops at its bounds with the button disabled.
    const minus = page.getByRole('button', { name: 'Remove a unit from layer 2' });
    while (await minus.isEnabled()) await minus.click();
    assert((await page.getByTestId('units-2').textContent()).trim().startsWith('1'), 'layer 2 went below 1 unit');
    // At 400 px the seed's note wraps under its box; New weights stays beside the box, not beside the note.
    await page.setViewportSize({ width: 400, height: 900 });
    try {
      const seed = page.getByTestId('seed');
      await seed.click();
      await seed.press('Control+A');
      await page.keyboard.type('-5');
      await page.getByTestId('seed-note').waitFor();
      const [box, button] = [await seed.boundingBox(), await page.getByTestId('new-weights').boundingBox()];
      const middle = button.y + button.height / 2;
      assert(middle >= box.y && middle <= box.y + box.height, `New weights (middle at ${middle}) is not beside the seed box (${box.y}–${box.y + box.height})`);
      await seed.press('Control+A');
      await page.keyboard.type('1');
      await seed.press('Tab');
    } finally {
      await page.setViewportSize({ width: 1360, height: 1000 });
    }
    await page.getByTestId('batch').click();
    await page.getByTestId('batch').press('Control+A');
    await page.keyboard.type('0');
    await shot('nu-5-batch-refused');
  });

  await test('new user 5: typing 0.05 passes through 0 and 0. with nothing reset or refused, and is used', async () => {
    await open('?data=circle&speed=0&opt=momentum&mom=0.9');
    const box = page.getByTestId('momentum');
    await box.click();
    await box.press('Control+A');
    for (const ch of '0.05') {
      await page.keyboard.type(ch);
      await page.waitForTimeout(500); // longer than the settle time: each prefix is committed if it is a number
      assert((await page.getByTestId('momentum-note').count()) === 0, `a note appeared after typing "${ch}"`);
    }
    assert((await box.inputValue()) === '0.05', `typed 0.05, the box shows ${await box.inputValue()}`);
    await page.waitForFunction(() => location.search.includes('mom=0.05'));
    await box.press('Tab');
    assert((await box.inputValue()) === '0.05', `after leaving, the box shows ${await box.inputValue()}`);
  });
}
