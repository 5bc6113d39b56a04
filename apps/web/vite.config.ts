import react from '@vitejs/plugin-react';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { jsonImportAttributes } from './dev/json-attributes.js';

// Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, which MNIST's two data-parallel
// workers share memory through (@backprop/parallel). Every resource the page loads is same-origin (fonts,
// KaTeX, the digits, the workers), so `require-corp` blocks nothing. A static host must send the same two
// headers on every response (docs/deploy in README.md); without them MNIST trains on one worker.
export const isolationHeaders = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } as const;

// Workspace packages resolve to their TypeScript sources (the `@backprop/source` export condition), so the
// app builds and tests without the packages' dist, and only through their root entries.
export default defineConfig({
  base: './',
  // jsonImportAttributes: the dev server loads MNIST as the build does (dev/json-attributes.ts says why).
  plugins: [react(), jsonImportAttributes()],
  resolve: { conditions: ['@backprop/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@backprop/source', ...defaultServerConditions] } },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { headers: isolationHeaders },
  preview: { host: '127.0.0.1', headers: isolationHeaders },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'dev/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Node imports the digits' loader itself (JSON with `with { type: 'json' }`): through Vite's transform
    // the 21 MB of JSON took 20 s of a quiet machine and over 120 s of CI's busy one, and timed a test out.
    server: { deps: { external: [/mnist-digits\.js$/] } },
  },
});
