#!/usr/bin/env node
// The house-style budget (STYLE.md §2.3), run by `pnpm test`:
//   max-lines        ≤ 400 lines per .ts/.tsx file under packages/*/src, apps/*/{src,test,e2e}
//   deep-import      only root entries of @backprop/* (plus the deliberate subpaths below);
//                    no relative import that leaves its own package (../packages/…)
//   core-io          packages/core/src (non-test): no Node built-ins, no host globals
//   no-math-random   packages/*/src (non-test): randomness is a seeded argument (STYLE.md principle 10)
//   det-math         packages/{core,datasets}/src (non-test): no engine-approximated Math.exp/log/sin/…;
//                    detMath gives the same bits in Node and every browser (browser-check proves it)
//   import-cycle     within one package, no chain of static imports leads from a file back to itself
//                    (facade imports leaves, never the reverse; see import-cycles.mjs)
// Usage: node scripts/check-style.mjs [repo-root]   (default: the repo this script lives in)
// Output: one `file:line: rule: message` per violation, then `style: N passed, N failed` (N = files).
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KNOWN_CYCLE_FILES, findCycles, resolveRelative } from './import-cycles.mjs';

const MAX_LINES = 400;
/** `@backprop/<name>/<subpath>` entries that exist on purpose (each is in that package's "exports"). */
const ALLOWED_SUBPATHS = new Set(['@backprop/datasets/node']);
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', '.turbo', '.tmp', 'test-artifacts']);
const SOURCE_EXT = /\.(?:[cm]?[jt]sx?)$/;
const BUDGET_EXT = /\.(?:[cm]?ts|tsx)$/;
const TEST_FILE = /(?:\.(?:test|spec|bench)\.[cm]?[jt]sx?$)|(?:^|\/)__tests__\//;

/** Host globals core must not touch: I/O, clocks, environment sniffing (STYLE.md §2.3, principle 6). */
const CORE_GLOBALS = [
  'process', 'Buffer', 'document', 'window', 'navigator', 'console', 'performance',
  'fetch', 'setTimeout', 'setInterval', 'setImmediate', 'require',
];
/**
 * Math functions ECMAScript lets each engine approximate (so Node and Chromium may differ in the last bit).
 * Seeded numeric code uses core's detMath instead; sqrt, abs, min, max, fround… are exact and allowed.
 */
const APPROXIMATED_MATH = [
  'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'pow', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2',
  'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'cbrt', 'hypot',
];
/** Packages whose numbers must be bit-identical across engines: the engine and its seeded data. */
const DET_MATH_PACKAGES = new Set(['core', 'datasets']);
/** Exact member uses banned in core (Math.random is also banned package-wide, reported once there). */
const CORE_MEMBERS = ['Date.now'];

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const violations = [];
/** Per package directory: file → its static relative imports ({ to, offset }), for the import-cycle rule. */
const importGraphs = new Map();
const failedFiles = new Set();
const files = collectFiles();

for (const file of files) {
  const rel = relative(root, file).split(sep).join('/');
  const before = violations.length;
  checkFile(file, rel);
  if (violations.length > before) failedFiles.add(rel);
  const mine = violations.splice(before).sort((x, y) => x.line - y.line);
  violations.push(...mine);
}
checkCycles();

for (const v of violations) console.log(`${v.file}:${v.line}: ${v.rule}: ${v.message}`);
console.log(`style: ${files.length - failedFiles.size} passed, ${failedFiles.size} failed`);
process.exit(failedFiles.size > 0 ? 1 : 0);

function checkCycles() {
  const relOf = (f) => relative(root, f).split(sep).join('/');
  for (const [pkgRoot, graph] of importGraphs) {
    const known = new Set(graph.keys());
    const edges = new Map();
    for (const [file, specs] of graph) {
      const out = [];
      for (const { spec, offset } of specs) {
        const to = resolveRelative(file, spec, known);
        if (to) out.push({ to, offset });
      }
      edges.set(file, out);
    }
    for (const { members, path } of findCycles([...known].sort(), edges)) {
      const rels = members.map(relOf);
      if (rels.every((r) => KNOWN_CYCLE_FILES.has(r))) continue; // allowed, for now: see import-cycles.mjs
      const chain = path.files.map((f) => relative(pkgRoot, f).split(sep).join('/')).join(' → ');
      const file = relOf(path.files[0]);
      const text = readFileSync(path.files[0], 'utf8');
      const extra = members.length > path.files.length - 1 ? ` (${members.length} files in the cycle: ${rels.join(', ')})` : '';
      violations.push({ file, line: lineAt(text, path.offset), rule: 'import-cycle', message: `${chain}${extra}; move the shared piece into a leaf both import` });
      failedFiles.add(file);
    }
  }
}

