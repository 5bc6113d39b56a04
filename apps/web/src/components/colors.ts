// One colour language for every view (TensorFlow Playground's): orange is negative / class 0, blue is
// positive / class 1, green the third class; white is zero or undecided.

export const ORANGE: readonly [number, number, number] = [245, 147, 34];
export const BLUE: readonly [number, number, number] = [8, 119, 189];
export const GREEN: readonly [number, number, number] = [46, 160, 67];
export const CLASS_COLORS = [ORANGE, BLUE, GREEN, [156, 39, 176], [121, 85, 72], [233, 30, 99], [0, 150, 136], [96, 125, 139], [255, 193, 7], [63, 81, 181]] as const;

const WHITE = [250, 250, 250] as const;

/** RGB for v in [−1, 1]: orange at −1, white at 0, blue at +1. */
export function diverging(v: number): [number, number, number] {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  const [r, g, b] = t < 0 ? ORANGE : BLUE;
  const a = Math.abs(t);
  return [WHITE[0] + (r - WHITE[0]) * a, WHITE[1] + (g - WHITE[1]) * a, WHITE[2] + (b - WHITE[2]) * a];
}

/** RGB of class c faded towards white by (1 − confidence). */
export function classTint(c: number, confidence: number): [number, number, number] {
  const base = CLASS_COLORS[c % CLASS_COLORS.length]!;
  const a = Math.max(0, Math.min(1, (confidence - 0.3) / 0.7));
  return [WHITE[0] + (base[0] - WHITE[0]) * a, WHITE[1] + (base[1] - WHITE[1]) * a, WHITE[2] + (base[2] - WHITE[2]) * a];
}

export const css = (rgb: readonly number[]): string => `rgb(${rgb.map((v) => Math.round(v)).join(',')})`;

/** A weight's colour in the diagram: blue positive, orange negative. */
export const weightColor = (w: number): string => css(w >= 0 ? BLUE : ORANGE);

const LUT_SIZE = 512;
/** diverging() sampled at LUT_SIZE points of [−1, 1], as packed RGBA bytes. */
const LUT = (() => {
  const lut = new Uint8ClampedArray(LUT_SIZE * 4);
  for (let i = 0; i < LUT_SIZE; i++) {
    const [r, g, b] = diverging((i / (LUT_SIZE - 1)) * 2 - 1);
    lut.set([r, g, b, 255], 4 * i);
  }
  return lut;
})();

/**
 * Writes a field of values into RGBA pixels of side `out` (nearest-neighbour resampling from side
 * `size`): values in [−1, 1] through the colour table, or class + confidence.
 */
export function fieldPixels(target: Uint8ClampedArray, out: number, values: ArrayLike<number>, size: number, opts: { confidence?: ArrayLike<number> | undefined; discretize?: boolean; scale?: number } = {}): void {
  const scale = opts.scale ?? 1;
  for (let r = 0; r < out; r++) {
    const sr = Math.floor((r * size) / out) * size;
    for (let c = 0; c < out; c++) {
      const i = sr + Math.floor((c * size) / out);
      const o = 4 * (r * out + c);
      if (opts.confidence) {
        const rgb = classTint(values[i]!, opts.discretize ? 1 : opts.confidence[i]!);
        target[o] = rgb[0];
        target[o + 1] = rgb[1];
        target[o + 2] = rgb[2];
        target[o + 3] = 255;
        continue;
      }
      let v = values[i]! * scale;
      if (opts.discretize) v = Math.sign(v);
      const t = Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
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
export function paintField(canvas: HTMLCanvasElement, values: ArrayLike<number>, size: number, opts: { confidence?: ArrayLike<number> | undefined; discretize?: boolean; scale?: number } = {}): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  if (canvas.width !== size) canvas.width = canvas.height = size;
  let img = images.get(canvas);
  if (!img || img.width !== size) images.set(canvas, (img = ctx.createImageData(size, size)));
  fieldPixels(img.data, size, values, size, opts);
  ctx.putImageData(img, 0, 0);
  canvas.style.imageRendering = opts.discretize ? 'pixelated' : 'auto';
}
