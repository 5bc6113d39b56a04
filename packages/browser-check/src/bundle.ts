import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles entry.ts with the built @backprop/core and @backprop/datasets (their `import` condition:
 * dist/index.js) into one IIFE script that runs as is in Node, a page and a worker.
 */
export async function bundleCheck(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    // loadMnist's lazy JSON (21 MB) is never called here; left external it stays an unused import().
    external: ['mnist', 'mnist/*'],
    // `a ** b` becomes Math.pow(a, b) (the same ECMAScript operation, Number::exponentiate), so a
    // pin-math prologue sees Adam's β^t as well.
    supported: { 'exponent-operator': false },
  });
  return result.outputFiles[0]!.text;
}
