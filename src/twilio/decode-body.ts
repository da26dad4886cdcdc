// A response body as text: undone from gzip or brotli when the server compressed it, then decoded as UTF-8.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/**
 * What the client asks for. fetch asked for compression, and a page of 1000 records is ~1 MB of JSON that gzip
 * shrinks several times over; the emulator never compresses, so the bench pays nothing for it.
 */
export const ACCEPT_ENCODING = 'gzip, br';

/** Throws on a compressed body that is cut short or corrupt (zlib's error), as a truncated JSON body would. */
export function decodeBody(body: Buffer, contentEncoding: string | undefined): string {
  // One decode of the whole page: decoding chunk by chunk costs more CPU and must mind split UTF-8 sequences.
  return decompress(body, contentEncoding?.trim().toLowerCase()).toString('utf8');
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
