import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { fakeRuntime } from '../../test/helpers/fake-runtime.js';
import { ISOLATION_HEADERS, playgroundCommand, portNumber, serveStatic, type StaticServer } from './playground.js';

function site(): string {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-playground-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>pg</title>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(join(dir, 'assets', 'k.wasm'), new Uint8Array([0, 97, 115, 109]));
  writeFileSync(join(dirname(dir), `${dir.split('/').pop()}-secret.txt`), 'secret');
  return dir;
}
const dirname = (p: string) => p.slice(0, p.lastIndexOf('/'));

let server: StaticServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the playground server', () => {
  test('serves index.html and hashed assets with COOP/COEP and the right types', async () => {
    server = await serveStatic(site(), '127.0.0.1', 0);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>pg</title>');
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) expect(page.headers.get(name)).toBe(value);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const js = await fetch(`${server.url}assets/index-abc.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(js.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect((await fetch(`${server.url}assets/k.wasm`)).headers.get('content-type')).toBe('application/wasm');
  });

  test('answers 404, 405 and HEAD, and never leaves its directory', async () => {
    const dir = site();
    server = await serveStatic(dir, '127.0.0.1', 0);
    expect((await fetch(`${server.url}nope.js`)).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await fetch(server.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    // fetch normalises `..` away, so speak raw HTTP: a path aiming at the file beside the directory is not served.
    for (const path of [`/../${dir.split('/').pop()}-secret.txt`, `/%2e%2e/${dir.split('/').pop()}-secret.txt`, '/..%2f..%2fetc%2fpasswd']) {
      const raw = await rawGet(server.port, path);
      expect(raw).toMatch(/^HTTP\/1\.1 40[34] /);
      expect(raw).not.toMatch(/secret|root:/);
    }
  });

  test('backprop playground prints the URL, serves until stopped, then says so (exit 0)', async () => {
    const rt = fakeRuntime();
    const stop = new AbortController();
    const done = playgroundCommand({ dir: site(), port: 0 }, rt, stop.signal);
    const url = await waitFor(() => /http:\/\/127\.0\.0\.1:\d+\//.exec(rt.out())?.[0]);
    expect((await fetch(url)).status).toBe(200);
    stop.abort();
    expect(await done).toBe(0);
    expect(rt.out()).toContain('playground stopped');
    await expect(fetch(url)).rejects.toThrow();
  });

  test('a busy default port moves on to the next; a busy explicit port is a usage error', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(4173, '127.0.0.1', () => r()).on('error', () => r()));
    try {
      const rt = fakeRuntime();
      const stop = new AbortController();
      const done = playgroundCommand({ dir: site() }, rt, stop.signal);
      const url = await waitFor(() => /http:\/\/127\.0\.0\.1:(\d+)\//.exec(rt.out())?.[0]);
      expect(url).not.toContain(':4173/');
      stop.abort();
      await done;
      await expect(playgroundCommand({ dir: site(), port: 4173 }, fakeRuntime())).rejects.toThrow(/port 4173 is in use/);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  test('a directory without a build is named in the error', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'backprop-empty-'));
    await expect(playgroundCommand({ dir: empty }, fakeRuntime())).rejects.toThrow(/index\.html is missing.*pnpm playground/);
  });

  test('--port accepts 0–65535 only', () => {
    expect(portNumber('0')).toBe(0);
    expect(portNumber('8080')).toBe(8080);
    for (const bad of ['-1', '65536', 'abc', '1.5', '']) expect(() => portNumber(bad)).toThrow(/port number/);
  });
});

async function waitFor<T>(get: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function rawGet(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    import('node:net').then(({ connect }) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    }, reject);
  });
}
