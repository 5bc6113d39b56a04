// `backprop playground`: serves the web playground's production build (shipped inside this package as
// dist/playground) on 127.0.0.1, with the cross-origin isolation headers its workers need for
// SharedArrayBuffer, until Ctrl-C. `pnpm playground` in the repository runs exactly this.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { CliError, usageError } from '../errors.js';
import { integerIn } from '../parse.js';
import type { Runtime } from '../runtime.js';

/** Cross-origin isolation (COOP + COEP): without it browsers withhold SharedArrayBuffer from the page's workers. */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/** The first port tried; vite preview's default, so the URL teachers know keeps working. */
export const DEFAULT_PORT = 4173;
/** Ports tried after a busy default (4173 … 4182) before giving up. */
const PORT_ATTEMPTS = 10;

/** Where the build put the playground: beside this bundle (dist/playground). */
export function playgroundDir(): string {
  return fileURLToPath(new URL('./playground/', import.meta.url));
}

/** A running static server. */
export interface StaticServer {
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and drops open ones (keep-alive included), so the process can exit. */
  close(): Promise<void>;
}

/** Serves `root` read-only on `host:port` (port 0: any free port). GET and HEAD only; nothing outside `root`. */
export function serveStatic(root: string, host: string, port: number): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer((req, res) => respond(base, req, res));
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      done({ url: `http://${host}:${actual}/`, port: actual, close: () => closeServer(server) });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

function respond(base: string, req: IncomingMessage, res: ServerResponse): void {
  const send = (status: number, text: string) => {
    res.writeHead(status, { ...ISOLATION_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : `${text}\n`);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(405, 'method not allowed');
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    send(400, 'bad request');
    return;
  }
  let file = resolve(base, `.${pathname}`);
  if (file !== base && !file.startsWith(base + sep)) {
    send(403, 'forbidden');
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file) || !statSync(file).isFile()) {
    send(404, 'not found');
    return;
  }
  // Vite names assets by content hash, so they never change; index.html must be re-read to see a new build.
  const hashed = file.startsWith(join(base, 'assets') + sep);
  res.writeHead(200, {
    ...ISOLATION_HEADERS,
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': statSync(file).size,
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

/** Listens on the asked port; without an explicit one, the first free port from 4173 on. */
async function listen(root: string, port: number | undefined): Promise<StaticServer> {
  const candidates = port === undefined ? Array.from({ length: PORT_ATTEMPTS }, (_, i) => DEFAULT_PORT + i) : [port];
  for (const p of candidates) {
    try {
      return await serveStatic(root, '127.0.0.1', p);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
    }
  }
  throw port === undefined
    ? new CliError(`ports ${DEFAULT_PORT}–${DEFAULT_PORT + PORT_ATTEMPTS - 1} are all in use; choose one with --port <n> (0: any free port)`)
    : usageError(`port ${port} is in use; choose another with --port <n> (0: any free port)`);
}

/**
 * Serves the playground until Ctrl-C (SIGINT), SIGTERM or `stop` aborts; returns the exit code (0).
 * `flags.port`: a port number, 0 for any free port; default the first free one from 4173.
 */
export async function playgroundCommand(flags: Record<string, unknown>, rt: Runtime, stop?: AbortSignal): Promise<number> {
  const root = typeof flags.dir === 'string' ? resolve(flags.dir) : playgroundDir();
  if (!existsSync(join(root, 'index.html'))) {
    throw new CliError(`${root}: no playground build here (index.html is missing); in the repository run \`pnpm playground\`, which builds it`);
  }
  const server = await listen(root, typeof flags.port === 'number' ? flags.port : undefined);
  rt.stdout.write(`backprop playground: ${server.url}\n(serving ${root}; press Ctrl-C to stop)\n`);
  const bySignal = await new Promise<boolean>((done) => {
    const onSignal = () => done(true);
    // Stay subscribed after the first signal: under `pnpm playground`, pnpm forwards the terminal's
    // SIGINT a second time, and an unhandled second one would kill us mid-shutdown (exit 130).
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const onAbort = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      done(false);
    };
    if (stop?.aborted) onAbort();
    else stop?.addEventListener('abort', onAbort, { once: true });
  });
  if (bySignal) rt.stdout.write('\n');
  await server.close();
  rt.stdout.write('playground stopped\n');
  return 0;
}

/** Parses --port: an integer 0–65535. */
export const portNumber = integerIn(0, 65535, 'a port number 0–65535', ' (the largest port number)');

/** Registers `backprop playground` on the program (one line in program.ts). */
export function definePlaygroundCommand(
  program: Command,
  action: (command: string, args: readonly string[], flags: Record<string, unknown>) => Promise<void>,
): void {
  program
    .command('playground')
    .description('serve the web playground (network view, step-through backprop, gradcheck) on 127.0.0.1 until Ctrl-C')
    .option('-p, --port <n>', `port (default: the first free one from ${DEFAULT_PORT}; 0: any free port)`, portNumber)
    .option('--dir <path>', 'serve this playground build instead of the bundled one')
    .addHelpText('after', '\nExamples:\n  $ backprop playground\n  $ backprop playground --port 8080\n')
    .action((flags: Record<string, unknown>) => action('playground', [], flags));
}
