import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * One tmux server per test (unique `-L` socket), 120 × 40, running a shell command in a real
 * pseudo-terminal. The command's exit code is printed as `[exit N]` and the pane stays open so the
 * last screen can be read. Always `kill()` it (in afterEach / finally).
 */
export class Tmux {
  readonly socket = `backprop-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  start(command: string, cwd: string): void {
    const script = `cd '${cwd}' && ${command}; echo "[exit $?]"; sleep 600`;
    // CI=false: Ink renders nothing until exit when it believes it runs in CI (TOOLCHAIN §4 trap 10).
    this.tmux('new-session', '-d', '-x', '120', '-y', '40', '-s', 'main', '-e', 'CI=false', '-e', 'FORCE_COLOR=1', 'sh', '-c', script);
  }

  /** The visible screen as plain text. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'main');
  }

  /** tmux key names: 'p', 'C-c', 'Enter', or literal text with `literal`. */
  send(keys: string, literal = false): void {
    this.tmux('send-keys', '-t', 'main', ...(literal ? ['-l'] : []), keys);
  }

  /** Polls the screen every 10 ms until it matches; returns the screen and how long it took. */
  async waitFor(pattern: string | RegExp, timeoutMs = 20_000): Promise<{ screen: string; ms: number }> {
    const start = performance.now();
    let screen = '';
    while (performance.now() - start < timeoutMs) {
      screen = this.screen();
      if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return { screen, ms: performance.now() - start };
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}
