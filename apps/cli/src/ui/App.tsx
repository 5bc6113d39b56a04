import { Box, Text, useApp, useStdin } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunContext } from '../commands/run-context.js';
import { num } from '../format.js';
import { useKeys } from '../hooks/use-keys.js';
import { useTraining } from '../hooks/use-training.js';
import { Dashboard } from './Dashboard.js';
import { boundsOf, decisionGrid, heatmapLines } from './decision-grid.js';
import { KeyHelp } from './KeyHelp.js';

const HEAT_COLS = 40;
const HEAT_ROWS = 12;
/** The map costs a forward pass over the grid and a colour string per cell: redraw it every other frame. */
const HEAT_EVERY_MS = 2000;
const LR_STEP = 1.5;

/** Key handling; mounted only when raw mode really works. */
function Keys({ onKey }: { onKey: (input: string, ctrl: boolean, esc: boolean) => void }) {
  useKeys({ onKey });
  return null;
}

export interface AppProps {
  readonly ctx: RunContext;
  /** Force keys on or off (tests); default: raw mode supported. */
  readonly interactive?: boolean;
  readonly width?: number;
  /** Milliseconds between dashboard redraws while training (default 1000, measured to keep redraw cost small); keys redraw at once. */
  readonly throttleMs?: number;
  /** Called as each render starts (frame timing for BACKPROP_REPORT_CPU=1). */
  readonly onFrame?: () => void;
}

/** The training dashboard: drives the session, handles keys, asks before quitting unsaved work. */
export function App({ ctx, interactive, width = 120, throttleMs = 1000, onFrame }: AppProps) {
  onFrame?.();
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const canType = interactive ?? isRawModeSupported === true;
  const view = useTraining(ctx.session, throttleMs);
  const [message, setMessage] = useState('');
  const [help, setHelp] = useState(false);
  const [confirmQuit, setConfirmQuit] = useState(false);
  const saveOnEnd = useRef(false);
  const quitOnEnd = useRef(false);

  const train = ctx.data.train;
  const twoD = ctx.data.twoD;
  const bounds = useMemo(() => (twoD ? boundsOf(train.X) : undefined), [twoD, train]);
  const points = useMemo(() => {
    if (!twoD) return [];
    const out: [number, number, number][] = [];
    const step = Math.max(1, Math.floor(train.X.rows / 300));
    for (let r = 0; r < train.X.rows; r += step) out.push([train.X.data[2 * r]!, train.X.data[2 * r + 1]!, train.task === 'classification' ? train.y[r]! : 0]);
    return out;
  }, [twoD, train]);
  const heat = useRef<{ at: number; lines: string[]; final: boolean }>({ at: Number.NEGATIVE_INFINITY, lines: [], final: false });
  // The first frame (drawn before training starts) already shows the untrained network's map.
  if (bounds && (view.end ? !heat.current.final : performance.now() - heat.current.at >= HEAT_EVERY_MS)) {
    const classes = train.task === 'classification' ? train.classes : 1;
    heat.current = { at: performance.now(), lines: heatmapLines(decisionGrid(ctx.net, bounds, HEAT_COLS, HEAT_ROWS * 2), classes, bounds, points), final: view.end !== undefined };
  }

  const finished = view.end !== undefined;
  const needsPrompt = () => ctx.config.save === undefined && ctx.unsaved;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, when training ends
  useEffect(() => {
    if (!finished) return;
    if (saveOnEnd.current) {
      const path = ctx.save();
      setMessage(`saved ${path}`);
    }
    // Leave at the end unless someone can still decide to save (interactive, unsaved, no --save).
    if (quitOnEnd.current || !canType || !needsPrompt()) exit();
  }, [finished]);

  const onKey = (input: string, ctrl: boolean, esc: boolean) => {
    const { session } = ctx;
    if (ctrl && input === 'c') {
      quitOnEnd.current = true;
      if (finished) exit();
      else session.stop('interrupted');
      return;
    }
    if (confirmQuit) {
      if (input === 'y' || input === 'n') {
        setConfirmQuit(false);
        quitOnEnd.current = true;
        saveOnEnd.current = input === 'y';
        if (finished) {
          if (input === 'y') ctx.save();
          exit();
        } else session.stop('stopped');
      } else if (esc || input === 'c') {
        setConfirmQuit(false);
        setMessage('quit cancelled');
      }
      return;
    }
    if (input === '?') setHelp((h) => !h);
    else if (input === 'p' && !finished) {
      if (session.paused) session.resume();
      else session.pause();
      setMessage(session.paused ? 'paused — p to resume' : 'resumed');
      view.refresh();
    } else if (input === 's') {
      try {
        setMessage(finished ? `saved model ${ctx.save()}` : `checkpoint saved to ${ctx.checkpoint()}`);
      } catch (error) {
        setMessage(`save failed: ${(error as Error).message}`);
      }
    } else if ((input === '+' || input === '=' || input === '-' || input === '_') && !finished) {
      session.setLearningRate(input === '+' || input === '=' ? session.learningRate * LR_STEP : session.learningRate / LR_STEP);
      setMessage(`learning rate ${num(session.learningRate)}`);
      view.refresh();
    } else if (input === 'q') {
      if (needsPrompt()) setConfirmQuit(true);
      else {
        quitOnEnd.current = true;
        if (finished) exit();
        else session.stop('stopped');
      }
    }
  };

  // Keys call the latest handler through a ref: the subscription may outlive a render's closure.
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;
  const stableOnKey = useMemo(() => (input: string, ctrl: boolean, esc: boolean) => onKeyRef.current(input, ctrl, esc), []);

  const status = view.paused ? 'PAUSED' : finished ? 'done' : 'training';
  return (
    <Box flexDirection="column">
      <Dashboard
        title={ctx.title}
        view={view}
        inputs={ctx.net.inputs}
        layers={ctx.net.layers}
        classification={train.task === 'classification'}
        heatmap={bounds ? heat.current.lines : undefined}
        width={width}
      />
      <Box marginTop={1}>
        <Text bold color={view.paused ? 'yellow' : finished ? 'green' : 'cyan'}>{`[${status}] `}</Text>
        <Text>{message}</Text>
      </Box>
      {confirmQuit ? <Text color="yellow" bold>{`Save the model to ${ctx.config.save ?? 'model.json'} before quitting? y yes · n no · esc cancel`}</Text> : null}
      {finished && canType && !quitOnEnd.current ? <Text dimColor>training is over — s save the model · q quit</Text> : null}
      {canType ? <KeyHelp full={help} /> : null}
      {canType ? <Keys onKey={stableOnKey} /> : null}
    </Box>
  );
}
