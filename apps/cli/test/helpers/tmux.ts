import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** Terminal size and extra environment of a tmux session (default 120 × 40, CI=false, FORCE_COLOR=1). */
export interface TmuxOptions {
  readonly width?: number;
  readonly height?: number;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * One tmux server per test (unique `-L` socket), 120 × 40 unless told, running a shell command in a real
 * pseudo-terminal. The command's exit code is printed as `[exit N]` and the pane stays open so the
 * last screen can be read. Always `kill()` it (in afterEach / finally).
 */
export class Tmux {
  readonly socket = `backprop-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  start(command: string, cwd: string, options: TmuxOptions = {}): void {
    const script = `cd '${cwd}' && ${command}; echo "[exit $?]"; sleep 600`;
    // CI=false by default: the suite itself runs with CI=true (a test of CI=true in a terminal sets it).
    const env = { CI: 'false', FORCE_COLOR: '1', ...options.env };
    const vars = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    this.tmux('new-session', '-d', '-x', String(options.width ?? 120), '-y', String(options.height ?? 40), '-s', 'main', ...vars, 'sh', '-c', script);
  }

  /** Resizes the terminal, as dragging the window's corner does. */
  resize(width: number, height: number): void {
    this.tmux('resize-window', '-t', 'main', '-x', String(width), '-y', String(height));
  }

  /** The screen and the scrollback above it (the last `lines` lines), as plain text. */
  history(lines = 1000): string {
    return this.tmux('capture-pane', '-p', '-t', 'main', '-S', `-${lines}`);
  }

  /** The visible screen with colours (ANSI escapes), as `capture-pane -e` gives it. */
  screenWithColours(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', 'main');
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
    return this.waitUntil((screen) => (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)), String(pattern), timeoutMs);
  }

  /**
   * Polls the screen every 10 ms until `accept` holds for it; returns that very screen (so a test asserts on
   * the screen it waited for, not on a later capture) and how long it took. Wait on content like this, never
   * on a fixed sleep: on a loaded machine frames come late, and a sleep then reads a screen not yet redrawn.
   */
  async waitUntil(accept: (screen: string) => boolean, what: string, timeoutMs = 20_000): Promise<{ screen: string; ms: number }> {
    const start = performance.now();
    let screen = '';
    while (performance.now() - start < timeoutMs) {
      screen = this.screen();
      if (accept(screen)) return { screen, ms: performance.now() - start };
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen:\n${screen}`);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}
