import { useCallback, useEffect, useState } from 'react';
import { setPaletteMid } from '../components/colors.js';

// Light and dark themes: the page follows the system's `prefers-color-scheme` until the user picks one with
// the toggle; the choice is remembered (localStorage) and set as `data-theme` on <html>, where the CSS
// custom properties switch. Canvas views read the palette through the same properties (colors.ts).

/** A theme the page draws in. */
export type Theme = 'light' | 'dark';

const KEY = 'backprop-theme';

/** The stored choice, or null to follow the system. */
function stored(): Theme | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null; // storage blocked (privacy mode): follow the system
  }
}

const systemTheme = (): Theme => (window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

/** The theme in effect now (the user's choice, else the system's). */
export function currentTheme(): Theme {
  return stored() ?? systemTheme();
}

const listeners = new Set<(t: Theme) => void>();

/** The palette's zero colour per theme (the CSS --mid): canvases draw with it. */
const MIDS: Readonly<Record<Theme, readonly [number, number, number]>> = { light: [247, 247, 247], dark: [29, 35, 43] };

/** Marks the document with a theme and points the canvas palette at it (no storing). */
export function applyTheme(t: Theme): void {
  document.documentElement.dataset.theme = t;
  setPaletteMid(MIDS[t]);
}

/** Applies a theme to the document (and remembers it); every `useTheme` follows. */
export function setTheme(t: Theme): void {
  try {
    localStorage.setItem(KEY, t);
  } catch {
    // not remembered; still applied
  }
  applyTheme(t);
  for (const fn of listeners) fn(t);
}

/** The theme in effect, re-rendering on a toggle or a system change (when the user has not chosen). */
export function useTheme(): readonly [Theme, (t: Theme) => void] {
  const [theme, set] = useState<Theme>(currentTheme);
  useEffect(() => {
    listeners.add(set);
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    const follow = () => {
      if (stored() !== null) return;
      applyTheme(systemTheme());
      set(systemTheme());
    };
    media?.addEventListener('change', follow);
    return () => {
      listeners.delete(set);
      media?.removeEventListener('change', follow);
    };
  }, []);
  const choose = useCallback((t: Theme) => setTheme(t), []);
  return [theme, choose] as const;
}
