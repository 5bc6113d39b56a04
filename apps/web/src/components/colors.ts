// One colour language for every view (TensorFlow Playground's): orange is negative / class 0, blue is
// positive / class 1, green the third class; white is zero or undecided.

export const ORANGE: readonly [number, number, number] = [245, 147, 34];
export const BLUE: readonly [number, number, number] = [8, 119, 189];
export const GREEN: readonly [number, number, number] = [46, 160, 67];
export const CLASS_COLORS = [ORANGE, BLUE, GREEN, [156, 39, 176], [121, 85, 72], [233, 30, 99], [0, 150, 136], [96, 125, 139], [255, 193, 7], [63, 81, 181]] as const;

/** The palette's zero (the theme's heatmap background tone): light grey, or a dark slate in the dark theme. */
let MID: readonly [number, number, number] = [247, 247, 247];

/** RGB for v in [−1, 1]: orange at −1, the theme's mid tone at 0, blue at +1. */
export function diverging(v: number): [number, number, number] {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  const [r, g, b] = t < 0 ? ORANGE : BLUE;
  const a = Math.abs(t);
  return [MID[0] + (r - MID[0]) * a, MID[1] + (g - MID[1]) * a, MID[2] + (b - MID[2]) * a];
}

/** RGB of class c faded towards white by (1 − confidence). */
export function classTint(c: number, confidence: number): [number, number, number] {
  const base = CLASS_COLORS[c % CLASS_COLORS.length]!;
  const a = Math.max(0, Math.min(1, (confidence - 0.3) / 0.7));
  return [MID[0] + (base[0] - MID[0]) * a, MID[1] + (base[1] - MID[1]) * a, MID[2] + (base[2] - MID[2]) * a];
}

export const css = (rgb: readonly number[]): string => `rgb(${rgb.map((v) => Math.round(v)).join(',')})`;

/** A weight's colour in the diagram: blue positive, orange negative. */
export const weightColor = (w: number): string => css(w >= 0 ? BLUE : ORANGE);

const LUT_SIZE = 512;
/** diverging() sampled at LUT_SIZE points of [−1, 1], as packed RGBA bytes (rebuilt when the theme changes). */
let LUT = new Uint8ClampedArray(LUT_SIZE * 4);
function buildLut(): void {
  LUT = new Uint8ClampedArray(LUT_SIZE * 4);
  for (let i = 0; i < LUT_SIZE; i++) {
    const [r, g, b] = diverging((i / (LUT_SIZE - 1)) * 2 - 1);
    LUT.set([r, g, b, 255], 4 * i);
  }
}
buildLut();

/** Sets the palette's zero colour (the theme's background tone) for every view drawn from now on. */
export function setPaletteMid(rgb: readonly [number, number, number]): void {
  if (rgb.every((v, i) => v === MID[i])) return;
  MID = rgb;
  buildLut();
}

/** The palette's zero colour now. */
export const paletteMid = (): readonly [number, number, number] => MID;

/** How a field is coloured. */
export interface FieldOptions {
  /** Class per cell is `values`, its probability this (several classes); absent: values in [−1, 1]. */
  readonly confidence?: ArrayLike<number> | undefined;
  /** Hard colours (sign, or full class colour) instead of shades. */
  readonly discretize?: boolean;
  /** Values are multiplied by this before clamping to [−1, 1]. */
  readonly scale?: number;
  /** Share of the palette's full colour at |v| = 1 (a heatmap behind points uses less, so points stand out). */
  readonly strength?: number;
}

/**
 * Writes a field of values into RGBA pixels of side `out` (nearest-neighbour resampling from side
 * `size`): values in [−1, 1] through the colour table, or class + confidence.
 */
export function fieldPixels(target: Uint8ClampedArray, out: number, values: ArrayLike<number>, size: number, opts: FieldOptions = {}): void {
  const scale = opts.scale ?? 1;
  const strength = opts.strength ?? 1;
  for (let r = 0; r < out; r++) {
    const sr = Math.floor((r * size) / out) * size;
    for (let c = 0; c < out; c++) {
      const i = sr + Math.floor((c * size) / out);
      const o = 4 * (r * out + c);
      if (opts.confidence) {
        const rgb = classTint(values[i]!, opts.discretize ? 1 : opts.confidence[i]!);
        target[o] = MID[0] + (rgb[0] - MID[0]) * strength;
        target[o + 1] = MID[1] + (rgb[1] - MID[1]) * strength;
        target[o + 2] = MID[2] + (rgb[2] - MID[2]) * strength;
        target[o + 3] = 255;
        continue;
      }
      let v = values[i]! * scale;
      if (opts.discretize) v = Math.sign(v);
      const t = (Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0) * strength;
      const l = 4 * Math.round(((t + 1) / 2) * (LUT_SIZE - 1));
      target[o] = LUT[l]!;
      target[o + 1] = LUT[l + 1]!;
      target[o + 2] = LUT[l + 2]!;
      target[o + 3] = 255;
    }
  }
}

const images = new WeakMap<HTMLCanvasElement, ImageData>();

/**
 * Paints a size × size field into a canvas whose own size is size × size; CSS scales it up (smoothly,
 * or pixelated when discretized). The ImageData is reused, so a repaint allocates nothing.
 */
export function paintField(canvas: HTMLCanvasElement, values: ArrayLike<number>, size: number, opts: FieldOptions = {}): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  if (canvas.width !== size) canvas.width = canvas.height = size;
  let img = images.get(canvas);
  if (!img || img.width !== size) images.set(canvas, (img = ctx.createImageData(size, size)));
  fieldPixels(img.data, size, values, size, opts);
  ctx.putImageData(img, 0, 0);
  canvas.style.imageRendering = opts.discretize ? 'pixelated' : 'auto';
}
