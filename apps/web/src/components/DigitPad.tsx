import { type PointerEvent, useId, useRef, useState } from 'react';
import type { TrainerClient } from '../worker/client.js';

const SIDE = 196;

/**
 * Turns the drawing into an MNIST-like 28 × 28 input: the ink's bounding box scaled to fit 20 × 20,
 * centred in the 28 × 28 frame (as MNIST was made), pixel = brightness in [0, 1].
 */
export function toMnistPixels(canvas: HTMLCanvasElement): Float32Array {
  const ctx = canvas.getContext('2d')!;
  const img = ctx.getImageData(0, 0, SIDE, SIDE).data;
  let [x0, y0, x1, y1] = [SIDE, SIDE, -1, -1];
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      if (img[4 * (y * SIDE + x)]! > 0) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  }
  const out = new Float32Array(784);
  if (x1 < 0) return out;
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const s = 20 / Math.max(w, h);
  const small = new OffscreenCanvas(28, 28);
  const sctx = small.getContext('2d')!;
  sctx.fillStyle = '#000';
  sctx.fillRect(0, 0, 28, 28);
  sctx.imageSmoothingEnabled = true;
  sctx.drawImage(canvas, x0, y0, w, h, 14 - (w * s) / 2, 14 - (h * s) / 2, w * s, h * s);
  const px = sctx.getImageData(0, 0, 28, 28).data;
  for (let i = 0; i < 784; i++) out[i] = px[4 * i]! / 255;
  return out;
}

/** Draw a digit with the mouse, a pen or a finger; the network's class probabilities update live. */
export function DigitPad({ client, onPixels }: { client: TrainerClient; onPixels?: (pixels: Float32Array | null) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const pending = useRef(false);
  const [probs, setProbs] = useState<Float32Array | null>(null);
  const captionId = useId();
  const ctx = () => ref.current?.getContext('2d', { willReadFrequently: true }) ?? null;
  const clear = () => {
    const c = ctx();
    if (!c) return;
    c.fillStyle = '#000';
    c.fillRect(0, 0, SIDE, SIDE);
    setProbs(null);
    onPixels?.(null);
  };
  const predict = async () => {
    if (pending.current || !ref.current) return;
    pending.current = true;
    const pixels = toMnistPixels(ref.current);
    onPixels?.(pixels);
    const yHat = await client.predict(pixels);
    setProbs(yHat.length > 0 ? yHat : null); // empty: the worker has no network for these pixels yet
    pending.current = false;
  };
  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * SIDE, ((e.clientY - r.top) / r.height) * SIDE] as const;
  };
  const draw = (e: PointerEvent<HTMLCanvasElement>) => {
    const c = ctx();
    if (!drawing.current || !c) return;
    const [x, y] = point(e);
    c.lineTo(x, y);
    c.stroke();
    void predict();
  };
  const best = probs ? probs.indexOf(Math.max(...probs)) : -1;
  return (
    <div className="digit-pad">
      <canvas
        ref={(el) => {
          (ref as { current: HTMLCanvasElement | null }).current = el;
          if (el && !el.dataset.ready) {
            el.dataset.ready = '1';
            const c = el.getContext('2d', { willReadFrequently: true })!;
            c.fillStyle = '#000';
            c.fillRect(0, 0, SIDE, SIDE);
          }
        }}
        width={SIDE}
        height={SIDE}
        data-testid="digit-pad"
        role="img"
        aria-label="Drawing pad: draw a digit with the mouse or a finger"
        onPointerDown={(e) => {
          const c = ctx();
          if (!c) return;
          drawing.current = true;
          e.currentTarget.setPointerCapture?.(e.pointerId);
          const [x, y] = point(e);
          c.strokeStyle = '#fff';
          c.lineWidth = 14;
          c.lineCap = 'round';
          c.lineJoin = 'round';
          c.beginPath();
          c.moveTo(x, y);
        }}
        onPointerMove={draw}
        onPointerUp={() => {
          drawing.current = false;
          void predict();
        }}
      />
      <div>
        <button type="button" onClick={clear}>
          Clear
        </button>
        <p className="small muted probs-caption" id={captionId} data-testid="digit-probs-caption">
          {probs ? "The network's probability for each digit:" : "Draw a digit: the network's probability for each digit, 0 to 9, appears here."}
        </p>
        <ol className="probs" data-testid="digit-probs" data-best={best} aria-labelledby={captionId} start={0}>
          {Array.from({ length: 10 }, (_, d) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the ten digits are positional
            <li key={`digit-${d}`} className={d === best ? 'best' : ''}>
              <span>{d}</span>
              <span className="bar" style={{ width: `${((probs?.[d] ?? 0) * 100).toFixed(0)}%` }} />
              <span className="small">{probs ? `${(probs[d]! * 100).toFixed(1)} %` : ''}</span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
