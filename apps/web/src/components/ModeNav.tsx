import type { MouseEvent } from 'react';
import type { Mode, ModeInfo } from '../state/mode.js';

/** The modes as top-level navigation: links to `#mode` (so they work without script, open in tabs, and read as a list). */
export function ModeNav({ modes, active, onSelect }: { modes: readonly ModeInfo[]; active: Mode; onSelect: (m: Mode) => void }) {
  const go = (e: MouseEvent<HTMLAnchorElement>, m: Mode) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return; // a new tab or window: let the browser open the link
    e.preventDefault();
    onSelect(m);
  };
  return (
    <nav className="modes" aria-label="Modes">
      <ul>
        {modes.map((m) => (
          <li key={m.id}>
            <a href={`#${m.id}`} title={m.title} aria-current={m.id === active ? 'page' : undefined} data-testid={`mode-${m.id}`} onClick={(e) => go(e, m.id)}>
              {m.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
