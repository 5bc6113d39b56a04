/** Pads cells into aligned columns: text left, numbers right. Returns lines without trailing spaces. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], gap = 2): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,∞–%e+-]+%?$|^–$/.test(r[c] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join(' '.repeat(gap))
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
