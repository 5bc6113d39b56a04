// Extracts the TypeScript / JavaScript code blocks of the READMEs, so the tests can type-check and run
// them as written. Two HTML comments (invisible on GitHub and npm) may stand right before a block:
//   <!-- prelude: const net = …; -->   hidden setup the block assumes (its free variables), prepended
//   <!-- skip: reason -->               a block that is not a program (a type summary); the reason is required
//   <!-- assert: expression -->         hidden check appended to the block: the run fails unless it is true
//                                       (a claim of the text, e.g. `accuracy >= 0.9`, as a floor with margin)
// A plain ``` block right after a code block is its expected output: what the block prints, where a
// line `…` stands for any number of lines.
import { readFileSync } from 'node:fs';

/** One code block of a README. */
export interface ReadmeExample {
  /** `README.md:line` of the opening fence. */
  readonly where: string;
  readonly lang: 'ts' | 'js';
  /** The block with its prelude before it and its asserts after it (prelude lines first, the block's own lines after). */
  readonly code: string;
  /** Lines the prelude adds before the block (to map error lines back). */
  readonly preludeLines: number;
  readonly skip: string | undefined;
  /** The `assert:` expressions, each checked after the block has run. */
  readonly asserts: readonly string[];
  /** The output block after it, if any. */
  readonly output: string | undefined;
}

const FENCE = /^```([\w-]*)\s*$/;

export function readmeExamples(file: string, label: string): ReadmeExample[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: ReadmeExample[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = FENCE.exec(lines[i]!);
    if (!open) {
      i++;
      continue;
    }
    const start = i;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    const lang = open[1] === 'ts' || open[1] === 'typescript' ? 'ts' : open[1] === 'js' || open[1] === 'javascript' ? 'js' : undefined;
    if (lang) {
      const body = lines.slice(start + 1, end).join('\n');
      const { prelude, skip, asserts } = directives(lines, start);
      let output: string | undefined;
      if (lines[end + 1] === '```') {
        let close = end + 2;
        while (close < lines.length && lines[close] !== '```') close++;
        output = lines.slice(end + 2, close).join('\n');
      }
      const preludeLines = prelude ? prelude.split('\n').length : 0;
      const checks = asserts.map((a) => `\nif (!(${a})) throw new Error(${JSON.stringify(`${label}:${start + 1}: the text claims ${a}`)});`).join('');
      out.push({ where: `${label}:${start + 1}`, lang, code: `${prelude ? `${prelude}\n${body}` : body}${checks}`, preludeLines, skip, asserts, output });
    }
    i = end + 1;
  }
  return out;
}

/** The `<!-- prelude: … -->` / `<!-- skip: … -->` / `<!-- assert: … -->` comments directly above line `fence`. */
function directives(lines: readonly string[], fence: number): { prelude: string | undefined; skip: string | undefined; asserts: string[] } {
  let prelude: string | undefined;
  let skip: string | undefined;
  const asserts: string[] = [];
  let j = fence - 1;
  while (j >= 0 && lines[j]!.trim().endsWith('-->')) {
    let k = j;
    while (k >= 0 && !lines[k]!.includes('<!--')) k--;
    const text = lines.slice(k, j + 1).join('\n').replace(/^\s*<!--\s*/, '').replace(/\s*-->\s*$/, '');
    const m = /^(prelude|skip|assert):\s*([\s\S]*)$/.exec(text);
    if (!m) break;
    if (m[1] === 'prelude') prelude = m[2]!;
    else if (m[1] === 'assert') asserts.unshift(m[2]!.trim());
    else skip = m[2]!.trim();
    j = k - 1;
  }
  return { prelude, skip, asserts };
}

/** True when `actual` matches `expected`, where an expected line `…` matches any run of lines. */
export function outputMatches(actual: string, expected: string): boolean {
  const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = expected.trimEnd().split('\n…\n').map(literal).join('\n[\\s\\S]*');
  return new RegExp(`^${pattern}$`).test(actual.trimEnd());
}
