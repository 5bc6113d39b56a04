// esbuild bundles `class Network { … new Network(…) … }` as `var Network = class _Network { … new _Network(…) … }`
// (the class body keeps its own binding). keepNames fixes `Network.name`, but V8 names stack frames after
// the class as written, so traces read `at _Network.predict`. This renames each such inner binding back
// to the class's own name, padded with a space to the same length (`_Network` → `Network `), so every
// column, and with it the source maps, stays where it was. Run by each package's tsup onSuccess:
//   node ../../scripts/keep-class-names.mjs dist
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Rewrites the .js / .cjs files of `dir` in place; returns the class names restored. */
export function restoreClassNames(dir) {
  const restored = new Set();
  for (const file of readdirSync(dir).filter((f) => /\.c?js$/.test(f))) {
    const path = join(dir, file);
    let code = readFileSync(path, 'utf8');
    const names = [...code.matchAll(/\bvar (\w+) = class _\1\b/g)].map((m) => m[1]);
    for (const name of names) {
      code = code.replace(new RegExp(`(?<![\\w$.])_${name}(?![\\w$])`, 'g'), `${name} `);
      restored.add(name);
    }
    if (names.length > 0) writeFileSync(path, code);
  }
  return [...restored];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node scripts/keep-class-names.mjs <dist directory>');
  restoreClassNames(dir);
}
