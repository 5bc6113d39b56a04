// Every TSDoc `@example` of the published packages is type-checked (strict, as a user's project) and run
// with Node against the built packages, so the API reference cannot drift from the API (see
// tsdoc-examples.ts for how fragments get what they assume).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { type ImportSource, type TsdocExample, autoImports, exportedNames, freeNames, tsdocExamples } from './tsdoc-examples';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
// Inside this package, so `@backprop/*` resolve through its node_modules (the built dist, as for users).
const work = fileURLToPath(new URL('../.tsdoc-examples/', import.meta.url));
const namespaceFile = fileURLToPath(new URL('./example-namespace.ts', import.meta.url));
const require = createRequire(import.meta.url);

const PACKAGES = ['core', 'gradcheck', 'datasets', 'mnist', 'interop', 'parallel'];
const examples = PACKAGES.flatMap((pkg) => tsdocExamples(repo, pkg));
const slug = (e: TsdocExample) => e.where.replace(/^packages\//, '').replace(/[^\w]+/g, '_');

const packageSource = (pkg: string): ImportSource => ({ from: `@backprop/${pkg}`, ...exportedNames(join(repo, 'packages', pkg, 'src/index.ts')) });
const namespace: ImportSource = { from: './example-namespace.js', ...exportedNames(namespaceFile) };
// Node's file functions, as a Node user's module has them at hand.
const node = (from: string, ...names: string[]): ImportSource => ({ from, values: new Set(names), types: new Set() });
const NODE = [node('node:fs', 'readFileSync', 'writeFileSync', 'mkdtempSync'), node('node:path', 'join')];

/** The example as a module: its imports, its prelude, itself (a module even without import or export). */
function program(e: TsdocExample): { code: string; before: number } {
  const own = e.prelude ? `${e.prelude}\n${e.code}` : e.code;
  const sources = [...new Set([e.pkg, 'core'])].map(packageSource).concat(namespace, NODE);
  const head = [...autoImports(own, sources), ...(e.prelude ? [e.prelude] : [])];
  return { code: `${head.join('\n')}\n${e.code}\nexport {};\n`, before: head.join('\n').split('\n').length };
}

test('free names: what an example uses and does not declare, properties and keys aside', () => {
  const code = "const { train: t, test } = split(X, { test: 0.2 }); for (const e of t.rows) draw(e.loss, test, Y);";
  expect([...freeNames(code)].sort()).toEqual(['X', 'Y', 'draw', 'split']);
  const sources: ImportSource[] = [{ from: 'a', values: new Set(['split']), types: new Set(['Opts']) }, { from: 'b', values: new Set(['X', 'split']), types: new Set() }];
  expect(autoImports(`${code} const o: Opts = {};`, sources)).toEqual(["import { split } from 'a';", "import type { Opts } from 'a';", "import { X } from 'b';"]);
});

test('every package has examples, and every example has code', () => {
  for (const pkg of PACKAGES) expect(examples.filter((e) => e.pkg === pkg).length, pkg).toBeGreaterThanOrEqual(1);
  expect(examples.length).toBeGreaterThanOrEqual(50);
  for (const e of examples) expect(e.code.length, e.where).toBeGreaterThan(0);
});

test('every example type-checks (strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess)', () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  copyFileSync(namespaceFile, join(work, 'example-namespace.ts'));
  const files = examples.map((e) => {
    writeFileSync(join(work, `${slug(e)}.ts`), program(e).code);
    return `${slug(e)}.ts`;
  });
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../tsconfig.base.json', compilerOptions: { noEmit: true, types: ['node'], noUnusedLocals: false }, files }),
  );
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', work], { encoding: 'utf8' });
  // Map each error to the source line of the example it comes from.
  const errors = `${r.stdout}${r.stderr}`
    .split('\n')
    .filter((l) => /error TS/.test(l))
    .map((l) => {
      const m = /(\w+)\.ts\((\d+),\d+\): (.*)$/.exec(l);
      const e = m && examples.find((x) => slug(x) === m[1]);
      if (!m || !e) return l;
      const line = Number(m[2]) - program(e).before;
      return `${e.where}${line > 0 ? ` (+${line - 1})` : ' (prelude)'}: ${m[3]}`;
    });
  expect(errors).toEqual([]);
  expect(r.status).toBe(0);
});

describe('every example runs', () => {
  test.each(examples.map((e, i) => [`${e.where}${examples.findIndex((x) => x.where === e.where) === i ? '' : ` #${i}`}`, e] as const))('%s', (_where, e) => {
    mkdirSync(work, { recursive: true });
    const transpile = (code: string) =>
      ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false } }).outputText;
    writeFileSync(join(work, 'example-namespace.js'), transpile(readFileSync(namespaceFile, 'utf8')));
    const file = join(work, `${slug(e)}.run.mjs`);
    writeFileSync(file, transpile(program(e).code));
    const r = spawnSync(process.execPath, [file], { cwd: work, encoding: 'utf8', timeout: 180_000 });
    expect(r.status, r.stderr).toBe(0);
    // What an example prints on purpose (an error's message) may go to stderr; Node's warnings and stack traces may not.
    expect(r.stderr).not.toMatch(/Warning|\n\s+at /);
  });
});
