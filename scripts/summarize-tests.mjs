#!/usr/bin/env node
// Sums the vitest results (and plain `label: N passed, N failed` lines of custom runners such as e2e)
// in a `pnpm test` log into one plain `N passed, N failed` line for CI
// (TOOLCHAIN.md #15: the runner does not read vitest's own summary).
// Usage: node scripts/summarize-tests.mjs <log> [exit-status-of-pnpm-test]
// Exit status: 1 when anything failed or no vitest summary was found, else 0.
//
// It reads the lines turbo prefixes with `<package>:<task>: `, so the root `test` script must show
// the logs of successful test tasks too (`--output-logs=full`; cached runs are replayed).
import { readFileSync } from 'node:fs';

const [logPath, statusArg = '0'] = process.argv.slice(2);
if (!logPath) {
  console.error('usage: node scripts/summarize-tests.mjs <log> [exit-status]');
  process.exit(2);
}
const status = Number(statusArg);
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC
const ansi = /\u001b\[[0-9;?]*[A-Za-z]/g;
const lines = readFileSync(logPath, 'utf8').replace(ansi, '').replace(/\r/g, '').split('\n');

/** Per `<package>:<task>`: counts summed over every vitest run in that task. */
const runs = new Map();
const extraFailures = [];
let style;

for (const line of lines) {
  const prefixed = /^(\S+?:[\w:-]+): (.*)$/.exec(line);
  const task = prefixed ? prefixed[1] : '(root)';
  const text = prefixed ? prefixed[2] : line;

  // vitest: "      Tests  1 failed | 11 passed | 2 skipped (14)"  or  "Tests  no tests"
  const tests = /^\s*Tests\s{2,}(.*?)\s*(?:\((\d+)\))?\s*$/.exec(text);
  if (tests) {
    const run = runs.get(task) ?? { passed: 0, failed: 0, skipped: 0, failedFiles: 0 };
    for (const part of tests[1].split('|')) {
      const m = /(\d+)\s+(passed|failed|skipped|todo)/.exec(part);
      if (m) run[m[2] === 'todo' ? 'skipped' : m[2]] += Number(m[1]);
    }
    runs.set(task, run);
    continue;
  }
  // vitest: " Test Files  1 failed (1)": a file that failed to load has no test counts of its own.
  const files = /^\s*Test Files\s{2,}.*?(\d+)\s+failed/.exec(text);
  if (files) {
    const run = runs.get(task) ?? { passed: 0, failed: 0, skipped: 0, failedFiles: 0 };
    run.failedFiles += Number(files[1]);
    runs.set(task, run);
    continue;
  }
  // A custom runner's plain summary inside a task, e.g. apps/web's "e2e: 8 passed, 1 failed".
  const plain = prefixed && /^\s*([\w-]+): (\d+) passed, (\d+) failed\s*$/.exec(text);
  if (plain && plain[1] !== 'style') {
    const key = `${task} (${plain[1]})`;
    const run = runs.get(key) ?? { passed: 0, failed: 0, skipped: 0, failedFiles: 0 };
    run.passed += Number(plain[2]);
    run.failed += Number(plain[3]);
    runs.set(key, run);
    continue;
  }
  // turbo's closing block: "  Failed:    @backprop/core#build, @backprop/cli#test"
  const turboFailed = /^\s*Failed:\s+(.+)$/.exec(text);
  if (turboFailed) {
    for (const t of turboFailed[1].split(',').map((s) => s.trim()).filter(Boolean)) extraFailures.push(`turbo task ${t}`);
    continue;
  }
  const styleLine = /^style: (\d+) passed, (\d+) failed$/.exec(text.trim());
  if (styleLine) {
    style = text.trim();
    if (Number(styleLine[2]) > 0) extraFailures.push(`check-style: ${styleLine[2]} file(s)`);
    continue;
  }
  const biome = /^Found (\d+) errors?\.?$/.exec(text.trim());
  if (biome) extraFailures.push(`biome lint: ${biome[1]} error(s)`);
}

let passed = 0;
let failed = 0;
for (const [task, run] of [...runs].sort(([a], [b]) => a.localeCompare(b))) {
  // A failing file with no failing test in it (an import error, say) still counts as one failure.
  const fileOnly = run.failed === 0 ? run.failedFiles : 0;
  passed += run.passed;
  failed += run.failed + fileOnly;
  const skipped = run.skipped > 0 ? `, ${run.skipped} skipped` : '';
  const loadErrors = fileOnly > 0 ? ` (+${fileOnly} test file(s) failed to run)` : '';
  console.log(`  ${task.padEnd(36)} ${run.passed} passed, ${run.failed} failed${skipped}${loadErrors}`);
}
// Failed turbo tasks that are test tasks with failing tests are already counted above.
const uncounted = extraFailures.filter((f) => {
  const m = /^turbo task (.+)#(.+)$/.exec(f);
  const counted = m ? [...runs].filter(([k]) => k === `${m[1]}:${m[2]}` || k.startsWith(`${m[1]}:${m[2]} (`)) : [];
  return !counted.some(([, run]) => run.failed + run.failedFiles > 0);
});
for (const f of uncounted) console.log(`  failed outside the test counts: ${f}`);
failed += uncounted.length;
if (status !== 0 && failed === 0) {
  console.log(`  pnpm test exited ${status} without a failure the log names: counted as 1 failure`);
  failed = 1;
}
if (runs.size === 0) {
  console.log(
    failed > 0
      ? '  no test task ran to completion'
      : '  no vitest summary found in the log (does the root test script still use --output-logs=full?)',
  );
}
if (style) console.log(style);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || runs.size === 0 ? 1 : 0);
