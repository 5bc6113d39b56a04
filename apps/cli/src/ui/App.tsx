import { Box, Text, useApp, useStdin, useStdout } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunContext } from '../commands/run-context.js';
import { num } from '../format.js';
import { useKeys } from '../hooks/use-keys.js';
import { useTraining } from '../hooks/use-training.js';
import { Dashboard } from './Dashboard.js';
import { boundsOf, decisionGrid, heatmapLines } from './decision-grid.js';
import { KEYS, KeyHelp } from './KeyHelp.js';
import { planLayout } from './layout.js';

/** The map costs a forward pass over the grid and a colour string per cell: redraw it every other frame. */
const HEAT_EVERY_MS = 2000;
const LR_STEP = 1.5;
/** The full help box: a border line above and below, a title and one line per key; it replaces the hint line. */
const HELP_LINES = KEYS.length + 3 - 1;

export const STOP_WORDS: Readonly<Record<string, string>> = {
  epochs: 'finished: all epochs done',
  'early-stopping': 'finished: early stopping (validation loss stopped improving; best weights kept)',
  stopped: 'stopped by the user',
  interrupted: 'interrupted',
  diverged: 'diverged',
};

/** Key handling; mounted only when raw mode really works. */
function Keys({ onKey }: { onKey: (input: string, ctrl: boolean, esc: boolean) => void }) {
  useKeys({ onKey });
  return null;
}

