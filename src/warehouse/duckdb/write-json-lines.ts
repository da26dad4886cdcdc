// JSON text as DuckDB's read_json accepts it (one value per line), with text cleaned the way PostgreSQL's path cleans it.
import type { ByteWriter } from '../../byte-writer.js';

/** An escaped lone surrogate or NUL that is not itself preceded by an escaping backslash. */
const UNLOADABLE_ESCAPES = /(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2}|0000)/g;
/** A cheap scan first: most values hold neither, and the replace with a callback costs far more than a test. */
const MAYBE_UNLOADABLE = /\\u(d[89a-f]|0000)/;

/**
 * One JSON.stringify per value, written as one line (JSON.stringify never writes a raw newline), so no string is
 * ever as large as the file (see ByteWriter). JSON.stringify writes NaN and Infinity as null, the documented outcome
 * for non-finite numbers; it escapes a lone UTF-16 surrogate (a truncated emoji), which read_json rejects, so that
 * becomes U+FFFD as the PostgreSQL path's UTF-8 encoding makes it; NUL is dropped, as PostgreSQL text cannot hold it,
 * so both engines store the same text.
 */
export function writeJsonLines(values: Iterable<unknown>, out: ByteWriter): void {
  for (const value of values) {
    const json = JSON.stringify(value);
    out.write(MAYBE_UNLOADABLE.test(json) ? loadable(json) : json);
    out.write('\n');
  }
}

function loadable(json: string): string {
  return json.replace(UNLOADABLE_ESCAPES, (_match, backslashes: string, code: string) => (code === '0000' ? backslashes : `${backslashes}\\ufffd`));
}
