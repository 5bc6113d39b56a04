import type { Plugin } from 'vite';

// Why: the MNIST loader (@backprop/mnist's mnist-digits.js) imports each JSON file with
// `import('…/0.json', { with: { type: 'json' } })`, which Node's ESM loader requires. A build bundles the JSON
// (Rolldown reads the attribute), but Vite's dev server (8.3) leaves the attribute on a dynamic import while
// it serves the JSON as a JavaScript module (`…/0.json?import`, text/javascript); the browser then refuses
// the module ("Expected a JSON module script but the server responded with a MIME type of text/javascript",
// reported as "Failed to fetch dynamically imported module"), so MNIST loaded in `vite preview` and never in
// `vite dev`. Vite strips the attributes of static imports in dev, not of dynamic ones (vitejs/vite#19095).
// This plugin does for the dev server what Vite does for static imports: it removes the attribute from
// dynamic imports of .json files, before Vite rewrites them, so dev and preview load the same data.

/** `import('x.json', { with: { type: 'json' } })` (or `assert`), with any quotes and spacing. */
const JSON_IMPORT = /(\bimport\s*\(\s*(["'`])[^"'`]+?\.json(?:\?[^"'`]*)?\2)(\s*,\s*\{\s*(?:with|assert)\s*:\s*\{\s*type\s*:\s*(["'])json\4\s*,?\s*\}\s*,?\s*\})(\s*\))/g;

/**
 * The source with the JSON import attributes of dynamic imports blanked out (replaced by as many spaces, so
 * every line and column, and so every source-map position, stays where it was); the same string when
 * there are none.
 */
export function stripJsonImportAttributes(code: string): string {
  return code.replace(JSON_IMPORT, (_all, head: string, _q, attributes: string, _q2, tail: string) => head + ' '.repeat(attributes.length) + tail);
}

/** The Vite plugin: dev server, browser modules only (Node, which needs the attribute, never sees its output). */
export function jsonImportAttributes(): Plugin {
  return {
    name: 'backprop:dev-json-import-attributes',
    apply: 'serve',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.config.consumer === 'client',
    transform(code, id) {
      if (!/\.[cm]?[jt]sx?(?:\?|$)/.test(id) || !code.includes('json')) return null;
      const out = stripJsonImportAttributes(code);
      return out === code ? null : { code: out, map: null };
    },
  };
}
