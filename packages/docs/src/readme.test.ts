// Every TypeScript / JavaScript block in the READMEs is type-checked (strict, as a user's project) and
// run with Node against the built packages; a block followed by an output block must print exactly it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { type ReadmeExample, outputMatches, readmeExamples } from './readme-examples';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
// Inside this package, so `@backprop/*` resolve through its node_modules (the built dist, as for users).
const work = fileURLToPath(new URL('../.readme-examples/', import.meta.url));
const require = createRequire(import.meta.url);

const READMES = ['README.md', 'packages/core/README.md', 'packages/gradcheck/README.md', 'packages/datasets/README.md', 'packages/mnist/README.md', 'packages/interop/README.md', 'packages/parallel/README.md'];
const examples = READMES.flatMap((f) => readmeExamples(join(repo, f), f));
const runnable = examples.filter((e) => e.skip === undefined);
const slug = (e: ReadmeExample) => e.where.replace(/[^\w]+/g, '_');
// A block without import or export is still a module (top-level await, its own scope).
const source = (e: ReadmeExample) => (/^\s*(import|export)\s/m.test(e.code) ? e.code : `${e.code}\nexport {};`);

test('the READMEs have code blocks, and every skipped one says why', () => {
  expect(runnable.length).toBeGreaterThanOrEqual(12);
  for (const e of examples) if (e.skip !== undefined) expect(e.skip.length, `${e.where}: skip needs a reason`).toBeGreaterThan(10);
});

test('the blocks that train and evaluate assert the accuracy their text claims (a run at chance fails)', () => {
  const headline = runnable.filter((e) => (e.where.startsWith('README.md:') || e.where.startsWith('packages/core/README.md:')) && /\.evaluate\(test\)/.test(e.code));
  expect(headline.length).toBeGreaterThanOrEqual(2);
  for (const e of headline) expect(e.asserts.join(' '), `${e.where}: an <!-- assert: accuracy >= … --> floor`).toMatch(/accuracy \?\? 0\) >= 0\.9\b/);
});

test('every block type-checks (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess)', () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const files = runnable.map((e) => {
    const file = `${slug(e)}.${e.lang === 'ts' ? 'ts' : 'mts'}`;
    writeFileSync(join(work, file), source(e));
    return file;
  });
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../../tsconfig.base.json',
      compilerOptions: { noEmit: true, types: ['node'], allowJs: true, checkJs: false, noUnusedLocals: false },
      files,
    }),
  );
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', work], { encoding: 'utf8' });
  // Map each error to the README line it comes from.
  const errors = `${r.stdout}${r.stderr}`
    .split('\n')
    .filter((l) => /error TS/.test(l))
    .map((l) => {
      const m = /(\w+)\.m?ts\((\d+),\d+\): (.*)$/.exec(l);
      const e = m && runnable.find((x) => slug(x) === m[1]);
      if (!m || !e) return l;
      const [file, fence] = e.where.split(':');
      return `${file}:${Number(fence) + Number(m[2]) - e.preludeLines}: ${m[3]}`;
    });
  expect(errors).toEqual([]);
  expect(r.status).toBe(0);
});

describe('every block runs', () => {
  test.each(runnable.map((e) => [e.where, e] as const))('%s', (_where, e) => {
    mkdirSync(work, { recursive: true });
    const js = ts.transpileModule(source(e), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false } }).outputText;
    const file = join(work, `${slug(e)}.run.mjs`);
    writeFileSync(file, js);
    const r = spawnSync(process.execPath, [file], { cwd: work, encoding: 'utf8', timeout: 180_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    if (e.output !== undefined) expect(outputMatches(r.stdout, e.output), `prints:\n${r.stdout}\nREADME says:\n${e.output}`).toBe(true);
  });
});
