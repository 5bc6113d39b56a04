import { Tex } from '../components/Tex.js';

/** A sentence with `$…$` spans set as inline KaTeX. */
export function Prose({ text, as = 'p' }: { text: string; as?: 'p' | 'span' }) {
  const parts = text.split('$');
  const body = parts.map((part, i) =>
    i % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed sentence
      <Tex key={i} tex={part} />
    ) : (
      part
    ),
  );
  return as === 'p' ? <p>{body}</p> : <span>{body}</span>;
}
