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
  /** The count shown as `done/total`. */
  readonly done: number;
  readonly total: number;
  /** How full the bar is, 0–1 (default done / total): the epoch bar fills by batches within the epoch. */
  readonly share?: number;
  readonly width?: number;
  /** Text after the bar (ETA, speed). */
  readonly detail?: string;
  readonly color?: string;
}

/** `epoch  3/10 ███████▍········  25%  eta 12s · 1.2k/s` */
export function ProgressBar({ label, done, total, share, width = 30, detail, color = 'cyan' }: ProgressBarProps) {
  const fill = Math.min(1, Math.max(0, share ?? (total > 0 ? done / total : 0)));
  const pct = Math.floor(100 * fill);
  return (
    <Box>
      <Text wrap="truncate-end">
        {label.padEnd(6)}
        {`${done}/${total}`.padStart(11)}{' '}
        <Text color={color}>{bar(fill, 1, width)}</Text>
        {` ${String(pct).padStart(3)}%`}
        {detail ? <Text dimColor>{`  ${detail}`}</Text> : null}
      </Text>
    </Box>
  );
}
