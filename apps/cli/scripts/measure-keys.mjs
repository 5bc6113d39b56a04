#!/usr/bin/env node
// Key latency of the dashboard while it trains (issue #4: "keys answer within 100 ms"), measured end to
// end: the built `backprop train` runs in a real pseudo-terminal (util-linux `script`, 120 × 40,
// CI=false); this script writes `p` into the terminal and timestamps the first output bytes after it
// that show the change (`[PAUSED]`, then `[training]` on the next `p`). That is key → frame on the
// terminal, including waiting for the current training slice, React, Ink's frame throttle and the write;
// no screen polling is involved. Presses are 250–650 ms apart, at varying points of the redraw cycle.
//
// Usage: node scripts/measure-keys.mjs [presses] [train flags…]   e.g. node scripts/measure-keys.mjs 20 -d spiral
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const presses = Number(process.argv[2] ?? 20);
const flags = process.argv.slice(3);
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const command = `stty cols 120 rows 40; exec node '${cli}' train --epochs 100000 ${flags.join(' ')}`;
const child = spawn('script', ['-qfec', command, '/dev/null'], {
  env: { ...process.env, CI: 'false', FORCE_COLOR: '1', TERM: 'xterm-256color' },
  stdio: ['pipe', 'pipe', 'inherit'],
});

let output = '';
let waiting;
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  const at = performance.now();
  output += chunk;
  if (waiting && output.slice(waiting.from).includes(waiting.text)) {
    const w = waiting;
    waiting = undefined;
    w.resolve(at - w.sentAt);
  }
  if (output.length > 1e6) {
    const drop = output.length - 1e5;
    output = output.slice(drop);
    if (waiting) waiting.from = Math.max(0, waiting.from - drop);
  }
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Writes `key` and resolves with the ms until `text` appears in the output written after it. */
function press(key, text) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${text}" within 5 s of "${key}"`)), 5000);
    waiting = {
      text,
      from: output.length,
      sentAt: performance.now(),
      resolve: (ms) => {
        clearTimeout(timer);
        resolve(ms);
      },
    };
    child.stdin.write(key);
  });
}

async function until(text) {
  const start = performance.now();
  while (!output.includes(text)) {
    if (performance.now() - start > 30_000) throw new Error(`no "${text}" within 30 s`);
    await sleep(20);
  }
}

const pause = [];
const resume = [];
try {
  await until('[training]');
  await sleep(1500); // past the first data frame
  for (let i = 0; i < presses; i++) {
    await sleep(250 + ((i * 137) % 400));
    pause.push(await press('p', '[PAUSED]'));
    await sleep(250 + ((i * 89) % 400));
    resume.push(await press('p', '[training]'));
  }
} finally {
  child.stdin.write('\u0003'); // Ctrl-C: stop
  await sleep(500);
  child.stdin.write('n');
  setTimeout(() => child.kill(), 3000).unref();
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return `median ${median.toFixed(1)} ms, max ${s.at(-1).toFixed(1)} ms, min ${s[0].toFixed(1)} ms (n = ${s.length})`;
};
console.log(`train ${flags.join(' ') || '(MNIST defaults)'}`);
console.log(`  p → [PAUSED]:   ${stats(pause)}`);
console.log(`  p → [training]: ${stats(resume)}`);
console.log(`  all:            ${stats([...pause, ...resume])}`);