// ---------------------------------------------------------------------------------------------

function collectFiles() {
  const files = [];
  for (const top of ['packages', 'apps']) {
    const topDir = join(root, top);
    if (!existsSync(topDir)) continue;
    for (const name of readdirSync(topDir).sort()) {
      const pkgDir = join(topDir, name);
      if (statSync(pkgDir).isDirectory()) walk(pkgDir, files);
    }
  }
  return files;
}

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(join(dir, entry.name), out);
    } else if (entry.isFile() && SOURCE_EXT.test(entry.name)) {
      out.push(join(dir, entry.name));
    }
  }
}

function checkFile(file, rel) {
  const [top, pkg, area] = rel.split('/');
  const text = readFileSync(file, 'utf8');
  const { noComments, code } = strip(text);
  const isTest = TEST_FILE.test(rel);
  const inSrc = area === 'src';
  const report = (offset, rule, message) => violations.push({ file: rel, line: lineAt(text, offset), rule, message });

  // max-lines: the budget covers shipped sources and app tests alike.
  const budgeted = top === 'packages' ? inSrc : ['src', 'test', 'e2e'].includes(area);
  if (budgeted && BUDGET_EXT.test(rel)) {
    const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
    if (lines > MAX_LINES) report(0, 'max-lines', `${lines} lines (budget ${MAX_LINES}); split it by concept`);
  }

  const pkgRoot = join(root, top, pkg);
  const isCoreSrc = top === 'packages' && pkg === 'core' && inSrc && !isTest;
  const staticRelative = [];
  importGraphs.set(pkgRoot, importGraphs.get(pkgRoot) ?? new Map());
  importGraphs.get(pkgRoot).set(file, staticRelative);
  for (const { spec, offset, dynamic } of importSpecifiers(noComments, code)) {
    if (spec.startsWith('.') && !dynamic) staticRelative.push({ spec, offset });
    const scoped = /^@backprop\/[^/]+\/.+/.exec(spec);
    if (scoped && !ALLOWED_SUBPATHS.has(spec) && !spec.endsWith('/package.json')) {
      const entry = spec.split('/').slice(0, 2).join('/');
      report(offset, 'deep-import', `'${spec}' reaches inside a package; import the root entry '${entry}'`);
    }
    if (spec.startsWith('.')) {
      const target = resolve(dirname(file), spec);
      if (target !== pkgRoot && !target.startsWith(pkgRoot + sep)) {
        report(offset, 'deep-import', `'${spec}' leaves ${top}/${pkg}; import the other package by its @backprop/* name`);
      }
    }
    if (isCoreSrc && isNodeBuiltin(spec)) {
      report(offset, 'core-io', `'${spec}' is a Node built-in; I/O belongs in apps/cli (core runs in browsers too)`);
    }
  }

  if (isCoreSrc) {
    for (const name of CORE_GLOBALS) {
      if (declares(code, name)) continue; // a local binding of that name shadows the global
      const use = new RegExp(`(?<![\\w$.])(?:typeof\\s+${name}\\b|new\\s+${name}\\b|${name}\\s*(?:\\?\\.|\\.|\\[|\\())`, 'g');
      for (const m of code.matchAll(use)) report(m.index, 'core-io', `'${name}' is a host global; core is pure (STYLE.md §3.6)`);
    }
    // globalThis is the back door to all of the above: `(globalThis as …).performance`. The one exception
    // is clock.ts, the core's single, injectable source of time and event-loop yields (training's `now` option).
    const isClock = file.endsWith(`${sep}core${sep}src${sep}clock.ts`);
    for (const m of isClock ? [] : code.matchAll(/(?<![\w$.])globalThis\b/g)) {
      report(m.index, 'core-io', "'globalThis' reaches host globals; take what you need as an argument from the edge");
    }
    for (const member of CORE_MEMBERS) {
      const use = new RegExp(`(?<![\\w$.])${member.replace('.', '\\s*\\.\\s*')}\\b`, 'g');
      for (const m of code.matchAll(use)) report(m.index, 'core-io', `'${member}' is a clock; pass time in from the edge`);
    }
  }

  if (top === 'packages' && inSrc && !isTest && DET_MATH_PACKAGES.has(pkg)) {
    const approximated = new RegExp(`(?<![\\w$.])Math\\s*\\.\\s*(${APPROXIMATED_MATH.join('|')})\\b`, 'g');
    for (const m of code.matchAll(approximated)) {
      report(m.index, 'det-math', `Math.${m[1]} rounds differently per engine; use detMath (core's deterministic math)`);
    }
  }

  if (top === 'packages' && inSrc && !isTest) {
    for (const m of code.matchAll(/(?<![\w$.])Math\s*\.\s*random\b/g)) {
      report(m.index, 'no-math-random', 'Math.random is unseeded; take an Rng argument (STYLE.md §3.10)');
    }
  }
}

