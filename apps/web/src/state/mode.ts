import { useCallback, useEffect, useState } from 'react';
import type { ControlId } from './config.js';

// The page's modes: top-level views, one at a time, named in the URL's hash (`#check`), so a link (or the
// back button) opens the same view. The configuration stays in the search params (url-state.ts).

/** Every view the page has. */
export type Mode = 'play' | 'step' | 'learn' | 'check' | 'digits' | 'data' | 'model';

/** A mode's tab: its label, what it is for, and the classroom-mode id that hides it (if any). */
export interface ModeInfo {
  readonly id: Mode;
  readonly label: string;
  readonly title: string;
  readonly hiddenBy?: ControlId;
}

/** The modes in navigation order. */
export const modes: readonly ModeInfo[] = [
  { id: 'play', label: 'Play', title: 'Train a network on 2-D data and watch the boundary form' },
  { id: 'step', label: 'Step through', title: 'Walk backpropagation line by line on your network', hiddenBy: 'stepThrough' },
  { id: 'learn', label: 'Learn', title: 'The derivation, on your own network' },
  { id: 'check', label: 'Check', title: 'Gradient check and training health', hiddenBy: 'gradcheck' },
  { id: 'digits', label: 'Digits', title: 'MNIST: what each hidden unit looks for; draw a digit' },
  { id: 'data', label: 'Your data', title: 'Paste or drop a CSV', hiddenBy: 'csv' },
  { id: 'model', label: 'Model', title: 'Export and import the model', hiddenBy: 'io' },
];

/** The mode a URL hash names (`#check`, `#/check`); anything else is Play. */
export function modeFromHash(hash: string): Mode {
  const name = hash.replace(/^#\/?/, '');
  return modes.find((m) => m.id === name)?.id ?? 'play';
}

/** The modes classroom mode leaves visible. */
export function visibleModes(hide: readonly ControlId[]): readonly ModeInfo[] {
  return modes.filter((m) => m.hiddenBy === undefined || !hide.includes(m.hiddenBy));
}

/** The current mode, following the hash (links, back and forward), and a setter that writes it. */
export function useMode(): readonly [Mode, (m: Mode) => void] {
  const [mode, setMode] = useState<Mode>(() => modeFromHash(window.location.hash));
  useEffect(() => {
    const follow = () => setMode(modeFromHash(window.location.hash));
    window.addEventListener('hashchange', follow);
    window.addEventListener('popstate', follow);
    return () => {
      window.removeEventListener('hashchange', follow);
      window.removeEventListener('popstate', follow);
    };
  }, []);
  const go = useCallback((m: Mode) => {
    // Play is the page itself: its URL has no hash at all (not a bare '#').
    if (m !== modeFromHash(window.location.hash)) window.history.pushState(null, '', m === 'play' ? window.location.pathname + window.location.search : `#${m}`);
    setMode(m);
  }, []);
  return [mode, go] as const;
}
