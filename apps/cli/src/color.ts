// Minimal ANSI styling for the plain-text commands; off when the stream is not a terminal or NO_COLOR is set.

export interface Paint {
  readonly enabled: boolean;
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

/**
 * Whether to colour output, by the usual conventions (and in Node's order): FORCE_COLOR (any value but
 * `0` / `false`) forces colours on, FORCE_COLOR=0 or a non-empty NO_COLOR (no-color.org) turns them off,
 * and otherwise colours follow whether the stream is a terminal.
 */
export function colourWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/**
 * Makes Ink's colour library (chalk, which reads FORCE_COLOR but not NO_COLOR when it loads) follow
 * {@link colourWanted}. Call before Ink is imported.
 */
export function settleColourEnv(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const wanted = colourWanted(stream, env);
  if (!wanted) env.FORCE_COLOR = '0';
  return wanted;
}

export function paint(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env, plain = false): Paint {
  // --plain asks for what a pipe gets: it beats FORCE_COLOR as a flag typed on the command beats the environment.
  const enabled = !plain && colourWanted(stream, env);
  const id = (s: string) => s;
  return {
    enabled,
    green: enabled ? wrap(32, 39) : id,
    red: enabled ? wrap(31, 39) : id,
    yellow: enabled ? wrap(33, 39) : id,
    dim: enabled ? wrap(2, 22) : id,
    bold: enabled ? wrap(1, 22) : id,
  };
}
