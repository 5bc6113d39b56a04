import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo, useMemo } from 'react';

/**
 * Typeset mathematics: a TeX string rendered by KaTeX into a span (inline, or a centred block with
 * `display`). KaTeX also writes MathML, so screen readers read the formula; `label` replaces that with
 * words where the notation is dense. A TeX error shows the source in red instead of throwing.
 *
 * Import it only from views that are loaded lazily (Step through, Learn): KaTeX and its fonts then stay
 * out of the page's first download.
 *
 * @example <Tex tex="\nabla_{W_k} \mathcal{L}(\theta) = \nabla_{a_k}\mathcal{L}(\theta)\, h_{k-1}^\top" display />
 */
export const Tex = memo(function Tex(props: { tex: string; display?: boolean; label?: string; className?: string }) {
  const { tex, display = false } = props;
  const html = useMemo(() => katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore' }), [tex, display]);
  const className = `tex${display ? ' tex-display' : ''}${props.className ? ` ${props.className}` : ''}`;
  if (props.label !== undefined) {
    return (
      <span className={className} role="img" aria-label={props.label}>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX's own output for our own TeX strings */}
        <span aria-hidden="true" dangerouslySetInnerHTML={{ __html: html }} />
      </span>
    );
  }
  // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX's own output for our own TeX strings
  return <span className={className} dangerouslySetInnerHTML={{ __html: html }} />;
});
