// JSON.parse's verdict on UTF-8 bytes without building what JSON.parse builds: a page's records are checked as JSON
// and kept as bytes, so no object or string is made of them.

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const OPEN_ARRAY = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_ARRAY = 0x5d;
const LOWER_E = 0x65;
const LOWER_F = 0x66;
const LOWER_N = 0x6e;
const LOWER_T = 0x74;
const LOWER_U = 0x75;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

const TRUE = new TextEncoder().encode('true');
const FALSE = new TextEncoder().encode('false');
const NULL = new TextEncoder().encode('null');

/**
 * The bracket that closes each open array or object, innermost last: an explicit stack instead of recursion, which a
 * deeply nested document would take past the call stack. One for every check (a check never calls another), grown
 * for deeper documents: a stack made per check cost more than the check of a short value.
 */
let closers: Uint8Array = new Uint8Array(32);

/** 1 for each byte value that passes `accepts`, 0 for the others: one lookup where a test would be several compares. */
function byteTable(accepts: (byte: number) => boolean): Uint8Array {
  const table = new Uint8Array(256);
  for (let byte = 0; byte < 256; byte++) table[byte] = accepts(byte) ? 1 : 0;
  return table;
}

const charactersOf = (text: string) => (byte: number) => text.includes(String.fromCharCode(byte));

/**
 * Bytes a string holds as they are. Bytes from 0x80 are all taken, as JSON.parse takes the text toString('utf8')
 * makes of them: invalid UTF-8 only becomes U+FFFD.
 */
const PLAIN = byteTable((byte) => byte >= SPACE && byte !== QUOTE && byte !== BACKSLASH);
const HEX_DIGIT = byteTable(charactersOf('0123456789abcdefABCDEF'));
/** What may follow a backslash, apart from `u` and its four hex digits. */
const SHORT_ESCAPE = byteTable(charactersOf('"\\/bfnrt'));

/**
 * The index just past the JSON value that starts at `at` (no leading whitespace), or -1 when bytes[at..] does not
 * start with one. The verdict is JSON.parse's: the value ends where JSON.parse's would, and bytes after it are the
 * caller's. Nesting has no limit but memory, so a document of 100,000 `[` gets its verdict like any other.
 */
export function skipJsonValue(bytes: Uint8Array, at: number): number {
  let stack = closers;
  let depth = 0;
  let i = at;
  for (;;) {
    // At the start of a value.
    switch (bytes[i]) {
      case OPEN_OBJECT:
      case OPEN_ARRAY: {
        const closer = bytes[i] === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
        i = skipJsonSpace(bytes, i + 1);
        if (bytes[i] === closer) {
          i++;
          break;
        }
        if (depth === stack.length) closers = stack = grown(stack);
        stack[depth++] = closer;
        if (closer === CLOSE_OBJECT) {
          i = skipKey(bytes, i);
          if (i < 0) return -1;
        }
        continue;
      }
      case QUOTE:
        i = skipString(bytes, i + 1);
        break;
      case LOWER_T:
        i = skipWord(bytes, i, TRUE);
        break;
      case LOWER_F:
        i = skipWord(bytes, i, FALSE);
        break;
      case LOWER_N:
        i = skipWord(bytes, i, NULL);
        break;
      default:
        i = skipNumber(bytes, i);
    }
    if (i < 0) return -1;
    // Just past a value: brackets close until a comma starts the next value, or the outermost value has ended.
    for (;;) {
      if (depth === 0) return i;
      i = skipJsonSpace(bytes, i);
      const closer = stack[depth - 1];
      const byte = bytes[i];
      if (byte === COMMA) {
        i = skipJsonSpace(bytes, i + 1);
        if (closer === CLOSE_OBJECT) {
          i = skipKey(bytes, i);
          if (i < 0) return -1;
        }
        break;
      }
      if (byte !== closer) return -1;
      depth--;
      i++;
    }
  }
}

function grown(stack: Uint8Array): Uint8Array {
  const larger = new Uint8Array(stack.length * 2);
  larger.set(stack);
  return larger;
}

/** The index of the first byte from `i` that is not JSON whitespace. */
export function skipJsonSpace(bytes: Uint8Array, i: number): number {
  for (;;) {
    const byte = bytes[i];
    if (byte !== SPACE && byte !== LINE_FEED && byte !== CARRIAGE_RETURN && byte !== TAB) return i;
    i++;
  }
}

/** From a member's key to the start of its value, or -1. */
function skipKey(bytes: Uint8Array, i: number): number {
  if (bytes[i] !== QUOTE) return -1;
  i = skipString(bytes, i + 1);
  if (i < 0) return -1;
  i = skipJsonSpace(bytes, i);
  if (bytes[i] !== COLON) return -1;
  return skipJsonSpace(bytes, i + 1);
}

/** From a string's opening quote to just past its closing one, or -1. */
export function skipJsonString(bytes: Uint8Array, quote: number): number {
  return skipString(bytes, quote + 1);
}

/** From just past a string's opening quote to just past its closing one, or -1. */
function skipString(bytes: Uint8Array, i: number): number {
  const end = bytes.length;
  for (;;) {
    let byte = 0;
    while (i < end && PLAIN[(byte = bytes[i]!)] === 1) i++;
    if (i === end) return -1;
    if (byte === QUOTE) return i + 1;
    if (byte !== BACKSLASH) return -1;
    i = skipEscape(bytes, i);
    if (i < 0) return -1;
  }
}

/** From a backslash in a string to just past its escape, or -1. */
function skipEscape(bytes: Uint8Array, i: number): number {
  const escaped = bytes[i + 1];
  if (escaped === LOWER_U) {
    if (i + 6 > bytes.length) return -1;
    const hex = HEX_DIGIT[bytes[i + 2]!]! & HEX_DIGIT[bytes[i + 3]!]! & HEX_DIGIT[bytes[i + 4]!]! & HEX_DIGIT[bytes[i + 5]!]!;
    return hex === 1 ? i + 6 : -1;
  }
  return escaped !== undefined && SHORT_ESCAPE[escaped] === 1 ? i + 2 : -1;
}

function skipWord(bytes: Uint8Array, i: number, word: Uint8Array): number {
  for (let k = 0; k < word.length; k++) if (bytes[i + k] !== word[k]) return -1;
  return i + word.length;
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= DIGIT_ZERO && byte <= DIGIT_NINE;
}

/** `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`, or -1. A leading zero ends the number, as it ends JSON.parse's. */
function skipNumber(bytes: Uint8Array, i: number): number {
  if (bytes[i] === MINUS) i++;
  if (bytes[i] === DIGIT_ZERO) i++;
  else if (isDigit(bytes[i])) i = skipDigits(bytes, i);
  else return -1;
  if (bytes[i] === DOT) {
    if (!isDigit(bytes[i + 1])) return -1;
    i = skipDigits(bytes, i + 1);
  }
  const exponent = bytes[i];
  if (exponent === LOWER_E || exponent === UPPER_E) {
    i++;
    const sign = bytes[i];
    if (sign === PLUS || sign === MINUS) i++;
    if (!isDigit(bytes[i])) return -1;
    i = skipDigits(bytes, i);
  }
  return i;
}

function skipDigits(bytes: Uint8Array, i: number): number {
  while (isDigit(bytes[i])) i++;
  return i;
}
