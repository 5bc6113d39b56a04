// A pasted CSV travels in the shareable link when it is small: deflate-raw (the browser's own
// CompressionStream), then base64url, in the `csv` search parameter. Larger files are not put in the
// link, and the page says so (a link that silently opened other data would be worse than none).

/** Longest `csv` parameter written to a link, in characters (about 4.5 KB of compressed CSV). */
export const MAX_LINK_CSV = 6000;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** What a CSV becomes in a link: the parameter, or the reason it is left out (its compressed size). */
export type CsvLink = { readonly shared: true; readonly param: string } | { readonly shared: false; readonly length: number };

/** Compresses CSV text for the link; `shared: false` when the result is longer than `max` characters. */
export async function encodeCsvLink(text: string, max = MAX_LINK_CSV): Promise<CsvLink> {
  const param = toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw')));
  return param.length <= max ? { shared: true, param } : { shared: false, length: param.length };
}

/** The CSV text in a link's `csv` parameter; throws when the parameter is damaged. */
export async function decodeCsvLink(param: string): Promise<string> {
  return new TextDecoder('utf-8', { fatal: true }).decode(await pipe(fromBase64Url(param), new DecompressionStream('deflate-raw')));
}
