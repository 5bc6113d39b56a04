import { execFileSync } from 'node:child_process';

/** Builds the WebAssembly kernels before the tests import them (a no-op when they are up to date). */
export default function setup(): void {
  execFileSync(process.execPath, [new URL('./build-wasm.mjs', import.meta.url).pathname], { stdio: 'inherit' });
}
