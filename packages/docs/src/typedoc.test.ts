// The API reference builds with zero TypeDoc warnings, and the checks behind that zero really bite:
// an undocumented export or a broken {@link} fails the build (treatWarningsAsErrors + validation).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';

const here = fileURLToPath(new URL('..', import.meta.url));
const typedoc = join(here, 'node_modules/.bin/typedoc');
const work = mkdtempSync(join(tmpdir(), 'backprop-docs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runTypedoc(args: readonly string[], cwd: string): { status: number | null; output: string } {
  const r = spawnSync(typedoc, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

function htmlPages(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
}

test('pnpm run docs: one site for core, gradcheck, datasets, mnist, interop and parallel, with zero warnings', () => {
  const out = join(work, 'site');
  const { status, output } = runTypedoc(['--options', 'typedoc.json', '--out', out], here);
  expect(output).not.toMatch(/\[(warning|error)\]/);
  expect(status, output).toBe(0);
  const pages = htmlPages(out);
  console.log(`API reference: ${pages.length} HTML pages`);
  const index = readFileSync(join(out, 'index.html'), 'utf8');
  for (const name of ['core', 'gradcheck', 'datasets', 'mnist', 'interop', 'parallel']) expect(index).toContain(`@backprop/${name}`);
  // The classes, functions and the maths document the site must have.
  const paths = pages.join('\n');
  for (const page of [/core\.Network\.html/, /core\.Matrix\.html/, /gradcheck\.gradcheck\.html/, /datasets\.index\.parseCSV\.html/, /interop\.toOnnx\.html/, /SPEC/]) {
    expect(paths).toMatch(page);
  }
  expect(pages.length).toBeGreaterThan(150);
});

test('an export without a doc comment, or a {@link} to nothing, fails the build', () => {
  const pkg = join(work, 'fixture');
  mkdirSync(join(pkg, 'src'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'fixture', version: '0.0.0', type: 'module' }));
  writeFileSync(join(pkg, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022' }, include: ['src'] }));
  writeFileSync(join(pkg, 'src/index.ts'), 'export function undocumentedThing(): number {\n  return 1;\n}\n/** See {@link NoSuchThing}. */\nexport const linked = 2;\n');
  // The repository's own rules (validation, warnings as errors), applied to the fixture.
  const options = JSON.parse(readFileSync(join(here, 'typedoc.json'), 'utf8')) as Record<string, unknown>;
  const { entryPointStrategy, entryPoints, packageOptions, projectDocuments, ...rules } = options;
  writeFileSync(join(pkg, 'typedoc.json'), JSON.stringify({ ...rules, entryPoints: ['src/index.ts'], out: join(work, 'fixture-site') }));
  const { status, output } = runTypedoc(['--options', 'typedoc.json'], pkg);
  expect(status).not.toBe(0);
  expect(output).toMatch(/undocumentedThing.*does not have any documentation/);
  expect(output).toMatch(/Failed to resolve link to "NoSuchThing"/);
});
