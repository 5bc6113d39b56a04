import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RuntimeOutput } from './entry.js';

/** Runs a script (a prologue, if any, plus the bundle) in a fresh Node process, with no vitest transforms in between. */
export async function runInNode(script: string): Promise<RuntimeOutput> {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-node-check-'));
  try {
    const file = join(dir, 'check.cjs');
    writeFileSync(file, `${script}\nprocess.stdout.write(JSON.stringify(globalThis.backpropCheck.run('node ' + process.version)));\n`);
    const { stdout } = await promisify(execFile)(process.execPath, [file], { maxBuffer: 256 << 20 });
    return JSON.parse(stdout) as RuntimeOutput;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
