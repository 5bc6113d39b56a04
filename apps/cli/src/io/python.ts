import { spawnSync } from 'node:child_process';

/** A Python that can run an exported train.py: how to call it, and its torch version. */
export interface TorchPython {
  readonly command: string;
  readonly torch: string;
}

/**
 * The interpreters tried, in order: the names a user types (on PATH), then the system's own. They can differ:
 * a pyenv or venv `python3` first on PATH often lacks the torch that Debian's `/usr/bin/python3` has.
 */
export const PYTHON_CANDIDATES: readonly string[] = ['python3', 'python', '/usr/bin/python3', '/usr/local/bin/python3'];

/** train.py's needs: PyTorch ≥ 1.13 (torch.frombuffer, the optimizers' state layout) and numpy. */
const MIN_TORCH: readonly [number, number] = [1, 13];

const PROBE = 'import numpy, torch; print(torch.__version__)';

/** True for a torch version string (`1.13.1`, `2.5.0+cpu`, `1.13.0a0`) at least {@link MIN_TORCH}. */
export function torchRecentEnough(version: string): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version.trim());
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > MIN_TORCH[0] || (major === MIN_TORCH[0] && minor >= MIN_TORCH[1]);
}

/**
 * The first candidate that imports numpy and torch ≥ 1.13, or undefined when none does (or none exists).
 * Each is asked in a child process (importing torch takes a second or two); a missing one fails at once.
 */
export function findTorchPython(candidates: readonly string[] = PYTHON_CANDIDATES, timeoutMs = 60_000): TorchPython | undefined {
  for (const command of candidates) {
    const r = spawnSync(command, ['-c', PROBE], { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'ignore'] });
    if (r.status !== 0 || typeof r.stdout !== 'string') continue;
    const torch = r.stdout.trim().split('\n').at(-1) ?? '';
    if (torchRecentEnough(torch)) return { command, torch };
  }
  return undefined;
}

/** `command` as typed into a POSIX shell (quoted when it holds anything but safe characters). */
const shellWord = (command: string) => (/^[\w./+-]+$/.test(command) ? command : `'${command.replace(/'/g, `'\\''`)}'`);

/**
 * The line saying how to run train.py in `dir`: with the Python found here when there is one (named, with its
 * torch version, when it is not the plain `python3` a user would type), else `python3` and what it needs, so
 * the command shown is one that works here. `note` is added to the parenthesis (why an argument is there).
 */
export function continueLine(dir: string, args: string, python: TorchPython | undefined, note?: string): string {
  const run = (command: string) => `cd ${shellWord(dir)} && ${command} train.py${args}`;
  const notes = (first?: string) => {
    const all = [first, note].filter((n) => n !== undefined);
    return all.length > 0 ? `   (${all.join('; ')})` : '';
  };
  if (python === undefined) return `${run('python3')}${notes('needs a Python with PyTorch ≥ 1.13 and numpy; none found here: pip install torch numpy')}`;
  if (python.command === 'python3') return `${run('python3')}${notes()}`;
  return `${run(shellWord(python.command))}${notes(`the Python here with PyTorch ${python.torch}`)}`;
}
