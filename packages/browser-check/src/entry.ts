// The bundle's entry (an IIFE script): exposes `globalThis.backpropCheck.run(runtime)`, and inside a
// dedicated worker answers each message with the same output, so Chromium can run it on both threads.
import type { MathTable } from './pin-math.js';
import { type CheckReport, runScenarios } from './scenarios.js';

/** What one runtime hands back: its report, plus what a pin-math prologue left (if one ran). */
export interface RuntimeOutput {
  readonly report: CheckReport;
  /** Recorded by the recording prologue. */
  readonly mathTable?: MathTable;
  /** Calls the replay prologue could not answer from the table, per function. */
  readonly mathMisses?: Record<string, number>;
}

interface Host {
  backpropCheck?: { run(runtime: string): RuntimeOutput };
  __mathTable?: MathTable;
  __mathMisses?: Record<string, number>;
  postMessage?: (message: unknown) => void;
  onmessage?: ((event: { data: unknown }) => void) | null;
  WorkerGlobalScope?: unknown;
}

const host = globalThis as unknown as Host;
const run = (runtime: string): RuntimeOutput => {
  const report = runScenarios(runtime);
  return { report, ...(host.__mathTable && { mathTable: host.__mathTable }), ...(host.__mathMisses && { mathMisses: host.__mathMisses }) };
};
host.backpropCheck = { run };
if (host.WorkerGlobalScope !== undefined && host.postMessage) {
  const post = host.postMessage.bind(globalThis);
  host.onmessage = (event) => {
    try {
      post({ ok: true, json: JSON.stringify(run(String(event.data))) });
    } catch (error) {
      post({ ok: false, error: String((error as Error)?.stack ?? error) });
    }
  };
}
