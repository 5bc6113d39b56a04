import type { Snapshot } from './protocol.js';

// Helpers of the snapshots the worker posts: what to transfer, and how to thin a long curve.

/** The buffers of a snapshot, for postMessage's transfer list (the worker keeps no reference to them). */
export function transferables(s: Snapshot): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>([s.flat.buffer as ArrayBuffer]);
  if (s.grid) buffers.add(s.grid.buffer as ArrayBuffer);
  if (s.gridConfidence) buffers.add(s.gridConfidence.buffer as ArrayBuffer);
  if (s.gridProbabilities) buffers.add(s.gridProbabilities.buffer as ArrayBuffer);
  const first = s.neurons?.[0]?.[0];
  if (first) buffers.add(first.buffer as ArrayBuffer);
  return [...buffers];
}

/** At most `max` points, evenly spaced, always keeping the last. */
export function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return points.slice();
  const step = points.length / max;
  const out: T[] = [];
  for (let i = 0; i < max - 1; i++) out.push(points[Math.floor(i * step)]!);
  out.push(points[points.length - 1]!);
  return out;
}
