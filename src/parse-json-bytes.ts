// JSON.parse of UTF-8 bytes, with the same result, that never makes one string of a large document: a page of 1000
// Twilio records is ~1 MB, and a string that size costs fresh memory and page faults each time (see ByteWriter).
// The top-level object's members, and each element of its arrays, are decoded and parsed one by one; a page's
// records can instead be checked as JSON and left as bytes, for the hub to store as Twilio sent them.
import { skipJsonSpace, skipJsonValue } from './skip-json-value.js';

/** Below this, one string is a regular V8 object and the document is parsed whole. */
const SPLIT_FROM_BYTES = 64 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** Throws as JSON.parse throws on text that is not JSON. */
export function parseJsonBytes(bytes: Buffer): unknown {
  return parseJsonLeaving(bytes, undefined).value;
}

export interface ParsedJson {
  /** The document; without the member `left` stands for, when there is one. */
  readonly value: unknown;
  readonly left: JsonObjects | undefined;
}

/** A JSON array of objects, checked as JSON and kept as bytes: a view into the document's buffer. */
export interface JsonObjects {
  readonly bytes: Buffer;
  readonly count: number;
}

/**
 * parseJsonBytes, except that the top-level member `leave`, when the document is large enough to be split and that
 * member is an array of objects, is only checked and is returned as `left` instead of in the value.
 */
export function parseJsonLeaving(bytes: Buffer, leave: string | undefined): ParsedJson {
  if (bytes.length >= SPLIT_FROM_BYTES) {
    try {
      const parser = new SplitParser(bytes, leave);
      const value = parser.document();
      if (value !== undefined) return { value, left: parser.left };
    } catch {
      // A piece that is not JSON: the whole document is parsed below, for JSON.parse's own verdict and error.
    }
  }
  // Small documents, and anything the split parser does not take (neither an object nor an array at the top, a
  // `__proto__` member, text that is not JSON), are parsed whole: JSON.parse gives the result or the error.
  return { value: JSON.parse(bytes.toString('utf8')), left: undefined };
}

/**
 * Finds value boundaries by structure alone (strings are skipped to their closing quote, brackets counted), then
 * JSON.parse checks each piece. Pieces start and end at ASCII structure, so no UTF-8 sequence is ever split.
 * Returns undefined where the structure between pieces is not what JSON allows.
 */
class SplitParser {
  left: JsonObjects | undefined;
  #at = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly leave: string | undefined,
  ) {}

  /** A top-level array (a page's records left as bytes, parsed when asked) is split element by element. */
  document(): unknown {
    this.#skipSpace();
    if (this.bytes[this.#at] === OPEN_ARRAY) {
      const array = this.#array();
      return array === undefined ? undefined : this.#end(array.parsed);
    }
    if (this.bytes[this.#at] !== OPEN_OBJECT) return undefined;
    this.#at++;
    const result: Record<string, unknown> = {};
    this.#skipSpace();
    if (this.bytes[this.#at] === CLOSE_OBJECT) return this.#end(result);
    for (;;) {
      if (this.bytes[this.#at] !== QUOTE) return undefined;
      const keyEnd = this.#stringEnd(this.#at);
      if (keyEnd < 0) return undefined;
      const key = this.#parse(this.#at, keyEnd);
      // JSON.parse makes an own property of it; an assignment would set the prototype instead.
      if (typeof key !== 'string' || key === '__proto__') return undefined;
      this.#at = keyEnd;
      this.#skipSpace();
      if (this.bytes[this.#at] !== COLON) return undefined;
      this.#at++;
      this.#skipSpace();
      const start = this.#at;
      const isArray = this.bytes[start] === OPEN_ARRAY;
      const objects = isArray && key === this.leave ? this.#objects() : null;
      if (objects === undefined) return undefined;
      // A repeated key: JSON.parse keeps the last value, and so does this.
      if (objects === null) {
        const value = isArray ? this.#array() : this.#value();
        if (value === undefined) return undefined;
        result[key] = value.parsed;
        if (key === this.leave) this.left = undefined;
      } else {
        delete result[key];
        this.left = { bytes: this.bytes.subarray(start, this.#at), count: objects };
      }
      this.#skipSpace();
      const next = this.bytes[this.#at];
      this.#at++;
      if (next === CLOSE_OBJECT) return this.#end(result);
      if (next !== COMMA) return undefined;
      this.#skipSpace();
    }
  }

  #end<T>(result: T): T | undefined {
    this.#skipSpace();
    return this.#at === this.bytes.length ? result : undefined;
  }

  #array(): { parsed: unknown[] } | undefined {
    this.#at++;
    const parsed: unknown[] = [];
    this.#skipSpace();
    if (this.bytes[this.#at] === CLOSE_ARRAY) {
      this.#at++;
      return { parsed };
    }
    for (;;) {
      const element = this.#value();
      if (element === undefined) return undefined;
      parsed.push(element.parsed);
      this.#skipSpace();
      const next = this.bytes[this.#at];
      this.#at++;
      if (next === CLOSE_ARRAY) return { parsed };
      if (next !== COMMA) return undefined;
      this.#skipSpace();
    }
  }

  /**
   * The array at the cursor checked element by element: its length when each is an object (the cursor then past
   * it), null when one is not (the cursor left where it was), undefined when it is not JSON.
   */
  #objects(): number | null | undefined {
    const { bytes } = this;
    let at = skipJsonSpace(bytes, this.#at + 1);
    let count = 0;
    if (bytes[at] === CLOSE_ARRAY) {
      this.#at = at + 1;
      return 0;
    }
    for (;;) {
      if (bytes[at] !== OPEN_OBJECT) return null;
      at = skipJsonValue(bytes, at);
      if (at < 0) return undefined;
      count++;
      at = skipJsonSpace(bytes, at);
      const next = bytes[at++];
      if (next === CLOSE_ARRAY) break;
      if (next !== COMMA) return undefined;
      at = skipJsonSpace(bytes, at);
    }
    this.#at = at;
    return count;
  }

  /** One value from the cursor: up to its closing bracket or quote, or for a bare literal up to `,` `]` `}`. */
  #value(): { parsed: unknown } | undefined {
    const { bytes } = this;
    const start = this.#at;
    let depth = 0;
    let at = start;
    for (; at < bytes.length; at++) {
      const byte = bytes[at];
      if (byte === QUOTE) {
        at = this.#stringEnd(at) - 1;
        if (at < 0) return undefined;
        if (depth === 0) {
          at++;
          break;
        }
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        depth++;
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        if (depth === 0) break;
        if (--depth === 0) {
          at++;
          break;
        }
      } else if (byte === COMMA && depth === 0) {
        break;
      }
    }
    if (depth !== 0 || at === start) return undefined;
    this.#at = at;
    return { parsed: this.#parse(start, at) };
  }

  /** The index just past the string opening at `quote`, or -1 when it never closes. */
  #stringEnd(quote: number): number {
    let from = quote + 1;
    for (;;) {
      const close = this.bytes.indexOf(QUOTE, from);
      if (close < 0) return -1;
      let backslashes = 0;
      while (this.bytes[close - 1 - backslashes] === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return close + 1;
      from = close + 1;
    }
  }

  #parse(start: number, end: number): unknown {
    return JSON.parse(this.bytes.toString('utf8', start, end));
  }

  #skipSpace(): void {
    this.#at = skipJsonSpace(this.bytes, this.#at);
  }
}
