import { duration, lr, num, percent, rate } from '../format.js';
import { ndjsonWriter } from '../io/ndjson.js';
import type { EndEvent, Metrics } from '../training/events.js';
import type { RunContext } from './run-context.js';

const PROGRESS_EVERY_MS = 10_000;

function metricsText(m: Metrics): string {
  const parts = [`loss ${num(m.trainLoss)}`];
  if (m.trainAccuracy !== undefined) parts.push(`acc ${percent(m.trainAccuracy)}`);
  if (m.valLoss !== undefined) parts.push(`val_loss ${num(m.valLoss)}`);
  if (m.valAccuracy !== undefined) parts.push(`val_acc ${percent(m.valAccuracy)}`);
  return parts.join('  ');
}

/** Why training ended, in words. */
export function stopWords(end: EndEvent): string {
  switch (end.stopReason) {
    case 'epochs':
      // The line already starts with the epoch count; saying it twice reads as a stutter.
      return 'all epochs done';
    case 'early-stopping':
      return 'early stopping: validation loss stopped improving; best weights kept';
    case 'stopped':
      return 'stopped by the user';
    case 'interrupted':
      return 'interrupted';
    case 'diverged':
      return `diverged: ${end.message ?? 'non-finite loss'}; kept the last good weights`;
  }
}

/**
 * The closing line: how far training got, why it ended, and the metrics of the last complete epoch
 * (named, so a run stopped mid-epoch does not mix that epoch's partial numbers with the last validation).
 */
export function endLine(end: EndEvent): string {
  const time = end.elapsedSeconds < 60 ? `${end.elapsedSeconds.toFixed(2)}s` : duration(end.elapsedSeconds);
  const partial = end.batch > 0 ? ` + ${end.batch}/${end.batches} batches` : '';
  const metrics = end.metrics && end.epoch > 0 ? `  epoch ${end.epoch}: ${metricsText(end.metrics)}` : '';
  return `done: ${end.epoch} epochs${partial}, ${end.iterations} steps in ${time} (${stopWords(end)})${metrics}`;
}

/** Non-TTY output: a line per epoch (and a progress line every 10 s within long epochs), no ANSI codes. */
export async function runPlain(ctx: RunContext, write: (s: string) => void, now: () => number = () => performance.now()): Promise<EndEvent> {
  write(`training ${ctx.title}\n`);
  let last = now();
  for await (const e of ctx.session) {
    if (e.type === 'batch' && now() - last >= PROGRESS_EVERY_MS) {
      last = now();
      write(`  epoch ${e.epoch + 1}/${e.epochs}  batch ${e.batch}/${e.batches}  loss ${num(e.loss)}  ${rate(e.samplesPerSecond)}  eta ${duration(e.etaSeconds)}\n`);
    } else if (e.type === 'epoch') {
      last = now();
      write(`epoch ${e.epoch}/${e.epochs}  ${metricsText(e.metrics)}  lr ${lr(e.learningRate)}  ${rate(e.samplesPerSecond)}  eta ${duration(e.etaSeconds)}\n`);
    } else if (e.type === 'end') {
      write(`${endLine(e)}\n`);
      return e;
    }
  }
  return ctx.session.result;
}

/** `--json`: every event as one JSON object per line. */
export async function runJson(ctx: RunContext, write: (s: string) => void): Promise<EndEvent> {
  const emit = ndjsonWriter(write);
  emit({ type: 'start', dataset: ctx.data.name, train: ctx.data.train.X.rows, validation: ctx.data.validation?.X.rows ?? 0, config: ctx.config });
  for await (const e of ctx.session) {
    emit(e);
    if (e.type === 'end') return e;
  }
  return ctx.session.result;
}
