// The fourth new-user pass: the Digits view while MNIST loads, the note under a number box, and a CSV pasted
// while on MNIST. Each test failed on the page before its fix. Called by run.mjs.
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
}
