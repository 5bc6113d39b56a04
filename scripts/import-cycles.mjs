// The `import-cycle` rule of check-style.mjs: within one package, modules must form a tree of leaves
// under the facade (index.ts imports leaves; a leaf never imports back up), so no chain of static
// imports may lead from a file back to itself. Type-only imports count: `import type { Network }` in a
// training file still ties that file to the facade's concept. Dynamic `import()` does not: it is the
// deliberate way to load a module on demand (the CLI's commands) and creates no evaluation-order cycle.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Cycles allowed while being broken: each allowed only while every file of a cycle is in this list.
 * Empty: core's network.ts ⇄ train/ ⇄ checkpoint/serialize/preprocessing cycle is gone (leaves import the
 * NetworkHandle type from handle.ts and NetworkInternals from internals.ts, never network.ts).
 */
export const KNOWN_CYCLE_FILES = new Set([]);

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** The file a relative specifier names (TypeScript's `./x.js` → `x.ts` convention included), or undefined. */
export function resolveRelative(fromFile, spec, known) {
  const base = resolve(dirname(fromFile), spec);
  const stem = base.replace(/\.(?:[cm]?js|jsx)$/, '');
  const candidates = [base, ...EXTENSIONS.map((e) => stem + e), ...EXTENSIONS.map((e) => `${base}/index${e}`)];
  for (const c of candidates) if (known.has(c) || (existsSync(c) && statSync(c).isFile() && known.has(c))) return c;
  return undefined;
}

/**
 * Strongly connected components of size > 1 (or a file importing itself), each with one concrete
 * cycle through it. `edges`: file → [{ to, offset }] (static imports only).
 */
export function findCycles(files, edges) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  const strongConnect = (v) => {
    // Iterative Tarjan: deep import chains must not overflow the call stack.
    const work = [{ v, i: 0 }];
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    while (work.length > 0) {
      const frame = work.at(-1);
      const out = edges.get(frame.v) ?? [];
      if (frame.i < out.length) {
        const w = out[frame.i++].to;
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.v, Math.min(low.get(frame.v), idx.get(w)));
        }
      } else {
        work.pop();
        if (work.length > 0) low.set(work.at(-1).v, Math.min(low.get(work.at(-1).v), low.get(frame.v)));
        if (low.get(frame.v) === idx.get(frame.v)) {
          const component = [];
          let w;
          do {
            w = stack.pop();
            onStack.delete(w);
            component.push(w);
          } while (w !== frame.v);
          const selfLoop = (edges.get(frame.v) ?? []).some((e) => e.to === frame.v);
          if (component.length > 1 || selfLoop) components.push(component.sort());
        }
      }
    }
  };
  for (const f of files) if (!idx.has(f)) strongConnect(f);
  return components.map((members) => ({ members, path: shortestCycle(members, edges) }));
}

/** The shortest import chain from the component's first file back to itself, with the first edge's offset. */
function shortestCycle(members, edges) {
  const inside = new Set(members);
  const start = members[0];
  const prev = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    for (const { to } of edges.get(v) ?? []) {
      if (!inside.has(to)) continue;
      if (to === start) {
        const path = [start];
        for (let u = v; u !== start; u = prev.get(u)) path.splice(1, 0, u);
        path.push(start);
        const offset = (edges.get(start) ?? []).find((e) => e.to === path[1]).offset;
        return { files: path, offset };
      }
      if (!prev.has(to)) {
        prev.set(to, v);
        queue.push(to);
      }
    }
  }
  return { files: [start, start], offset: 0 };
}
