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

export function paint(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Paint {
  const enabled = stream.isTTY === true && env.NO_COLOR === undefined;
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
