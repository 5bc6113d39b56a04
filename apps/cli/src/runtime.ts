/** The process edges a command touches, injectable for tests. */
export interface Runtime {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
}

export const processRuntime = (): Runtime => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });

/** How to show progress: the Ink dashboard only when stdout is a terminal and neither --json nor --plain was asked. */
export type OutputMode = 'dashboard' | 'plain' | 'json';

export function outputMode(flags: Record<string, unknown>, rt: Runtime): OutputMode {
  if (flags.json === true) return 'json';
  if (flags.plain === true || rt.stdout.isTTY !== true) return 'plain';
  return 'dashboard';
}
