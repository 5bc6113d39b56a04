import { PassThrough } from 'node:stream';
import type { Runtime } from '../../src/runtime.js';

/** A runtime whose streams are in-memory (not TTYs); `out()` / `err()` return what was written. */
export function fakeRuntime(stdinText = ''): Runtime & { out(): string; err(): string } {
  const chunks = { out: [] as string[], err: [] as string[] };
  const sink = (into: string[]) => {
    const s = new PassThrough();
    s.on('data', (c: Buffer) => into.push(c.toString('utf8')));
    return s as unknown as NodeJS.WriteStream;
  };
  const stdin = new PassThrough();
  stdin.end(stdinText);
  return {
    stdout: sink(chunks.out),
    stderr: sink(chunks.err),
    stdin: stdin as unknown as NodeJS.ReadStream,
    out: () => chunks.out.join(''),
    err: () => chunks.err.join(''),
  };
}
