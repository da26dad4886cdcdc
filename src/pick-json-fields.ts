// Some members of each object in a JSON array of objects, parsed as JSON.parse would parse them; the other members
// are only stepped over. A page of 1000 call summaries is ~700 KB, of which call feedback reads four fields.
import type { JsonObjects } from './parse-json-bytes.js';
import { skipJsonSpace, skipJsonString, skipJsonValue } from './skip-json-value.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Each object with only the members named in `fields` (names without `__proto__`), as JSON.parse makes them: a
 * repeated key keeps its last value, and a key written with escapes is matched by what it decodes to. Throws a
 * SyntaxError where the bytes are not a JSON array of objects.
 */
export function pickJsonFields(json: JsonObjects, fields: readonly string[]): Record<string, unknown>[] {
  const { bytes } = json;
  const names = fields.map((field) => Buffer.from(field));
  const objects: Record<string, unknown>[] = [];
  const fail = (at: number): never => {
    throw new SyntaxError(`Expected a JSON array of objects, not what is at position ${at}`);
  };
  let i = skipJsonSpace(bytes, 0);
  if (bytes[i] !== OPEN_ARRAY) fail(i);
  i = skipJsonSpace(bytes, i + 1);
  if (bytes[i] === CLOSE_ARRAY) i = skipJsonSpace(bytes, i + 1);
  else {
    for (;;) {
      if (bytes[i] !== OPEN_OBJECT) fail(i);
      const object: Record<string, unknown> = {};
      i = skipJsonSpace(bytes, i + 1);
      if (bytes[i] === CLOSE_OBJECT) i++;
      else {
        for (;;) {
          const keyEnd = bytes[i] === QUOTE ? skipJsonString(bytes, i) : -1;
          if (keyEnd < 0) fail(i);
          const field = picked(bytes, i + 1, keyEnd - 1, names, fields);
          i = skipJsonSpace(bytes, keyEnd);
          if (bytes[i] !== COLON) fail(i);
          const start = skipJsonSpace(bytes, i + 1);
          i = bytes[start] === QUOTE ? skipJsonString(bytes, start) : skipJsonValue(bytes, start);
          if (i < 0) fail(start);
          if (field !== undefined) object[field] = JSON.parse(bytes.toString('utf8', start, i));
          i = skipJsonSpace(bytes, i);
          if (bytes[i] === CLOSE_OBJECT) break;
          if (bytes[i] !== COMMA) fail(i);
          i = skipJsonSpace(bytes, i + 1);
        }
        i++;
      }
      objects.push(object);
      i = skipJsonSpace(bytes, i);
      if (bytes[i] === CLOSE_ARRAY) break;
      if (bytes[i] !== COMMA) fail(i);
      i = skipJsonSpace(bytes, i + 1);
    }
    i = skipJsonSpace(bytes, i + 1);
  }
  if (i !== bytes.length) fail(i);
  return objects;
}

/** The field the key in bytes[start..end) names, or undefined; keys with escapes are decoded first. */
function picked(bytes: Buffer, start: number, end: number, names: readonly Buffer[], fields: readonly string[]): string | undefined {
  for (let k = start; k < end; k++) {
    if (bytes[k] === BACKSLASH) {
      const key = JSON.parse(bytes.toString('utf8', start - 1, end + 1)) as string;
      return fields.includes(key) ? key : undefined;
    }
  }
  const length = end - start;
  for (let k = 0; k < names.length; k++) {
    const name = names[k] as Buffer;
    if (name.length === length && (length === 0 || name[0] === bytes[start]) && bytes.compare(name, 0, length, start, end) === 0) return fields[k];
  }
  return undefined;
}
