import { Box, Text } from 'ink';

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `width` cells filled to `done / total`, in eighths of a cell. */
export function bar(done: number, total: number, width: number): string {
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const eighths = Math.round(share * width * 8);
  const full = Math.floor(eighths / 8);
  const part = EIGHTHS[eighths % 8] ?? '';
  return `${'█'.repeat(full)}${part}`.padEnd(width, '·');
}

export interface ProgressBarProps {
  readonly label: string;
  readonly done: number;
  readonly total: number;
  readonly width?: number;
  /** Text after the bar (ETA, speed). */
  readonly detail?: string;
  readonly color?: string;
}

/** `epoch  3/10 ███████▍········  30%  eta 12s · 1.2k/s` */
export function ProgressBar({ label, done, total, width = 30, detail, color = 'cyan' }: ProgressBarProps) {
  const pct = total > 0 ? Math.floor((100 * Math.min(done, total)) / total) : 0;
  return (
    <Box>
      <Text>{label.padEnd(7)}</Text>
      <Text>{`${done}/${total}`.padStart(11)} </Text>
      <Text color={color}>{bar(done, total, width)}</Text>
      <Text>{` ${String(pct).padStart(3)}%`}</Text>
      {detail ? <Text dimColor>{`  ${detail}`}</Text> : null}
    </Box>
  );
}
