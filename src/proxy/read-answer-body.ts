import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

const DECODERS: Record<string, (input: Buffer) => Buffer> = { gzip: gunzipSync, 'x-gzip': gunzipSync, deflate: inflateSync, br: brotliDecompressSync };

/**
 * An answer's body as the spec sees it: decompressed, parsed when JSON, text otherwise, undefined when empty.
 * A body that does not decode or parse is kept as text, and the schema check then says so.
 */
export function readAnswerBody(raw: Buffer, contentType: string | undefined, encoding: string | undefined): { text?: string; body?: unknown } {
  let bytes = raw;
  const decode = DECODERS[(encoding ?? '').toLowerCase()];
  if (decode) {
    try {
      bytes = decode(raw);
    } catch {
      /* sent as the header says or not: the raw bytes are what there is */
    }
  }
  if (bytes.length === 0) return {};
  const text = bytes.toString('utf8');
  if (!/json/i.test(contentType ?? '')) return { text, body: text };
  try {
    return { text, body: JSON.parse(text) as unknown };
  } catch {
    return { text, body: text };
  }
}
