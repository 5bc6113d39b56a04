import { createRng } from '@backprop/core';

/**
 * `rows` houses as CSV text in their own units (floor area in m², rooms, year built, km to the centre),
 * the last column the price band (3 classes) or the price in euros. Nothing is scaled, as a user's
 * export is. Shared by the e2e scripts and the unit tests (types in houses.d.mts); the same seed gives the same file.
 */
export function housesCsv(rows, target, seed = 7) {
  const rng = createRng(seed);
  const lines = [`area_m2,rooms,year_built,km_to_centre,${target}`];
  for (let i = 0; i < rows; i++) {
    const area = 35 + rng.next() * 215;
    const rooms = Math.max(1, Math.round(area / 35 + (rng.next() - 0.5) * 2));
    const year = Math.round(1900 + rng.next() * 122);
    const km = 0.5 + rng.next() * 30;
    const price = Math.round(area * 3200 + (year - 1900) * 900 - km * 6000 + (rng.next() - 0.5) * 60_000);
    const band = price < 300_000 ? 'low' : price < 550_000 ? 'mid' : 'high';
    lines.push(`${area.toFixed(1)},${rooms},${year},${km.toFixed(2)},${target === 'band' ? band : price}`);
  }
  return lines.join('\n');
}
