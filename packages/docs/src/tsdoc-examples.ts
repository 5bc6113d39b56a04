// Extracts the TSDoc `@example`s of the published packages' sources, so the tests can type-check and run
// them as the API reference shows them. An example reads as TypeDoc renders it: the tag's text is the code,
// unless it holds ``` fences (then the fenced ts / js blocks are the code, the text before them a title).
// Examples are fragments; what they assume comes from three places, in this order:
//   1. imports added for the free names that the example's own package, or @backprop/core, exports (a
//      reader of a package's page knows its API is in scope);
//   2. the shared namespace, src/example-namespace.ts (as pytest's doctest_namespace): the conventional
//      `net`, `X`, `y`, `labels`, `Y`, … that examples use without defining them;
//   3. a `@prelude` block tag in the same doc comment (hidden from the rendered docs, as the README's
//      `<!-- prelude: … -->`): setup particular to that comment's examples, prepended to each of them.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One `@example` of a source file. */
export interface TsdocExample {
  /** `packages/<pkg>/src/<file>.ts:<line>` of the `@example` tag. */
  readonly where: string;
  /** The package directory name (`core`, `datasets`, …). */
  readonly pkg: string;
  /** The example as the docs show it. */
  readonly code: string;
  /** The comment's `@prelude`, if any. */
  readonly prelude: string | undefined;
}

/** Every `*.ts` under `dir` that ships: no tests, no test helpers (`testing/`), no declaration files. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'testing' ? [] : sourceFiles(path);
    return /(?<!\.test|\.d)\.ts$/.test(d.name) ? [path] : [];
  });
}

const DOC_COMMENT = /\/\*\*[\s\S]*?\*\//g;
const BLOCK_TAG = /^@(\w+)/;

/** The examples of the package in `repo/packages/<pkg>`. */
export function tsdocExamples(repo: string, pkg: string): TsdocExample[] {
  const out: TsdocExample[] = [];
  for (const file of sourceFiles(join(repo, 'packages', pkg, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(DOC_COMMENT)) {
      const firstLine = text.slice(0, m.index).split('\n').length;
      const lines = m[0]
        .replace(/^\/\*\*/, '')
        .replace(/\*\/$/, '')
        .split('\n')
        .map((l) => l.replace(/^\s*\* ?/, ''));
      // Block tags: a line that starts with @name opens one, running to the next such line.
      const tags: { name: string; line: number; body: string[] }[] = [];
      lines.forEach((l, i) => {
        const tag = BLOCK_TAG.exec(l.trimStart());
        if (tag) tags.push({ name: tag[1]!, line: firstLine + i, body: [l.trimStart().slice(tag[0].length)] });
        else tags.at(-1)?.body.push(l);
      });
      const prelude = tags.find((t) => t.name === 'prelude')?.body.join('\n').trim();
      for (const t of tags.filter((t) => t.name === 'example')) {
        const where = `${relative(repo, file)}:${t.line}`;
        for (const code of exampleCode(t.body.join('\n'))) out.push({ where, pkg, code, prelude });
      }
    }
  }
  return out;
}

/** The code of one `@example`'s text, as TypeDoc reads it. */
function exampleCode(body: string): string[] {
  if (!body.includes('```')) return [body.replace(/^\s*<caption>.*?<\/caption>/, '').trim()];
  return [...body.matchAll(/```(\w*)\n([\s\S]*?)```/g)].filter((f) => /^(ts|typescript|js|javascript|)$/.test(f[1]!)).map((f) => f[2]!.trim());
}

/** The names a module's top-level exports, split into values and types (an `index.ts` of ours). */
export function exportedNames(file: string): { values: Set<string>; types: Set<string> } {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const values = new Set<string>();
  const types = new Set<string>();
  for (const s of sf.statements) {
    if (ts.isExportDeclaration(s) && s.exportClause) {
      if (ts.isNamespaceExport(s.exportClause)) values.add(s.exportClause.name.text);
      else for (const e of s.exportClause.elements) (s.isTypeOnly || e.isTypeOnly ? types : values).add(e.name.text);
    }
    const exported = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) ts.isIdentifier(d.name) && values.add(d.name.text);
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) values.add(s.name.text);
    if ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name) types.add(s.name.text);
  }
  return { values, types };
}

/** The identifiers `code` uses but never declares (imports, variables, functions, parameters count as declared). */
export function freeNames(code: string): Set<string> {
  const sf = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true);
  const used = new Set<string>();
  const declared = new Set<string>();
  const declare = (name: ts.BindingName | ts.Identifier | undefined): void => {
    if (!name) return;
    if (ts.isIdentifier(name)) declared.add(name.text);
    else for (const e of name.elements) if (!ts.isOmittedExpression(e)) declare(e.name);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node)) declare(node.name);
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) declare(node.name);
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) declare(node.name);
    if (ts.isIdentifier(node) && !isPropertyName(node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return new Set([...used].filter((n) => !declared.has(n)));
}

/** A name that is a property (`a.name`, `{ name: … }`, `{ name }` in a pattern, `A.B` in a type), not a variable. */
function isPropertyName(id: ts.Identifier): boolean {
  const p = id.parent;
  return (
    (ts.isPropertyAccessExpression(p) && p.name === id) ||
    (ts.isPropertyAssignment(p) && p.name === id) ||
    (ts.isBindingElement(p) && p.propertyName === id) ||
    (ts.isQualifiedName(p) && p.right === id) ||
    (ts.isPropertySignature(p) && p.name === id) ||
    (ts.isMethodDeclaration(p) && p.name === id) ||
    (ts.isImportSpecifier(p) && p.propertyName === id) ||
    ts.isLabeledStatement(p)
  );
}

/** The modules an example's free names may come from, most specific first. */
export interface ImportSource {
  readonly from: string;
  readonly values: ReadonlySet<string>;
  readonly types: ReadonlySet<string>;
}

/** The import lines for `code`'s free names, each from the first source that exports it. */
export function autoImports(code: string, sources: readonly ImportSource[]): string[] {
  const free = freeNames(code);
  const lines: string[] = [];
  for (const s of sources) {
    const values = [...free].filter((n) => s.values.has(n));
    const types = [...free].filter((n) => !s.values.has(n) && s.types.has(n));
    for (const n of [...values, ...types]) free.delete(n);
    if (values.length) lines.push(`import { ${values.join(', ')} } from '${s.from}';`);
    if (types.length) lines.push(`import type { ${types.join(', ')} } from '${s.from}';`);
  }
  return lines;
}
