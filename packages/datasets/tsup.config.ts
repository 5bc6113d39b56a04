import { execFileSync } from 'node:child_process';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  keepNames: true, // class names survive in logs and stack traces (Network, not _Network)
  onSuccess: async () => void execFileSync(process.execPath, ['../../scripts/keep-class-names.mjs', 'dist']), // …and in stack frames (see the script)
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  removeNodeProtocol: false,
  external: [/^node:/], // only the ./node entry uses them
});
