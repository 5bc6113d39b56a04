import { BackpropError } from '@backprop/core';

/**
 * An error meant for the user: one line, no stack trace. `exitCode` 2 is a usage error (bad flag or
 * value), 1 is everything else (missing or corrupt file, failed check, diverged training).
 */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** A bad flag or value: exit code 2. */
export function usageError(message: string): CliError {
  return new CliError(message, 2);
}

/** What a Node system error's code means, in words. */
const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a parent of the path is not a directory',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
};

/** Describes a file-system error for `path` in one line. */
export function fileProblem(path: string, error: unknown): CliError {
  const code = (error as { code?: unknown }).code;
  const words = typeof code === 'string' ? SYSTEM_ERRORS[code] ?? code : error instanceof Error ? error.message : String(error);
  return new CliError(`${path}: ${words}`);
}

/** Any thrown value → the one line to print and the exit code. Unknown errors keep their message, never a stack. */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof BackpropError) return new CliError(error.message, error.code === 'invalid_option' || error.code === 'invalid_argument' ? 2 : 1);
  if (error instanceof Error) return new CliError(error.message.split('\n')[0] ?? 'unknown error');
  return new CliError(String(error));
}
