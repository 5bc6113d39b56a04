import { useInput } from 'ink';

/** The dashboard's key bindings, as callbacks. */
export interface KeyHandlers {
  onKey(input: string, ctrl: boolean, esc: boolean): void;
}

/**
 * Listens to keys. Mount this only when `useStdin().isRawModeSupported === true`: with a piped stdin
 * that value is undefined (not false), and Ink would still try raw mode and crash (TOOLCHAIN §4 trap 9).
 */
export function useKeys({ onKey }: KeyHandlers): void {
  useInput((input, key) => onKey(input, key.ctrl, key.escape));
}
