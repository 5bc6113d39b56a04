import { resolve } from 'node:path';
import { type ModelMetadata, Network } from '@backprop/core';
import { type DataOptions, type LoadedData, loadData } from '../data.js';
import { usageError } from '../errors.js';
import { checkOutputPath } from '../io/output-path.js';
import { settleColourEnv } from '../color.js';
import { ndjsonWriter } from '../io/ndjson.js';
import { type Runtime, outputMode } from '../runtime.js';
import type { EndEvent } from '../training/events.js';
import { createMeter, throughputLine } from '../training/meter.js';
import { type Session, createSession } from '../training/session.js';
import { createRunContext } from './run-context.js';
import { type TrainConfig, networkSpec, trainConfig } from './train-config.js';
import { endLine, runJson, runPlain } from './train-plain.js';

/** Exit code of a finished run: 0, 1 when it diverged, 130 when interrupted (as shells report SIGINT). */
export function exitCodeOf(end: EndEvent): number {
  if (end.stopReason === 'diverged') return 1;
  if (end.stopReason === 'interrupted') return 130;
  return 0;
}

/** 128 + the signal's number, as shells report a process ended by it: 130 for SIGINT, 143 for SIGTERM. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGTERM' ? 143 : signal === 'SIGHUP' ? 129 : 130;
}

/** `backprop train`. */
export function trainCommand(flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  return runTraining(trainConfig(flags), flags, rt);
}

/**
 * A fresh network remembers what its inputs and outputs are called (feature and class names), so that
 * `predict` can map named inputs (a CSV header, JSON keys) and answer with class names.
 */
export function createNetwork(config: TrainConfig, data: LoadedData): Network {
  const net = Network.create(networkSpec(config, data.train));
  const train = data.train;
  const labels = train.task === 'classification' && train.classNames.length === (net.output === 'logistic' && net.outputs === 1 ? 2 : net.outputs) ? train.classNames : undefined;
  const features = train.featureNames.length === net.inputs && new Set(train.featureNames).size === net.inputs && train.featureNames.every((f) => f !== '') ? train.featureNames : undefined;
  if (labels || features) net.setPreprocessing({ ...(labels ? { labels } : {}), ...(features ? { features } : {}) });
  // The data set, as a checkpoint's config records it, so `backprop eval model.json` needs no -d.
  net.setMetadata(dataMetadata(config.data));
  return net;
}

/** A run's data options as model-file metadata (flat: dataset, seed, validation, and label / samples / noise when given). */
export function dataMetadata(data: DataOptions): ModelMetadata {
  const { dataset, seed, validation, label, samples, noise } = data;
  return { dataset, seed, validation, ...(label !== undefined ? { label } : {}), ...(samples !== undefined ? { samples } : {}), ...(noise !== undefined ? { noise } : {}) };
}

/**
 * Ink draws nothing until exit when it believes it runs in CI (is-in-ci reads CI / CONTINUOUS_INTEGRATION
 * as it loads). The dashboard is only chosen when stdout is a terminal, where a person is watching: the
 * blank screen with an invisible "save?" question is worse than any CI log. Called before Ink loads.
 */
export function drawEvenInCi(env: NodeJS.ProcessEnv = process.env): void {
  for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) if (key in env) env[key] = 'false';
}

/**
 * The session, writing a checkpoint after every `every`-th epoch as its events pass by (whoever renders
 * them: dashboard, plain lines or NDJSON), so a headless run can be resumed after a crash or a kill.
 */
export function checkpointing(session: Session, every: number, save: () => string, note: (line: string) => void): Session {
  return new Proxy(session, {
    get(target, key) {
      if (key !== Symbol.asyncIterator) return Reflect.get(target, key, target);
      return () => {
        const events = target[Symbol.asyncIterator]();
        return (async function* () {
          for (let r = await events.next(); !r.done; r = await events.next()) {
            // Training runs ahead of its events, so the state saved may be a few steps past this epoch: say which.
            if (r.value.type === 'epoch' && r.value.epoch % every === 0) note(`checkpoint saved to ${save()}\n`);
            yield r.value;
          }
        })();
      };
    },
  });
}

/** Output files are checked before training, so a long run never ends with nowhere to write. */
export function checkOutputs(config: TrainConfig, flags: Record<string, unknown>): void {
  if (config.save !== undefined) checkOutputPath(config.save, '--save');
  if (flags.checkpoint !== undefined || flags.checkpointEvery !== undefined) checkOutputPath(config.checkpoint, '--checkpoint');
}

