import { Network, type NetworkJSON } from '@backprop/core';
import { decodeWeights, encodeWeights } from '../state/learn-link.js';
import { lessonNet, type LessonNet } from './lesson-net.js';
import { ama564, csc311, cs7015 } from './presets.js';
import type { NetChoice } from './types.js';

// Which network a lesson runs on. The learner's own when it is small enough to read and a 2-D sample is
// selected; otherwise CS7015's preset, with the reason said. A link's `lw` weights, when they fit the
// network, replace the ones the page would start from, so a shared link shows the same numbers.

/** Largest layer a lesson shows in full (matrices beyond this stop being readable). */
export const MAX_UNITS = 10;

/** The learner's network and sample as the lessons use them, or why they cannot. */
export type Yours = { readonly ok: true; readonly n: LessonNet; readonly weights: string } | { readonly ok: false; readonly why: string };

/** The learner's network with `weights` (base64url float32, from a link) when they fit it. */
export function yours(model: NetworkJSON | null, sample: { x: readonly number[]; y: readonly number[] } | undefined, weights: string): Yours {
  if (!model) return { ok: false, why: 'Your network is being fetched from the training worker; meanwhile the lessons use CS7015\'s preset.' };
  const widths = [model.inputs, ...model.layers.map((l) => l.units), model.output.units];
  if (Math.max(...widths) > MAX_UNITS) return { ok: false, why: `Your network (${widths.join(' → ')}) has a layer wider than ${MAX_UNITS} units, too many to read as matrices; the lessons use CS7015's preset.` };
  if (!sample) return { ok: false, why: 'Your data has no 2-D training sample to follow; the lessons use CS7015\'s preset.' };
  const net = Network.fromJSON(model);
  const w = weights ? decodeWeights(weights) : null;
  if (w && w.length === net.flat.length) net.flat.set(w);
  return { ok: true, n: lessonNet(net, sample.x, sample.y), weights: encodeWeights(net.flat) };
}

/** The fixed preset for a lesson that has its own network. */
export function presetNet(choice: Exclude<NetChoice, 'yours'> | 'cs7015'): LessonNet {
  const p = choice === 'csc311' ? csc311 : choice === 'ama564' ? ama564 : cs7015;
  return lessonNet(p.json, p.x, p.y);
}
