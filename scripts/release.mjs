#!/usr/bin/env node
// `pnpm release --dry-run`: what a release would publish, checked end to end, without publishing.
//   1. `changeset version`: applies the pending .changeset/*.md (versions, CHANGELOGs, internal ranges)
//   2. builds the published packages (turbo)
//   3. packs each one as `pnpm publish` would (workspace:^ → the new version range)
//   4. verifies the tarballs with @backprop/publish-check: publint, are-the-types-wrong, a scratch
//      `npm install` of all of them used from ESM, CommonJS, TypeScript, a CJS + ESM mix, and the
//      `backprop` command in a real terminal
//   5. prints versions and tarball sizes, then (dry run) restores every file step 1 touched.
// `pnpm release` (no flag) keeps the version bump for you to commit and runs `changeset publish`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--dry-run');
if (unknown.length > 0) {
  console.error(`release: unknown argument ${unknown.join(' ')} (usage: pnpm release [--dry-run])`);
  process.exit(2);
}
const dryRun = args.includes('--dry-run');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const packDir = join(root, '.tmp', 'release');

/** Runs a command with inherited output; exits the script (after restoring) if it fails. */
function step(title, cmd, cmdArgs, extraEnv = {}, cwd = root) {
  console.log(`\n── ${title}`);
  const r = spawnSync(cmd, cmdArgs, { cwd, stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (r.status !== 0) throw new Error(`${title} failed (${cmd} ${cmdArgs.join(' ')}: exit ${r.status ?? r.signal})`);
}

/** Workspace packages that publish (not private), with their directories. */
function publishedPackages() {
  const out = [];
  for (const top of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, top)).sort()) {
      const file = join(root, top, name, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      if (manifest.private !== true) out.push({ name: manifest.name, dir: join(top, name), manifest });
    }
  }
  return out;
}

/** Every file `changeset version` may write or delete, with its content now (undefined: absent). */
function snapshot() {
  const files = [];
  for (const top of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, top))) {
      for (const f of ['package.json', 'CHANGELOG.md']) files.push(join(top, name, f));
    }
  }
  for (const f of readdirSync(join(root, '.changeset'))) files.push(join('.changeset', f));
  return new Map(files.map((f) => [f, existsSync(join(root, f)) ? readFileSync(join(root, f)) : undefined]));
}

function restore(saved) {
  for (const [f, content] of saved) {
    const path = join(root, f);
    if (content === undefined) rmSync(path, { force: true });
    else if (!existsSync(path) || !readFileSync(path).equals(content)) writeFileSync(path, content);
  }
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

const saved = snapshot();
const before = new Map(publishedPackages().map((p) => [p.name, p.manifest.version]));
let failed = false;
try {
  step('changeset version', 'pnpm', ['exec', 'changeset', 'version']);
  const packages = publishedPackages();
  step('build', 'pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', ...packages.map((p) => `--filter=${p.name}`)]);
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  for (const p of packages) step(`pack ${p.name}`, 'pnpm', ['pack', '--pack-destination', packDir], {}, join(root, p.dir));
  step('verify the tarballs (publint, attw, scratch npm install, the backprop command)', 'pnpm', ['--filter', '@backprop/publish-check', 'test'], {
    BACKPROP_TARBALLS: packDir,
  });
  console.log(`\n── ${dryRun ? 'would publish' : 'publishing'} (tarballs in ${relative(root, packDir)}/)`);
  for (const p of packages) {
    const tgz = readdirSync(packDir).find((f) => f.startsWith(`${p.name.replace(/^@/, '').replace('/', '-')}-${p.manifest.version}.tgz`));
    const size = tgz ? kib(statSync(join(packDir, tgz)).size) : 'missing';
    console.log(`  ${p.name.padEnd(22)} ${String(before.get(p.name)).padStart(7)} → ${p.manifest.version.padEnd(8)} ${size.padStart(12)}  ${tgz ?? ''}`);
  }
  if (!dryRun) step('changeset publish', 'pnpm', ['exec', 'changeset', 'publish']);
} catch (error) {
  failed = true;
  console.error(`\nrelease: ${error.message}`);
} finally {
  if (dryRun) {
    restore(saved);
    console.log('\ndry run: versions, CHANGELOGs and changesets restored; nothing was published.');
  }
}
process.exit(failed ? 1 : 0);
