import type { LessonNet } from './lesson-net.js';

// What a lesson is made of. Lessons are pure functions of a LessonNet: the same network and sample
// give the same formulas, numbers and exercises in Node (unit tests) and in the page.

/** Units and edges a step lights in the diagram: units as [layer 0 … L, unit 0-based]; edges into layer k from unit j to unit i. */
export interface Highlight {
  readonly units: readonly (readonly [layer: number, unit: number])[];
  readonly edges: readonly (readonly [k: number, i: number, j: number])[];
}

/**
 * What an exercise asks for, in terms the test (and a teacher) can recompute with @backprop/core:
 * indices are the notes' (k, i, j 1-based).
 */
export type Quantity =
  | { readonly kind: 'a' | 'h' | 'gradA' | 'gradH' | 'gradB'; readonly k: number; readonly i: number }
  | { readonly kind: 'gradW'; readonly k: number; readonly i: number; readonly j: number }
  | { readonly kind: 'path'; readonly k: number; readonly m: number; readonly j: number }
  | { readonly kind: 'yHat'; readonly i: number }
  | { readonly kind: 'loss' }
  | { readonly kind: 'W-after'; readonly k: number; readonly i: number; readonly j: number; readonly eta: number }
  | { readonly kind: 'central'; readonly k: number; readonly i: number; readonly j: number; readonly eps: number };

/** A "your turn": type one number, checked to three significant digits. */
export interface Exercise {
  /** The question; `$…$` is inline TeX. */
  readonly prompt: string;
  /** The symbol being asked for, as TeX (shown beside the input). */
  readonly symbol: string;
  readonly quantity: Quantity;
  readonly answer: number;
  /** Shown when the answer is wrong: where the number comes from (`$…$` is inline TeX). */
  readonly hint: string;
}

/** One screen of a lesson. */
export interface LessonStep {
  readonly title: string;
  /** Display formulas (KaTeX), live matrices set under their symbols. */
  readonly tex: readonly string[];
  /** A few sentences; `$…$` is inline TeX. */
  readonly text: readonly string[];
  readonly lit: Highlight;
  /** The notes' pseudo-code (TeX lines) with the lines this step is on (lesson 5). */
  readonly code?: { readonly lines: readonly string[]; readonly current: readonly number[] };
}

/** A lesson as built on one network. */
export interface LessonContent {
  readonly steps: readonly LessonStep[];
  /** The exercise for a variant number (0, 1, 2 …; each lesson cycles through its kinds). */
  exercise(variant: number): Exercise;
}

/** Which network a lesson runs on: the learner's own (or the CS7015 preset), or a fixed one from its seed. */
export type NetChoice = 'yours' | 'csc311' | 'ama564';

/** A lesson: its title, the seed it follows, and how it is built. */
export interface Lesson {
  readonly id: string;
  readonly title: string;
  /** The lecture notes it follows (seeds/ names them). */
  readonly seed: string;
  readonly net: NetChoice;
  /** True when the lesson needs a hidden layer (L ≥ 2). */
  readonly needsHidden: boolean;
  /** Builds the lesson on a network and sample; η is the learning rate of the update it shows. */
  build(n: LessonNet, eta: number): LessonContent;
}

/** No units or edges lit. */
export const nothing: Highlight = { units: [], edges: [] };

/** Every unit of layer `layer`. */
export const unitsOf = (n: LessonNet, layer: number): [number, number][] => Array.from({ length: n.widths[layer]! }, (_, u) => [layer, u]);

/** Every edge into layer k. */
export const edgesInto = (n: LessonNet, k: number): [number, number, number][] =>
  Array.from({ length: n.widths[k]! * n.widths[k - 1]! }, (_, e) => [k, Math.floor(e / n.widths[k - 1]!), e % n.widths[k - 1]!]);
