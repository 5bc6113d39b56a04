import type { Dataset } from './types.js';

// Numbers are written in the shortest form that reads back to the same stored value: for float32 the
// fewest significant digits that round back through Math.fround, for float64 JavaScript's own String().

function float32Text(v: number): string {
  if (Object.is(v, -0)) return '-0';
  for (let digits = 1; digits < 9; digits++) {
    const s = Number(v.toPrecision(digits));
    if (Math.fround(s) === v) return String(s);
  }
  return String(v);
}

function float64Text(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

function cells(row: Float32Array | Float64Array): string[] {
  return Array.from(row, row instanceof Float32Array ? float32Text : float64Text);
}

function quote(cell: string): string {
  return /[",\n\r]|^\s|\s$/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * Writes a dataset as comma-separated text with a header row: the feature columns, then the label column
 * (`label`, holding class names) or the target columns. `parseCSV` reads it back to the same numbers;
 * class indices survive when `classNames` are sorted or are `'0'…'K−1'` (else pass `classNames`).
 *
 * @example
 * const text = toCSV(spiral({ seed: 1 }));  // "x1,x2,label\n-1.8543688,-0.69405794,negative\n…"
 */
export function toCSV(dataset: Dataset): string {
  const { X } = dataset;
  const head = [...dataset.featureNames, ...(dataset.task === 'classification' ? ['label'] : dataset.targetNames)];
  const lines = [head.map(quote).join(',')];
  for (let i = 0; i < X.rows; i++) {
    const target = dataset.task === 'classification' ? [quote(dataset.classNames[dataset.y[i]!]!)] : cells(dataset.Y.row(i));
    lines.push([...cells(X.row(i)), ...target].join(','));
  }
  return `${lines.join('\n')}\n`;
}