/** Loads the data, builds the network (or resumes `resumed`, loaded from a checkpoint), trains with the chosen renderer, saves when asked. */
export async function runTraining(config: TrainConfig, flags: Record<string, unknown>, rt: Runtime, resumed?: Network): Promise<number> {
  checkOutputs(config, flags);
  const mode = outputMode(flags, rt);
  const write = (s: string) => rt.stdout.write(s);
  if (mode !== 'json' && config.data.dataset === 'mnist') rt.stderr.write('loading MNIST (10,000 digits)…\n');
  const data = await loadData(config.data);
  // Early stopping watches the validation loss: without a validation set it would silently never stop.
  if (config.patience !== undefined && !data.validation) {
    throw usageError(`--patience ${config.patience}: early stopping watches the validation loss, but there is no validation set (--validation ${config.data.validation} of ${data.train.X.rows} rows); hold some out, e.g. --validation 0.2, or drop --patience`);
  }
  // Load Ink and React before training starts, so start-up is not charged to the first epochs.
  if (mode === 'dashboard') drawEvenInCi();
  // NO_COLOR / FORCE_COLOR decide before Ink's colour library loads (it reads the environment once).
  const colour = settleColourEnv(rt.stdout);
  const dashboard = mode === 'dashboard' ? await import('../ui/run-dashboard.js') : undefined;
  const net = resumed ?? createNetwork(config, data);
  // BACKPROP_REPORT_CPU=1: report CPU time and steady-state throughput, for scripts/measure-overhead.sh.
  const report = process.env.BACKPROP_REPORT_CPU === '1';
  const meter = report ? createMeter() : undefined;
  const session = createSession(net, data.train, {
    epochs: config.epochs,
    batchSize: config.batchSize,
    learningRate: config.learningRate,
    seed: config.seed,
    optimizer: config.optimizer,
    ...(config.schedule ? { schedule: config.schedule } : {}),
    ...(config.patience !== undefined ? { patience: config.patience } : {}),
    ...(config.l1 ? { l1: config.l1 } : {}),
    ...(config.l2 ? { l2: config.l2 } : {}),
    ...(config.clipNorm !== undefined ? { clipNorm: config.clipNorm } : {}),
    ...(data.validation ? { validation: data.validation } : {}),
    ...(resumed ? { resume: true } : {}),
    // Plain lines do not show dead / saturated units: no probe (NDJSON and the dashboard do).
    ...(mode === 'plain' ? { probeEveryMs: Number.POSITIVE_INFINITY } : {}),
    ...(meter ? { meter } : {}),
  });
  const every = flags.checkpointEvery as number | undefined;
  let savedAt: number | undefined; // the step the last checkpoint written holds
  const saveNow = () => {
    const said = ctx.checkpoint();
    const at = net.checkpoint().training;
    savedAt = at?.iteration;
    return `${said} (at epoch ${at?.epoch ?? '?'})`;
  };
  // A checkpoint name the user gave (or the resumed checkpoint itself) is written as is; the default never replaces an earlier file.
  const named = { checkpointNamed: flags.checkpoint !== undefined || resumed !== undefined };
  const ctx = createRunContext(every ? checkpointing(session, every, saveNow, (s) => (mode === 'json' ? undefined : rt.stderr.write(s))) : session, net, data, config, named);
  let signal: NodeJS.Signals | undefined;
  const onSignal = (received: NodeJS.Signals) => {
    // First signal: stop after the current slice and save; a second one: leave now (saves are atomic).
    if (signal) process.exit(signalExitCode(received));
    signal = received;
    session.stop('interrupted');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // CPU seconds from here to the end of training, start-up of the dashboard included.
  const cpuAtStart = process.cpuUsage();
  const cpuWhileTraining = session.result.then(() => process.cpuUsage(cpuAtStart));
  try {
    let end: EndEvent;
    if (mode === 'json') end = await runJson(ctx, write);
    else if (mode === 'plain') end = await runPlain(ctx, write);
    else {
      const before = ctx.written.length;
      end = await dashboard!.runDashboard(ctx, rt, meter, colour);
      // The dashboard's last frame stays on screen; the summary line also lands in the scrollback and logs,
      // with the full paths of what the keys wrote (the status line may have cut them).
      write(`${endLine(end)}\n`);
      const wrote = ctx.written.slice(before);
      if (wrote.length > 0) write(`wrote ${wrote.join(', ')}\n`);
    }
    if (report) {
      const cpu = await cpuWhileTraining;
      rt.stderr.write(`cpu while training: ${((cpu.user + cpu.system) / 1e6).toFixed(3)}s for ${end.iterations} steps\n`);
      const steady = meter?.throughput();
      if (steady) rt.stderr.write(`${throughputLine(steady)}\n`);
    }
    if (config.save && ctx.unsaved) {
      const path = ctx.save();
      if (mode === 'json') ndjsonWriter(write)({ type: 'saved', path });
      else write(`saved ${path}\n`);
    }
    // Without the dashboard no 's' can be pressed: a checkpoint the run names (--checkpoint FILE, or the one
    // resumed) is written at the end, so the trained epochs are not lost (and the run can go on from there).
    if (mode !== 'dashboard' && named.checkpointNamed && savedAt !== end.iterations) {
      const said = saveNow();
      // A named checkpoint is written where it was named (the run's own file, never renamed).
      if (mode === 'json') ndjsonWriter(write)({ type: 'checkpoint', path: resolve(config.checkpoint) });
      else write(`checkpoint saved to ${said}\n`);
    }
    return signal && end.stopReason === 'interrupted' ? signalExitCode(signal) : exitCodeOf(end);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
