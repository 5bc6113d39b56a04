// TeX for the lessons: numbers to three significant digits, and the live matrices the notes' symbols
// stand for, set under those symbols (\underset), so a learner reads "W₂" and sees W₂'s numbers.

/** A number with three significant digits as TeX (−0.0123 → -0.0123; 1.2e-5 → 1.20 × 10^{-5}). */
export function num(v: number): string {
  if (Number.isNaN(v)) return '\\text{NaN}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) {
    const [m, e] = v.toExponential(2).split('e');
    return `${m}\\!\\times\\!10^{${Number(e)}}`;
  }
  return String(Number(v.toPrecision(3)));
}

/** Plain-text number with three significant digits (for hints and captions). */
export function plain(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) return v.toExponential(2).replace('-', '−');
  return String(Number(v.toPrecision(3))).replace('-', '−');
}

/** A matrix (rows of numbers) as a TeX bmatrix, three significant digits per entry. */
export function mat(rows: readonly (readonly number[])[]): string {
  return `\\begin{bmatrix}${rows.map((r) => r.map(num).join(' & ')).join(' \\\\ ')}\\end{bmatrix}`;
}

/** A column vector as a TeX bmatrix. */
export const col = (v: readonly number[]): string => mat(v.map((x) => [x]));

/** A row vector (a transposed column) as a TeX bmatrix. */
export const row = (v: readonly number[]): string => mat([v]);

/** The symbol with its live value set under it. */
export const live = (symbol: string, value: string): string => `\\underset{${value}}{${symbol}}`;

/** The notes' gradient symbol ∇_{x} ℒ(θ). */
export const grad = (x: string): string => `\\nabla_{${x}}\\mathcal{L}(\\theta)`;

/** The notes' partial ∂ℒ(θ)/∂x. */
export const partial = (x: string): string => `\\frac{\\partial \\mathcal{L}(\\theta)}{\\partial ${x}}`;
