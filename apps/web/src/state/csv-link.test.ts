import { expect, test } from 'vitest';
import { decodeCsvLink, encodeCsvLink, MAX_LINK_CSV } from './csv-link.js';

const small = ['x1,x2,label', ...Array.from({ length: 200 }, (_, i) => `${((i * 37) % 101) / 10 - 5},${((i * 53) % 97) / 10 - 5},${i % 3 ? 'a' : 'b'}`)].join('\n');

test('a small CSV goes into the link compressed, URL-safe, and comes back byte for byte', async () => {
  const link = await encodeCsvLink(small);
  expect(link.shared).toBe(true);
  if (!link.shared) return;
  expect(link.param).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(link.param.length).toBeLessThan(small.length / 2);
  expect(await decodeCsvLink(link.param)).toBe(small);
  expect(await decodeCsvLink(new URLSearchParams(`csv=${link.param}`).get('csv')!)).toBe(small);
});

test('non-ASCII text survives the trip', async () => {
  const text = 'größe,höhe,klasse\n1,2,ä\n3,4,ö\n';
  const link = await encodeCsvLink(text);
  expect(link.shared && (await decodeCsvLink(link.param))).toBe(text);
});

test('a CSV whose compressed form is too long is not shared, and says how long it would be', async () => {
  let s = 7;
  const noise = () => ((s = (s * 48271) % 2147483647) / 2147483647).toFixed(6);
  const big = Array.from({ length: 2000 }, () => `${noise()},${noise()},${noise() > '0.5' ? 1 : 0}`).join('\n');
  const link = await encodeCsvLink(big);
  expect(link).toEqual({ shared: false, length: expect.any(Number) });
  expect(!link.shared && link.length).toBeGreaterThan(MAX_LINK_CSV);
  expect((await encodeCsvLink(big, 10 ** 9)).shared).toBe(true);
});

test('a damaged parameter is an error, not other data', async () => {
  const link = await encodeCsvLink(small);
  if (!link.shared) throw new Error('expected a shared link');
  await expect(decodeCsvLink(link.param.slice(0, 40))).rejects.toThrow();
  await expect(decodeCsvLink('!!!')).rejects.toThrow();
});
