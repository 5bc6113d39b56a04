// The `backprop` command as an npm user gets it: installed from its tarball (with the library
// tarballs it depends on), started from node_modules/.bin in a real pseudo-terminal (tmux).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** One tmux server (own socket) running `command` in a 120 × 40 pseudo-terminal; the pane outlives it. */
export class Pty {
  private readonly socket = `backprop-publish-${process.pid}-${randomBytes(4).toString('hex')}`;

  constructor(command: string, cwd: string, env: Readonly<Record<string, string>> = {}) {
    const script = `cd '${cwd}' && ${command}; echo "[exit $?]"; sleep 600`;
    // CI=false: Ink renders nothing until exit when it believes it runs in CI (TOOLCHAIN trap 10).
    const vars = Object.entries({ CI: 'false', ...env }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    this.tmux('new-session', '-d', '-x', '120', '-y', '40', '-s', 'main', ...vars, 'sh', '-c', script);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'main');
  }

  async waitFor(pattern: RegExp, timeoutMs: number): Promise<string> {
    const end = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < end) {
      screen = this.screen();
      if (pattern.test(screen)) return screen;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

/**
 * Starts `backprop playground --port 0` (no terminal), fetches the page it announces, stops it with
 * SIGINT; returns the page's status and isolation headers and the command's exit code.
 */
export function servePlayground(bin: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number; coep: string | null; title: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['playground', '--port', '0'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let page: { status: number; coep: string | null; title: boolean } | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0];
      if (!url || page) return;
      page = { status: 0, coep: null, title: false };
      fetch(url)
        .then(async (r) => {
          page = { status: r.status, coep: r.headers.get('cross-origin-embedder-policy'), title: (await r.text()).includes('<title>backprop playground</title>') };
        })
        .catch(reject)
        .finally(() => child.kill('SIGINT'));
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (!page) reject(new Error(`backprop playground printed no URL (exit ${code}):\n${out}\n${err}`));
      else resolve({ ...page, code });
    });
  });
}
