/** A writer of NDJSON: one JSON object per line. NaN and ±Infinity become null (JSON has no such numbers). */
export function ndjsonWriter(write: (line: string) => void): (event: object) => void {
  return (event) => write(`${JSON.stringify(event, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value))}\n`);
}
