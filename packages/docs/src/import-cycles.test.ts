// The import-cycle rule of scripts/check-style.mjs, on fixture repositories.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const checkStyle = fileURLToPath(new URL('../../../scripts/check-style.mjs', import.meta.url));

function repo(files: Readonly<Record<string, string>>): { status: number | null; out: string } {
  const root = mkdtempSync(join(tmpdir(), 'backprop-cycles-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const r = spawnSync(process.execPath, [checkStyle, root], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

test('a cycle through three files fails, naming the chain', () => {
  const r = repo({
    'packages/x/src/index.ts': "export { a } from './a.js';\n",
    'packages/x/src/a.ts': "import { b } from './b.js';\nexport const a = b;\n",
    'packages/x/src/b.ts': "import { c } from './util/c.js';\nexport const b = c;\n",
    'packages/x/src/util/c.ts': "import { a } from '../a.js';\nexport const c = 1;\nexport const d = () => a;\n",
  });
  expect(r.status).toBe(1);
  expect(r.out).toContain('packages/x/src/a.ts:1: import-cycle: src/a.ts → src/b.ts → src/util/c.ts → src/a.ts');
});

test('type-only imports count; a leaf both import does not make a cycle', () => {
  const cyclic = repo({
    'apps/y/src/network.ts': "import { fit } from './train.js';\nexport class Network { fit = fit; }\n",
    'apps/y/src/train.ts': "import type { Network } from './network.js';\nexport const fit = (n?: Network) => n;\n",
  });
  expect(cyclic.status).toBe(1);
  expect(cyclic.out).toContain('import-cycle: src/network.ts → src/train.ts → src/network.ts');
  const tree = repo({
    'apps/y/src/network.ts': "import { fit } from './train.js';\nimport type { Spec } from './spec.js';\nexport const make = (s: Spec) => fit(s);\n",
    'apps/y/src/train.ts': "import type { Spec } from './spec.js';\nexport const fit = (s: Spec) => s;\n",
    'apps/y/src/spec.ts': 'export interface Spec { readonly n: number }\n',
  });
  expect(tree.out).toContain('style: 3 passed, 0 failed');
  expect(tree.status).toBe(0);
});

test('dynamic import() is on-demand loading, not a cycle; cycles across packages are not this rule', () => {
  const r = repo({
    'apps/cli/src/index.ts': "export const run = () => import('./train.js');\n",
    'apps/cli/src/train.ts': "import { run } from './index.js';\nexport const again = run;\n",
  });
  expect(r.out).not.toContain('import-cycle');
  expect(r.status).toBe(0);
});

test("core gets no exemption: its network ⇄ train cycle is gone, and the allow-list is empty", () => {
  const r = repo({
    'packages/core/src/network.ts': "import { fit } from './train/fit.js';\nexport const n = fit;\n",
    'packages/core/src/train/fit.ts': "import type { n } from '../network.js';\nexport const fit = 1 as unknown as typeof n;\n",
  });
  expect(r.status).toBe(1);
  expect(r.out).toContain('import-cycle: src/network.ts → src/train/fit.ts → src/network.ts');
});
