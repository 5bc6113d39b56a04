#!/usr/bin/env node
// Build step after tsup: copies the web playground's production build (apps/web/dist, built first by
// turbo: see turbo.json's @backprop/cli#build) into dist/playground, so `backprop playground` from an
// npm install serves it without the repository.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const to = fileURLToPath(new URL('../dist/playground/', import.meta.url));
if (!existsSync(`${from}index.html`)) {
  console.error(`copy-playground: ${from}index.html is missing; build @backprop/web first (turbo run build does)`);
  process.exit(1);
}
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true, filter: (src) => !src.endsWith('.map') });
