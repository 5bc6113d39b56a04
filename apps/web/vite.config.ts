import react from '@vitejs/plugin-react';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources (the `@backprop/source` export condition), so the
// app builds and tests without the packages' dist, and only through their root entries.
export default defineConfig({
  base: './',
  plugins: [react()],
  resolve: { conditions: ['@backprop/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@backprop/source', ...defaultServerConditions] } },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  preview: { host: '127.0.0.1' },
  test: { include: ['src/**/*.test.{ts,tsx}'], environment: 'node', testTimeout: 30_000 },
});
