// The one file of the core that touches host timing (STYLE §2.3 whitelists it): a monotonic clock and
// an event-loop yield. Everything else takes `now` as an argument, so tests inject a fake clock.

/** Milliseconds from a monotonic clock (`performance.now()`; 0 where the host has none). */
export function systemNow(): number {
  const perf = (globalThis as unknown as { performance?: { now(): number } }).performance;
  return perf ? perf.now() : 0;
}

type Host = {
  setImmediate?: (fn: () => void) => unknown;
  MessageChannel?: new () => { port1: { onmessage: (() => void) | null; close?(): void }; port2: { postMessage(v: unknown): void; close?(): void } };
  setTimeout?: (fn: () => void, ms: number) => unknown;
};

/**
 * Resolves on a later macrotask, so rendering, input and timers run in between (a microtask would not
 * let them): `setImmediate` in Node, a `MessageChannel` message in browsers and workers, else `setTimeout(0)`.
 */
export function yieldToEventLoop(): Promise<void> {
  const host = globalThis as unknown as Host;
  return new Promise((resolve) => {
    if (host.setImmediate) {
      host.setImmediate(resolve);
    } else if (host.MessageChannel) {
      const channel = new host.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close?.();
        channel.port2.close?.();
        resolve();
      };
      channel.port2.postMessage(0);
    } else if (host.setTimeout) {
      host.setTimeout(resolve, 0);
    } else {
      resolve();
    }
  });
}
