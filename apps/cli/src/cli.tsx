// The `backprop` command: parse argv, run the command, exit with its code (0 ok, 1 failure, 2 usage).
// React's development build is several times slower to render; an installed command runs production.
// (Set before the dashboard's dynamic import evaluates react / ink.)
process.env.NODE_ENV ??= 'production';
import { dispatch } from './commands/index.js';
import { run } from './program.js';
import { processRuntime } from './runtime.js';

const rt = processRuntime();
// `backprop train --json | head`: a closed pipe ends the command quietly, as Unix tools do.
for (const stream of [rt.stdout, rt.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const code = await run(process.argv.slice(2), (command, args, flags) => dispatch(command, args, flags, rt), {
  out: (s) => rt.stdout.write(s),
  err: (s) => rt.stderr.write(s),
});
process.exitCode = code;
// Ink may leave stdin referenced after raw mode; nothing else is pending once a command has returned.
if (rt.stdin.isTTY) rt.stdin.unref();
