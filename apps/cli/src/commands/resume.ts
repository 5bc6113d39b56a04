import { count } from '../format.js';
import { loadCheckpoint } from '../io/checkpoint.js';
import { CliError, usageError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { dataMetadata, runTraining } from './train.js';

/**
 * The epoch target of a resumed run. `--epochs` counts all epochs, as the original run did, so a target at
 * or below the epochs already done cannot be honoured: say so (with the number that would train N more)
 * instead of reporting success for a run that trained nothing.
 */
export function resumeTarget(file: string, done: number, saved: number, flag: number | undefined): number {
  if (flag !== undefined) {
    if (flag <= done) {
      throw usageError(`--epochs ${flag}: ${file} has already trained ${count(done)} epochs, and --epochs counts all epochs; for ${flag} more, pass --epochs ${done + flag}`);
    }
    return flag;
  }
  if (saved <= done) throw new CliError(`${file}: training already finished (${count(done)} of ${count(saved)} epochs); to go on, pass --epochs with a larger total, e.g. --epochs ${done + saved}`);
  return saved;
}

/** `backprop resume checkpoint.json`: the same data, network, position and history; training goes on from there. */
export async function resumeCommand(file: string, flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  const { config: saved, net, epoch } = loadCheckpoint(file);
  // A checkpoint from elsewhere (backprop import of a PyTorch run) has a config but no model metadata.
  if (net.metadata?.dataset === undefined) net.setMetadata({ ...net.metadata, ...dataMetadata(saved.data) });
  const config = {
    ...saved,
    epochs: resumeTarget(file, epoch, saved.epochs, flags.epochs as number | undefined),
    ...(flags.save !== undefined ? { save: flags.save as string } : {}),
    checkpoint: (flags.checkpoint as string | undefined) ?? file,
  };
  return runTraining(config, flags, rt, net);
}
