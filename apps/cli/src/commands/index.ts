import type { Runtime } from '../runtime.js';

/** Runs one command by name; each command module is loaded on demand so `--help` and errors stay fast. */
export async function dispatch(command: string, args: readonly string[], flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  switch (command) {
    case 'train':
      return (await import('./train.js')).trainCommand(flags, rt);
    case 'eval':
      return (await import('./eval.js')).evalCommand(args[0]!, flags, rt);
    case 'predict':
      return (await import('./predict.js')).predictCommand(args[0]!, args[1], flags, rt);
    case 'gradcheck':
      return (await import('./gradcheck.js')).gradcheckCommand(args[0], flags, rt);
    case 'inspect':
      return (await import('./inspect.js')).inspectCommand(args[0]!, flags, rt);
    case 'resume':
      return (await import('./resume.js')).resumeCommand(args[0]!, flags, rt);
    case 'export':
      return (await import('./export.js')).exportCommand(args[0]!, flags, rt);
    case 'import':
      return (await import('./import.js')).importCommand(args[0]!, flags, rt);
    case 'playground':
      return (await import('./playground.js')).playgroundCommand(flags, rt);
    default:
      throw new Error(`unknown command ${command}`);
  }
}
