// A response body's JSON: undone from gzip or brotli when the server compressed it, then parsed from its UTF-8 bytes.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parseJsonLeaving, type ParsedJson } from '../parse-json-bytes.js';

/**
 * What the client asks for. fetch asked for compression, and a page of 1000 records is ~1 MB of JSON that gzip
 * shrinks several times over; the emulator never compresses, so the bench pays nothing for it.
 */
export const ACCEPT_ENCODING = 'gzip, br';

/** Throws on a compressed body that is cut short or corrupt (zlib's error), as on a truncated or non-JSON body. */
export function parseBody(body: Buffer, contentEncoding: string | undefined, leave: string | undefined): ParsedJson {
  return parseJsonLeaving(decompress(body, contentEncoding?.trim().toLowerCase()), leave);
}

function decompress(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding) {
    case undefined:
    case '':
    case 'identity':
      return body;
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      throw new Error(`the body is encoded as ${encoding}, which this client does not read`);
  }
}
