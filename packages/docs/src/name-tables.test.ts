// The core README's table of names (activations, outputs, losses, initialisers) must list exactly what the
// library accepts: a name added to the code and not to the table (gelu, silu once) fails here.
import { readFileSync } from 'node:fs';
import { activationNames, initNames, lossNames, outputNames } from '@backprop/core';
import { expect, test } from 'vitest';

const readme = readFileSync(new URL('../../core/README.md', import.meta.url), 'utf8');

/** The backticked names in the values cell of the table row whose first cell starts with `type`. */
function tableNames(type: string): string[] {
  const row = readme.split('\n').find((l) => l.startsWith(`| \`${type}\``));
  if (row === undefined) throw new Error(`packages/core/README.md has no table row for ${type}`);
  const values = row.split('|')[2] ?? '';
  // Only the names listed at the top level of the cell, not the code inside (possibly nested) notes in parentheses.
  let depth = 0;
  let topLevel = '';
  for (const c of values) {
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) topLevel += c;
  }
  return [...topLevel.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
}

test.each([
  ['ActivationName', activationNames],
  ['OutputName', outputNames],
  ['LossName', lossNames],
  ['InitName', initNames],
] as const)('the core README lists every %s, in the exported order', (type, names) => {
  expect(tableNames(type)).toEqual([...names]);
});
