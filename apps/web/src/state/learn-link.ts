// The Learn mode's place in a shareable link: which lesson and step, which network and sample, which
// exercise; and for the depth experiment its settings. A teacher's link reopens exactly that screen.
//
//   lesson=3 (1 … 8, graph, depth)  step=2 (1-based)  lnet=preset (default: yours)  ls=7 (training sample)
//   ex=1 (exercise variant)  lw=… (the network's weights as base64url float32, when they are not the
//   seeded initial ones)  ddepth=10  dscale=1 (depth experiment)

/** Where the Learn mode is. */
export interface LearnLink {
  /** '1' … '8' (a lesson), 'graph' (computational graph) or 'depth' (vanishing gradients). */
  readonly lesson: string;
  /** Step within the lesson or the graph, 1-based. */
  readonly step: number;
  readonly net: 'yours' | 'preset';
  /** Training sample index (undefined: the one selected elsewhere on the page). */
  readonly sample: number | undefined;
  readonly exercise: number;
  /** The lesson network's parameters θ (flat order W_1 … W_L, b_1 … b_L) as base64url float32; '' for none. */
  readonly weights: string;
  readonly depth: number;
  readonly scale: number;
}

/** Learn's defaults: lesson 1 on the learner's own network. */
export const defaultLearn: LearnLink = { lesson: '1', step: 1, net: 'yours', sample: undefined, exercise: 0, weights: '', depth: 10, scale: 1 };

/** The pages of the Learn mode, in order. */
export const learnPages: readonly string[] = ['1', '2', '3', '4', '5', '6', '7', '8', 'graph', 'depth'];

function int(value: string | null, fallback: number, min: number, max: number): number {
  if (value === null || !/^-?\d+$/.test(value)) return fallback;
  const v = Number(value);
  return v >= min && v <= max ? v : fallback;
}

/** Reads Learn's keys (anything unreadable falls back to its default). */
export function learnFromSearch(p: URLSearchParams): LearnLink {
  const d = defaultLearn;
  const lesson = p.get('lesson');
  const scale = Number(p.get('dscale'));
  const sample = int(p.get('ls'), -1, 0, 1_000_000);
  const weights = p.get('lw') ?? '';
  return {
    lesson: lesson !== null && learnPages.includes(lesson) ? lesson : d.lesson,
    step: int(p.get('step'), d.step, 1, 1000),
    net: p.get('lnet') === 'preset' ? 'preset' : 'yours',
    sample: sample >= 0 ? sample : undefined,
    exercise: int(p.get('ex'), d.exercise, 0, 1000),
    weights: /^[A-Za-z0-9_-]*$/.test(weights) ? weights : '',
    depth: int(p.get('ddepth'), d.depth, 2, 30),
    scale: p.has('dscale') && Number.isFinite(scale) && scale > 0 && scale <= 10 ? scale : d.scale,
  };
}

/** Writes Learn's keys that differ from the defaults into `p`. */
export function learnToSearch(l: LearnLink, p: URLSearchParams): void {
  const d = defaultLearn;
  if (l.lesson !== d.lesson) p.set('lesson', l.lesson);
  if (l.step !== d.step) p.set('step', String(l.step));
  if (l.net !== d.net) p.set('lnet', l.net);
  if (l.sample !== undefined) p.set('ls', String(l.sample));
  if (l.exercise !== d.exercise) p.set('ex', String(l.exercise));
  if (l.weights) p.set('lw', l.weights);
  if (l.depth !== d.depth) p.set('ddepth', String(l.depth));
  if (l.scale !== d.scale) p.set('dscale', String(l.scale));
}

/** Parameters as base64url of little-endian float32 (exact for a float32 network's weights). */
export function encodeWeights(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i]!, true);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The parameters back from {@link encodeWeights}; null when the text is not a whole number of finite float32s. */
export function decodeWeights(text: string): Float32Array | null {
  let bin: string;
  try {
    bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  if (bin.length === 0 || bin.length % 4 !== 0) return null;
  const view = new DataView(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) view.setUint8(i, bin.charCodeAt(i));
  const out = new Float32Array(bin.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);
  return out.every(Number.isFinite) ? out : null;
}
