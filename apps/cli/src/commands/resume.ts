import { loadCheckpoint } from '../io/checkpoint.js';
import type { Runtime } from '../runtime.js';
import { runTraining } from './train.js';

/** `backprop resume checkpoint.json`: the same data, network, position and history; training goes on from there. */
export async function resumeCommand(file: string, flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  const { config: saved, net } = loadCheckpoint(file);
  const config = {
    ...saved,
    ...(flags.epochs !== undefined ? { epochs: flags.epochs as number } : {}),
    ...(flags.save !== undefined ? { save: flags.save as string } : {}),
    checkpoint: (flags.checkpoint as string | undefined) ?? file,
  };
  return runTraining(config, flags, rt, net);
}
