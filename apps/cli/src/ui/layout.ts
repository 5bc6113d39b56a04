// The dashboard's layout for a terminal of `columns` × `rows`, planned as numbers before anything is
// drawn. What matters first comes first: the title, the progress bars and the latest loss / accuracy
// always show; then the epoch charts (loss, accuracy), the batch-loss chart (with the decision map of a
// 2-D set), and the layer table with gradient health only when the terminal has room for them. The
// frame is always at least one line shorter than the terminal: a frame as tall as the screen makes Ink
// clear and redraw the whole terminal on every frame, which floods the scrollback.

/** What the planner needs to know about the run. */
export interface LayoutInput {
  readonly columns: number;
  readonly rows: number;
  /** The data has two inputs: draw the decision-boundary map. */
  readonly twoD: boolean;
  readonly classification: boolean;
  /** Layers of the network (hidden + output): rows of the layer table. */
  readonly layerCount: number;
  /** Lines taken by the full key help (`?`), 0 when it is closed. */
  readonly helpLines: number;
}

/** A chart's size in characters (the body; its title line is extra). */
export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

export interface Layout {
  /** Width of every line of the frame. */
  readonly width: number;
  /** Lines of the frame, at most rows − 1. */
  readonly height: number;
  /** Loss (and accuracy, side by side or alone) per epoch. */
  readonly epochCharts: { readonly loss: ChartSize; readonly accuracy: ChartSize | undefined } | undefined;
  readonly batchChart: ChartSize | undefined;
  /** Decision map size in characters (2 pixels per character vertically). */
  readonly heatmap: { readonly cols: number; readonly rows: number } | undefined;
  /** The layer table, and beside (or under) it the gradient norms. */
  readonly layers: { readonly grads: 'beside' | 'below' | undefined } | undefined;
  /** The full key help fits (else the one-line hints stay). */
  readonly help: boolean;
}

/** Title, epoch bar, batch bar, the metrics line. */
export const HEAD_LINES = 4;
/** A blank line, the status line, and one line for the key hints, the quit question or the end hint. */
export const FOOT_LINES = 3;
/** Chart label column (`   1.234 │`). */
const LABEL = 10;
const MIN_WIDTH = 24;
const MAX_WIDTH = 160;

/** Plans the frame; see the module comment for the order of what gets room. */
export function planLayout(input: LayoutInput): Layout {
  const width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, input.columns - 1));
  const budget = Math.max(HEAD_LINES + FOOT_LINES, input.rows - 1);
  let free = budget - HEAD_LINES - FOOT_LINES;
  // The full key help goes first when asked for (it is short-lived), if it fits at all.
  const help = input.helpLines > 0 && free >= input.helpLines;
  if (help) free -= input.helpLines;
  // A panel costs a blank line above it and its title line, plus its body.
  const PANEL = 2;

  // 1. Epoch loss and accuracy: side by side when both fit at ≥ 20 data columns each.
  let epochHeight = 0;
  if (free >= PANEL + 3) {
    epochHeight = Math.min(5, free - PANEL);
    free -= PANEL + epochHeight;
  }
  // 2. Batch loss (and the decision map of a 2-D set).
  let batchHeight = 0;
  if (free >= PANEL + 3) {
    batchHeight = Math.min(4, free - PANEL);
    free -= PANEL + batchHeight;
  }
  // 3. Layers and gradient health, when all of it fits.
  const L = input.layerCount;
  const grads: 'beside' | 'below' = width >= 100 ? 'beside' : 'below';
  const layerLines = 1 + (grads === 'beside' ? Math.max(2 + L, 1 + L) : 2 + L + 1 + L);
  let layers: Layout['layers'];
  if (batchHeight > 0 && free >= layerLines) {
    layers = { grads };
    free -= layerLines;
  } else if (batchHeight > 0 && free >= 1 + 2 + L) {
    layers = { grads: undefined };
    free -= 1 + 2 + L;
  }
  // 4. What is left makes the charts taller: epoch charts to 8 lines, the batch chart to 8 (12 with a map).
  const grow = (current: number, cap: number) => {
    if (current === 0) return 0;
    const extra = Math.max(0, Math.min(cap - current, free));
    free -= extra;
    return current + extra;
  };
  epochHeight = grow(epochHeight, 6);
  batchHeight = grow(batchHeight, input.twoD ? 12 : 6);
  epochHeight = grow(epochHeight, 8);
  batchHeight = grow(batchHeight, 8);

  const sideBySide = input.classification && width >= 2 * (LABEL + 20) + 3;
  const half = sideBySide ? Math.floor((width - 3) / 2) : width;
  const epochCharts = epochHeight
    ? { loss: { width: half - LABEL, height: epochHeight }, accuracy: input.classification && sideBySide ? { width: width - 3 - half - LABEL, height: epochHeight } : undefined }
    : undefined;
  // The map keeps the proportions of the 40 × 12 original (square pixels), beside the chart if ≥ 20 columns remain.
  let heatmap: Layout['heatmap'];
  let batchWidth = width - LABEL;
  if (input.twoD && batchHeight) {
    const rows = batchHeight;
    const cols = Math.round((rows * 10) / 3);
    if (width - cols - 2 - LABEL >= 20) {
      heatmap = { cols, rows };
      batchWidth = width - cols - 2 - LABEL;
    }
  }
  const batchChart = batchHeight ? { width: Math.min(batchWidth, 100), height: batchHeight } : undefined;
  const height = budget - free;
  return { width, height, epochCharts, batchChart, heatmap, layers, help };
}
