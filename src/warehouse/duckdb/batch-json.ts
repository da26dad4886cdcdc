// The JSON text of a batch as DuckDB's read_json accepts it, with text cleaned the way PostgreSQL's path cleans it.

/** An escaped lone surrogate or NUL that is not itself preceded by an escaping backslash. */
const UNLOADABLE_ESCAPES = /(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2}|0000)/g;

/**
 * One JSON.stringify of the whole batch (twice as fast as one per row). JSON.stringify writes NaN and Infinity as
 * null, the documented outcome for non-finite numbers; it escapes a lone UTF-16 surrogate (a truncated emoji), which
 * read_json rejects, so that becomes U+FFFD as the PostgreSQL driver's UTF-8 encoding makes it; NUL is dropped, as
 * PostgreSQL text cannot hold it, so both engines store the same text.
 */
export function batchJson(rows: readonly unknown[]): string {
  return loadableJson(JSON.stringify(rows));
}

/** One JSON text per line (read_json's newline_delimited), each value cleaned as batchJson cleans it. */
export function jsonLines(values: Iterable<unknown>): string {
  let text = '';
  for (const value of values) text += `${JSON.stringify(value)}\n`;
  return loadableJson(text);
}

/** A cheap scan first: most batches hold neither, and the replace with a callback costs far more than a test. */
const MAYBE_UNLOADABLE = /\\u(d[89a-f]|0000)/;

function loadableJson(json: string): string {
  if (!MAYBE_UNLOADABLE.test(json)) return json;
  return json.replace(UNLOADABLE_ESCAPES, (_match, backslashes: string, code: string) =>
    code === '0000' ? backslashes : `${backslashes}\\ufffd`,
  );
}