function isNodeBuiltin(spec) {
  if (spec.startsWith('node:')) return true;
  return builtinModules.some((b) => spec === b || spec.startsWith(`${b}/`));
}

/** True when the file binds `name` itself (variable, function, class, import, parameter). */
function declares(code, name) {
  const binding = new RegExp(
    `(?:\\b(?:const|let|var|function|class|import)\\s+${name}\\b)|(?:[(,{]\\s*${name}\\s*[,):=?])|(?:\\bas\\s+${name}\\b)`,
  );
  return binding.test(code);
}

/**
 * Module specifiers of static imports/exports, import(), require() and vi.mock(), with their offsets.
 * The keyword must be real code (present in `code`, where strings are blanked), so an import
 * statement quoted inside a string is not mistaken for one.
 */
function importSpecifiers(noComments, code) {
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\1/g,
    /\bimport\s*(['"])([^'"\n]+)\1/g,
    /\b(?:import|require)\s*\(\s*(['"])([^'"\n]+)\1/g,
    /\bvi\s*\.\s*(?:mock|doMock|importActual)\s*\(\s*(['"])([^'"\n]+)\1/g,
  ];
  const found = [];
  for (const re of patterns) {
    for (const m of noComments.matchAll(re)) {
      const keyword = /^[\w.]+/.exec(m[0])[0].replace(/\s/g, '');
      if (code.slice(m.index, m.index + keyword.length) !== keyword) continue;
      const dynamic = re !== patterns[0] && re !== patterns[1] && !/^require/.test(keyword);
      found.push({ spec: m[2], offset: m.index + m[0].lastIndexOf(m[2]), dynamic });
    }
  }
  return found;
}

/**
 * Blanks comments (→ `noComments`) and additionally string/template/regex contents (→ `code`),
 * keeping every offset and newline, so line numbers map back to the original text.
 */
function strip(text) {
  const a = text.split('');
  const b = text.split('');
  const blank = (arr, i) => {
    if (arr[i] !== '\n') arr[i] = ' ';
  };
  const templateDepth = []; // brace depth at each open `${`
  let braces = 0;
  let prev = ''; // last significant code character, to tell a regex from a division
  let prevWord = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const n = text[i + 1];
    if (c === '/' && n === '/') {
      for (; i < text.length && text[i] !== '\n'; i++) {
        blank(a, i);
        blank(b, i);
      }
    } else if (c === '/' && n === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      for (; i < stop; i++) {
        blank(a, i);
        blank(b, i);
      }
    } else if (c === "'" || c === '"') {
      i = skipString(text, i, c, b);
      prev = c;
    } else if (c === '`' || (c === '}' && templateDepth.length > 0 && templateDepth.at(-1) === braces)) {
      if (c === '}') templateDepth.pop();
      i = skipTemplate(text, i + 1, b);
      if (text.startsWith('${', i - 2)) templateDepth.push(braces);
      prev = '`';
    } else if (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev) || /^(?:return|typeof|case|in|of|delete|void|throw)$/.test(prevWord))) {
      i = skipRegex(text, i, b);
      prev = '/';
    } else {
      if (c === '{') braces++;
      else if (c === '}') braces--;
      if (/\S/.test(c)) {
        prev = c;
        prevWord = /[\w$]/.test(c) ? (/[\w$]/.test(text[i - 1] ?? '') ? prevWord + c : c) : '';
      }
      i++;
    }
  }
  return { noComments: a.join(''), code: b.join('') };
}

function skipString(text, start, quote, b) {
  let i = start + 1;
  while (i < text.length && text[i] !== quote && text[i] !== '\n') {
    if (text[i] === '\\') blankAt(b, i++);
    blankAt(b, i++);
  }
  return i + 1;
}

/** From just after a backtick or `}`: to just after the closing backtick or an opening `${`. */
function skipTemplate(text, start, b) {
  let i = start;
  while (i < text.length) {
    if (text[i] === '\\') {
      blankAt(b, i++);
      blankAt(b, i++);
    } else if (text[i] === '`') {
      return i + 1;
    } else if (text[i] === '$' && text[i + 1] === '{') {
      return i + 2;
    } else {
      blankAt(b, i++);
    }
  }
  return i;
}

function skipRegex(text, start, b) {
  let i = start + 1;
  let inClass = false;
  while (i < text.length && text[i] !== '\n') {
    const c = text[i];
    if (c === '\\') blankAt(b, i++);
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) break;
    blankAt(b, i++);
  }
  return i + 1;
}

function blankAt(arr, i) {
  if (i < arr.length && arr[i] !== '\n') arr[i] = ' ';
}

function lineAt(text, offset) {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