/** The terminal's size, following resizes (Ink ≤ 6 has no hook for it). */
function useTerminalSize(fixed?: { columns: number; rows: number }) {
  const { stdout } = useStdout();
  const read = () => fixed ?? { columns: stdout.columns || 120, rows: stdout.rows || 40 };
  const [size, setSize] = useState(read);
  // biome-ignore lint/correctness/useExhaustiveDependencies: one listener per stream
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

export interface AppProps {
  readonly ctx: RunContext;
  /** Force keys on or off (tests); default: raw mode supported. */
  readonly interactive?: boolean;
  /** A fixed terminal size (tests); default: the terminal's, following resizes. */
  readonly size?: { readonly columns: number; readonly rows: number };
  /** Colours (false for NO_COLOR). */
  readonly colour?: boolean;
  /** Milliseconds between dashboard redraws while training (default 1000, measured to keep redraw cost small); keys redraw at once. */
  readonly throttleMs?: number;
  /** Called as each render starts (frame timing for BACKPROP_REPORT_CPU=1). */
  readonly onFrame?: () => void;
}

/** The training dashboard: drives the session, handles keys, asks before quitting unsaved work. */
export function App({ ctx, interactive, size: fixedSize, colour = true, throttleMs = 1000, onFrame }: AppProps) {
  onFrame?.();
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const canType = interactive ?? isRawModeSupported === true;
  const view = useTraining(ctx.session, throttleMs);
  const size = useTerminalSize(fixedSize);
  const [message, setMessage] = useState('');
  const [help, setHelp] = useState(false);
  const [confirmQuit, setConfirmQuit] = useState(false);
  // Set for the last frame: it shows how the run ended and what was saved, without key hints.
  const [closing, setClosing] = useState(false);
  const saveOnEnd = useRef(false);
  const quitOnEnd = useRef(false);
  const pausedBeforeQuestion = useRef(false);

  const train = ctx.data.train;
  const twoD = ctx.data.twoD;
  const classification = train.task === 'classification';
  const layout = planLayout({ columns: size.columns, rows: size.rows, twoD, classification, layerCount: ctx.net.layers.length, helpLines: help && canType && !closing ? HELP_LINES : 0 });
  const bounds = useMemo(() => (twoD ? boundsOf(train.X) : undefined), [twoD, train]);
  const points = useMemo(() => {
    if (!twoD) return [];
    const out: [number, number, number][] = [];
    const step = Math.max(1, Math.floor(train.X.rows / 300));
    for (let r = 0; r < train.X.rows; r += step) out.push([train.X.data[2 * r]!, train.X.data[2 * r + 1]!, classification ? train.y[r]! : 0]);
    return out;
  }, [twoD, train, classification]);
  const heat = useRef<{ at: number; lines: string[]; final: boolean; key: string }>({ at: Number.NEGATIVE_INFINITY, lines: [], final: false, key: '' });
  const map = layout.heatmap;
  // The first frame (drawn before training starts) already shows the untrained network's map; a new size redraws it at once.
  if (bounds && map) {
    const key = `${map.cols}×${map.rows}`;
    if (key !== heat.current.key || (view.end ? !heat.current.final : performance.now() - heat.current.at >= HEAT_EVERY_MS)) {
      const lines = heatmapLines(decisionGrid(ctx.net, bounds, map.cols, map.rows * 2), classification ? train.classes : 1, bounds, points, colour);
      heat.current = { at: performance.now(), lines, final: view.end !== undefined, key };
    }
  }

  const finished = view.end !== undefined;
  const needsPrompt = () => ctx.config.save === undefined && ctx.unsaved;
  const save = (): void => {
    try {
      setMessage(`saved ${ctx.save()}`);
    } catch (error) {
      setMessage(`save failed: ${(error as Error).message}`);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, when training ends
  useEffect(() => {
    if (!finished) return;
    if (saveOnEnd.current) save();
    // Leave at the end unless someone can still decide to save (interactive, unsaved, no --save).
    if (quitOnEnd.current || !canType || !needsPrompt()) setClosing(true);
  }, [finished]);
  // Exit only after the closing frame (the message, no key hints) has been drawn.
  useEffect(() => {
    if (closing) exit();
  }, [closing, exit]);

  const quit = (withSave: boolean) => {
    quitOnEnd.current = true;
    saveOnEnd.current = withSave;
    if (finished) {
      if (withSave) save();
      setClosing(true);
    } else ctx.session.stop('stopped');
  };

  const onKey = (input: string, ctrl: boolean, esc: boolean) => {
    const { session } = ctx;
    if (closing) return;
    if (ctrl && input === 'c') {
      quitOnEnd.current = true;
      if (finished) setClosing(true);
      else session.stop('interrupted');
      return;
    }
    if (confirmQuit) {
      if (input === 'y' || input === 'n') {
        setConfirmQuit(false);
        quit(input === 'y');
      } else if (esc || input === 'c') {
        setConfirmQuit(false);
        // Training was paused while the question was up; it goes on unless the user had paused it.
        if (!finished && !pausedBeforeQuestion.current) session.resume();
        setMessage('quit cancelled');
        view.refresh();
      }
      return;
    }
    if (input === '?') setHelp((h) => !h);
    else if (input === 'p' && !finished) {
      const wasPaused = session.paused;
      if (wasPaused) session.resume();
      else session.pause();
      // Unchanged: training ended a moment ago and the end is not drawn yet; it will say so itself.
      if (session.paused !== wasPaused) setMessage(session.paused ? 'paused — p to resume' : 'resumed');
      view.refresh();
    } else if (input === 's') {
      if (finished) save();
      else {
        try {
          setMessage(`checkpoint saved to ${ctx.checkpoint()}`);
        } catch (error) {
          setMessage(`save failed: ${(error as Error).message}`);
        }
      }
    } else if ((input === '+' || input === '=' || input === '-' || input === '_') && !finished) {
      session.setLearningRate(input === '+' || input === '=' ? session.learningRate * LR_STEP : session.learningRate / LR_STEP);
      setMessage(`learning rate ${num(session.learningRate)}`);
      view.refresh();
    } else if (input === 'q') {
      if (!needsPrompt()) quit(false);
      else {
        // Nothing trains while the question waits for an answer.
        pausedBeforeQuestion.current = session.paused;
        if (!finished) session.pause();
        setConfirmQuit(true);
        view.refresh();
      }
    }
  };

  // Keys call the latest handler through a ref: the subscription may outlive a render's closure.
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;
  const stableOnKey = useMemo(() => (input: string, ctrl: boolean, esc: boolean) => onKeyRef.current(input, ctrl, esc), []);

  const status = view.paused && !finished ? 'PAUSED' : finished ? 'done' : 'training';
  const endWords = view.end ? `${STOP_WORDS[view.end.stopReason] ?? view.end.stopReason}${view.end.message ? `: ${view.end.message}; kept the last good weights` : ''}` : '';
  const statusText = [endWords, message].filter(Boolean).join(' · ');
  let footer: React.ReactNode = null;
  if (confirmQuit) footer = <Text color="yellow" bold wrap="truncate-end">{`Save the model before quitting? y yes · n no · esc cancel  (to ${ctx.modelPath})`}</Text>;
  else if (closing || !canType) footer = null;
  else if (finished) footer = <Text dimColor wrap="truncate-end">training is over — s save the model · q quit</Text>;
  else footer = <KeyHelp full={layout.help} width={layout.width} />;
  return (
    <Box flexDirection="column" width={layout.width}>
      <Dashboard title={ctx.titleParts(view.learningRate)} view={view} inputs={ctx.net.inputs} layers={ctx.net.layers} classification={classification} heatmap={map ? heat.current.lines : undefined} layout={layout} colour={colour} planned={ctx.session.planned} />
      <Box marginTop={1}>
        <Text wrap="truncate-end">
          <Text bold color={status === 'PAUSED' ? 'yellow' : finished ? (view.end?.stopReason === 'diverged' ? 'red' : 'green') : 'cyan'}>{`[${status}] `}</Text>
          {statusText}
        </Text>
      </Box>
      {footer}
      {canType && !closing ? <Keys onKey={stableOnKey} /> : null}
    </Box>
  );
}
