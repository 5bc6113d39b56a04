import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { continueLine, findTorchPython, torchRecentEnough } from './python.js';

const dir = mkdtempSync(join(tmpdir(), 'backprop-python-'));

/** A fake interpreter: prints `stdout` and exits with `code`, whatever it is asked. */
function fake(name: string, stdout: string, code = 0): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\nprintf '%s\\n' '${stdout}'\nexit ${code}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('finding a Python that can run train.py', () => {
  test('torch ≥ 1.13 only, in any of its version spellings', () => {
    for (const v of ['1.13.0a0', '1.13.1', '2.5.1+cpu', '10.0']) expect(torchRecentEnough(v)).toBe(true);
    for (const v of ['1.12.1', '0.4.1', '', 'torch']) expect(torchRecentEnough(v)).toBe(false);
  });

  test('the first candidate with torch and numpy wins; one without, a too-old one and a missing one are passed over', () => {
    const without = fake('no-torch', "ModuleNotFoundError: No module named 'torch'", 1);
    const old = fake('old-torch', '1.12.1');
    const good = fake('good-torch', '2.1.0+cpu');
    expect(findTorchPython([join(dir, 'missing'), without, old, good])).toEqual({ command: good, torch: '2.1.0+cpu' });
    expect(findTorchPython([without, old, join(dir, 'missing')])).toBeUndefined();
  });

  test("this machine's system Python has torch (the one the PyTorch tests use)", () => {
    expect(findTorchPython(['/usr/bin/python3'])?.command).toBe('/usr/bin/python3');
  });

  test('the continue line names the Python found, or says plainly what is needed', () => {
    expect(continueLine('run', ' --processes 2', { command: 'python3', torch: '2.1.0' })).toBe('cd run && python3 train.py --processes 2');
    expect(continueLine('my run', ' --processes 2', { command: '/usr/bin/python3', torch: '1.13.0a0' })).toBe(
      "cd 'my run' && /usr/bin/python3 train.py --processes 2   (the Python here with PyTorch 1.13.0a0)",
    );
    expect(continueLine('run', ' --epochs 6', { command: 'python3', torch: '2.1.0' }, 'its 3 epochs are done')).toBe('cd run && python3 train.py --epochs 6   (its 3 epochs are done)');
    expect(continueLine('run', '', { command: '/usr/bin/python3', torch: '1.13.0a0' }, 'why')).toBe('cd run && /usr/bin/python3 train.py   (the Python here with PyTorch 1.13.0a0; why)');
    expect(continueLine('run', '', undefined)).toBe('cd run && python3 train.py   (needs a Python with PyTorch ≥ 1.13 and numpy; none found here: pip install torch numpy)');
  });
});
