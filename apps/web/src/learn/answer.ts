// Checking a typed answer to three significant digits, and what to say when it is wrong.

/** The verdict on a typed answer. */
export interface Verdict {
  readonly ok: boolean;
  /** The typed text did not read as a number. */
  readonly unreadable: boolean;
  /** Right size, opposite sign. */
  readonly signFlipped: boolean;
  /** Within 2 % but not equal to three significant digits: a rounding or arithmetic slip. */
  readonly close: boolean;
}

/** Reads a typed number: accepts a Unicode minus, a decimal comma, `e` exponents and `×10^`. Null if unreadable. */
export function parseAnswer(text: string): number | null {
  let t = text.trim().replace(/[−–]/g, '-').replace(/\s+/g, '');
  if (!t.includes('.') && /^-?\d+,\d+$/.test(t)) t = t.replace(',', '.');
  t = t.replace(/[×x*]10\^\(?(-?\d+)\)?$/, 'e$1');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** v rounded to three significant digits. */
export const sig3 = (v: number): number => (v === 0 ? 0 : Number(v.toPrecision(3)));

/**
 * True when `typed` equals `answer` to three significant digits: the same after rounding both, or
 * within half a unit of the answer's third significant digit (so a correctly rounded 3-digit answer
 * passes even when the true value sits on a rounding boundary). An answer of 0 accepts |typed| < 5e-4.
 */
export function agrees(typed: number, answer: number): boolean {
  if (answer === 0) return Math.abs(typed) < 5e-4;
  if (sig3(typed) === sig3(answer)) return true;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(answer))) - 2);
  return Math.abs(typed - answer) <= 0.5 * unit * (1 + 1e-9);
}

/** Judges a typed answer against the true value. */
export function judge(text: string, answer: number): Verdict {
  const v = parseAnswer(text);
  if (v === null) return { ok: false, unreadable: true, signFlipped: false, close: false };
  if (agrees(v, answer)) return { ok: true, unreadable: false, signFlipped: false, close: false };
  return {
    ok: false,
    unreadable: false,
    signFlipped: answer !== 0 && agrees(-v, answer),
    close: answer !== 0 && Math.abs(v - answer) <= 0.02 * Math.abs(answer),
  };
}
