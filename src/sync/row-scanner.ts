// A batch's records turned into a load's lines straight from their JSON bytes, when the table's columns already fit
// every value: the lines TableShape.toRows and the engine's field writer make, without a record, a row or a string
// per value (parsing, shaping and writing them as objects was 40 % of a sync's main thread, and most of its garbage).
// Anything else returns undefined and the batch takes the object path, which handles it: a field without a column
// yet, a value its column cannot hold, a record without an id, an id twice, a key twice, text that is not UTF-8.
// The bytes need not have been checked as JSON (the hub reads its own batches back without checking them again):
// whatever is not JSON also returns undefined, and the object path's JSON.parse then says so.
import { isUtf8 } from 'node:buffer';
import type { JsonObjects } from '../parse-json-bytes.js';
import { skipJsonSpace, skipJsonValue } from '../skip-json-value.js';
import type { Cell, ColumnType } from '../warehouse/table.js';
import { LONG_VALUE_BYTES, type TextRows } from '../warehouse/text-rows.js';
import { convertCell } from './convert-cell.js';

/** What a value's slot holds. */
const UNSET = 0;
const NULL = 1;
/** A string without escapes: bytes[start..end) are its text. */
const PLAIN = 2;
/** A number or boolean whose bytes are its text in both engines' formats. */
const BARE = 3;
/** An RFC 2822 date in UTC at `start`, written as ISO 8601. */
const RFC2822 = 4;
/** `start` indexes the batch's cells: the value converted by convertCell, as the object path converts it. */
const CELL = 5;

const SPACE = 0x20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const LOWER_N = 0x6e;
const LOWER_T = 0x74;
const LOWER_F = 0x66;

/** Integers of up to 15 digits are safe, and such a literal is its own String(Number(literal)). */
const MAX_BARE_DIGITS = 15;
/** Deeper records take the object path rather than this scanner's recursion. */
const MAX_DEPTH = 32;
/** Columns every row gets from the batch, not the record: a record field landing there takes the object path. */
const BATCH_COLUMNS = new Set(['id', 'received_at', 'uuid_ts']);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A month's three letters as one number → its two ASCII digits. */
const MONTH_DIGITS = new Map(MONTHS.map((name, index) => [monthKey(Buffer.from(name), 0), String(index + 1).padStart(2, '0')]));

function monthKey(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) << 16) | ((bytes[at + 1] as number) << 8) | (bytes[at + 2] as number);
}

/** A key of an object at one path, learned from the records. */
interface FieldEntry {
  readonly key: Uint8Array;
  /** The path to it joined by `_`, as TableShape flattens nested objects. */
  readonly field: string;
  /** The column its value lands in (the path joined by `_`), or -1 when the table has none yet. */
  readonly column: number;
  readonly type: ColumnType | undefined;
  /** The top-level key holding each record's id. */
  readonly isId: boolean;
  /** The keys of its value when that is an object. */
  child: KeyNode | undefined;
  /** The key that followed it last time: records of a batch list their keys in one order, so this is a guess that holds. */
  next: FieldEntry | undefined;
  /** The last record it was seen in, to notice a key given twice. */
  seenIn: number;
}

interface KeyNode {
  /** The column name prefix of its keys: '' at the top, else the path so far. */
  readonly prefix: string;
  readonly byName: Map<string, FieldEntry>;
  first: FieldEntry | undefined;
}

export class RowScanner {
  readonly #columns: readonly string[];
  readonly #types: readonly ColumnType[];
  readonly #index: ReadonlyMap<string, number>;
  readonly #idField: string;
  readonly #root: KeyNode = newNode('');
  readonly #idColumn: number;
  readonly #receivedAtColumn: number;
  readonly #uuidTsColumn: number;
  // The batch being scanned: reused from batch to batch, so a batch's TextRows are valid until the next scan.
  #bytes: Buffer = Buffer.alloc(0);
  #kinds = new Uint8Array(0);
  #starts = new Int32Array(0);
  #ends = new Int32Array(0);
  #cells: Cell[] = [];
  #record = 0;
  #base = 0;
  #idStart = -1;
  #idEnd = -1;
  #id: string | undefined;
  #batch = 0;
  #longValueBytes = 0;

  /** `columns` in the table definition's order, with their types. */
  constructor(columns: readonly (readonly [string, ColumnType])[], idField: string) {
    this.#columns = columns.map(([name]) => name);
    this.#types = columns.map(([, type]) => type);
    this.#index = new Map(this.#columns.map((name, index) => [name, index]));
    this.#idField = idField;
    this.#idColumn = this.#index.get('id') ?? -1;
    this.#receivedAtColumn = this.#index.get('received_at') ?? -1;
    this.#uuidTsColumn = this.#index.get('uuid_ts') ?? -1;
  }

  /** The records as lines, or undefined when one of them needs the object path. */
  scan(records: JsonObjects, receivedAt: string, uuidTs: string): TextRows | undefined {
    const { bytes, count } = records;
    // Each record takes two bytes at least: a larger count is not this array's, and would size the slots wrongly.
    if (count > bytes.length / 2 || !isUtf8(bytes)) return undefined;
    const width = this.#columns.length;
    if (this.#kinds.length < count * width) {
      this.#kinds = new Uint8Array(count * width);
      this.#starts = new Int32Array(count * width);
      this.#ends = new Int32Array(count * width);
    } else this.#kinds.fill(UNSET, 0, count * width);
    this.#bytes = bytes;
    this.#cells = [receivedAt, uuidTs];
    const batch = ++this.#batch;
    this.#longValueBytes = 0;
    const ids: string[] = [];
    const seen = new Set<string>();
    let i = skipJsonSpace(bytes, 0);
    if (bytes[i] !== OPEN_ARRAY) return undefined;
    i = skipJsonSpace(bytes, i + 1);
    for (let record = 0; record < count; record++) {
      if (record > 0) {
        if (bytes[i] !== COMMA) return undefined;
        i = skipJsonSpace(bytes, i + 1);
      }
      this.#record++;
      this.#base = record * width;
      this.#id = undefined;
      this.#idStart = -1;
      if (bytes[i] !== OPEN_OBJECT) return undefined;
      i = this.#object(i, this.#root, 0);
      const id = this.#id;
      if (i < 0 || id === undefined || id === '' || seen.has(id)) return undefined;
      seen.add(id);
      ids.push(id);
      this.#setBatchCells();
      i = skipJsonSpace(bytes, i);
    }
    if (bytes[i] !== CLOSE_ARRAY || skipJsonSpace(bytes, i + 1) !== bytes.length) return undefined;
    return this.#rows(batch, count, ids, this.#longValueBytes);
  }

  #setBatchCells(): void {
    const base = this.#base;
    if (this.#idColumn >= 0) {
      const slot = base + this.#idColumn;
      if (this.#idStart >= 0) this.#set(slot, PLAIN, this.#idStart, this.#idEnd);
      else this.#set(slot, CELL, this.#cells.push(this.#id ?? null) - 1, 0);
    }
    if (this.#receivedAtColumn >= 0) this.#set(base + this.#receivedAtColumn, CELL, 0, 0);
    if (this.#uuidTsColumn >= 0) this.#set(base + this.#uuidTsColumn, CELL, 1, 0);
  }

  #set(slot: number, kind: number, start: number, end: number): void {
    this.#kinds[slot] = kind;
    this.#starts[slot] = start;
    this.#ends[slot] = end;
  }

  /** The index past the object at `i`, its values in their slots; -1 when the batch needs the object path. */
  #object(at: number, node: KeyNode, depth: number): number {
    if (depth > MAX_DEPTH) return -1;
    const bytes = this.#bytes;
    let i = skipJsonSpace(bytes, at + 1);
    if (bytes[i] === CLOSE_OBJECT) return i + 1;
    let guess = node.first;
    let previous: FieldEntry | undefined;
    for (;;) {
      if (bytes[i] !== QUOTE) return -1;
      const keyStart = i + 1;
      let keyEnd = keyStart;
      for (let byte = bytes[keyEnd]; byte !== QUOTE; byte = bytes[++keyEnd]) {
        if (byte === BACKSLASH || byte === undefined || byte < SPACE) return -1;
      }
      const entry = guess !== undefined && sameBytes(guess.key, bytes, keyStart, keyEnd) ? guess : this.#entry(node, keyStart, keyEnd);
      if (entry === undefined || entry.seenIn === this.#record) return -1;
      entry.seenIn = this.#record;
      if (previous === undefined) node.first = entry;
      else previous.next = entry;
      i = skipJsonSpace(bytes, keyEnd + 1);
      if (bytes[i] !== COLON) return -1;
      const valueStart = skipJsonSpace(bytes, i + 1);
      i = this.#value(valueStart, entry, depth);
      if (i < 0) return -1;
      // An object's own values are counted as they are scanned.
      if (i - valueStart >= LONG_VALUE_BYTES && bytes[valueStart] !== OPEN_OBJECT) this.#longValueBytes += i - valueStart;
      i = skipJsonSpace(bytes, i);
      if (bytes[i] === CLOSE_OBJECT) return i + 1;
      if (bytes[i] !== COMMA) return -1;
      i = skipJsonSpace(bytes, i + 1);
      previous = entry;
      guess = entry.next;
    }
  }

  /** The entry of the key at bytes[start..end) in `node`, made the first time; undefined for a key to leave alone. */
  #entry(node: KeyNode, start: number, end: number): FieldEntry | undefined {
    const name = this.#text(start, end);
    const known = node.byName.get(name);
    if (known !== undefined) return known;
    const field = node.prefix === '' ? name : `${node.prefix}_${name}`;
    if (name === '__proto__' || BATCH_COLUMNS.has(field)) return undefined;
    const column = this.#index.get(field) ?? -1;
    const entry: FieldEntry = {
      key: new Uint8Array(this.#bytes.subarray(start, end)),
      field,
      column,
      type: this.#types[column],
      isId: node === this.#root && name === this.#idField,
      child: undefined,
      next: undefined,
      seenIn: 0,
    };
    node.byName.set(name, entry);
    return entry;
  }

  /** The index past the value at `i`, put in its entry's slot; -1 when the batch needs the object path. */
  #value(i: number, entry: FieldEntry, depth: number): number {
    const bytes = this.#bytes;
    const first = bytes[i];
    if (first === OPEN_OBJECT) {
      entry.child ??= newNode(entry.field);
      return this.#object(i, entry.child, depth + 1);
    }
    const { column, type } = entry;
    if (first === LOWER_N) {
      // A null lands as NULL, and a field never seen with a value waits for one, as in the object path.
      if (column >= 0 && !this.#claim(column, NULL, 0, 0)) return -1;
      if (entry.isId) return -1;
      return isLiteral(bytes, i, NULL_LITERAL) ? i + 4 : -1;
    }
    if (column < 0 || type === undefined) return -1;
    if (first === QUOTE) return this.#string(i, entry, column, type);
    const end = first === OPEN_ARRAY ? skipJsonValue(bytes, i) : first === LOWER_T ? literalEnd(bytes, i, TRUE_LITERAL) : first === LOWER_F ? literalEnd(bytes, i, FALSE_LITERAL) : numberEnd(bytes, i);
    if (end < 0 || entry.isId) return -1;
    if (first === LOWER_T || first === LOWER_F) {
      if (type === 'boolean') return this.#claim(column, BARE, i, end) ? end : -1;
    } else if (first !== OPEN_ARRAY && (type === 'bigint' || type === 'double') && isBareInteger(bytes, i, end)) {
      return this.#claim(column, BARE, i, end) ? end : -1;
    }
    return this.#converted(i, end, column, type) ? end : -1;
  }

  #string(i: number, entry: FieldEntry, column: number, type: ColumnType): number {
    const bytes = this.#bytes;
    const start = i + 1;
    let end = start;
    let escaped = false;
    for (let byte = bytes[end]; byte !== QUOTE; byte = bytes[end]) {
      if (byte === undefined || byte < SPACE) return -1;
      if (byte === BACKSLASH) {
        escaped = true;
        end += 2;
      } else end += 1;
    }
    if (entry.isId) {
      this.#idStart = escaped ? -1 : start;
      this.#idEnd = end;
      const id: unknown = escaped ? JSON.parse(this.#text(i, end + 1)) : this.#text(start, end);
      if (typeof id !== 'string') return -1;
      this.#id = id;
    }
    if (!escaped) {
      if (type === 'text') return this.#claim(column, PLAIN, start, end) ? end + 1 : -1;
      if (start === end && type !== 'json' && type !== 'boolean') return this.#claim(column, NULL, 0, 0) ? end + 1 : -1;
      if (type === 'timestamptz' && isRfc2822Utc(bytes, start, end)) return this.#claim(column, RFC2822, start, end) ? end + 1 : -1;
      if ((type === 'bigint' || type === 'double') && isBareInteger(bytes, start, end)) return this.#claim(column, BARE, start, end) ? end + 1 : -1;
    }
    return this.#converted(i, end + 1, column, type) ? end + 1 : -1;
  }

  /** Any other value: parsed and converted exactly as the object path does; false when its column cannot hold it. */
  #converted(start: number, end: number, column: number, type: ColumnType): boolean {
    const cell = convertCell(JSON.parse(this.#text(start, end)), type);
    return cell !== undefined && this.#claim(column, CELL, this.#cells.push(cell) - 1, 0);
  }

  /** Fills a slot of the current record; false when a value is there already (two paths to one column). */
  #claim(column: number, kind: number, start: number, end: number): boolean {
    const slot = this.#base + column;
    if (this.#kinds[slot] !== UNSET) return false;
    this.#set(slot, kind, start, end);
    return true;
  }

  #text(start: number, end: number): string {
    return this.#bytes.toString('utf8', start, end);
  }

  #rows(batch: number, count: number, ids: readonly string[], longValueBytes: number): TextRows {
    return {
      ids,
      longValueBytes,
      write: (columns, format, out) => {
        if (batch !== this.#batch) throw new Error('RowScanner: a batch was written after the next one was scanned');
        const order = columns.map((name) => this.#index.get(name) ?? -1);
        const { separator, field, plainText, lineEnd } = format;
        const bytes = this.#bytes;
        const kinds = this.#kinds;
        const starts = this.#starts;
        const ends = this.#ends;
        const cells = this.#cells;
        const iso = new Uint8Array(24);
        const width = this.#columns.length;
        for (let record = 0; record < count; record++) {
          const base = record * width;
          for (let index = 0; index < order.length; index++) {
            if (index > 0) out.writeByte(separator);
            const column = order[index] as number;
            const slot = base + column;
            const kind = column < 0 ? UNSET : (kinds[slot] as number);
            if (kind === PLAIN) plainText(bytes, starts[slot] as number, ends[slot] as number, out);
            else if (kind === BARE) out.writeRange(bytes, starts[slot] as number, ends[slot] as number);
            else if (kind === RFC2822) {
              writeIso(bytes, starts[slot] as number, iso);
              plainText(iso, 0, iso.length, out);
            } else if (kind === CELL) field(cells[starts[slot] as number], out);
            else field(null, out);
          }
          out.write(lineEnd);
        }
      },
    };
  }
}

const NULL_LITERAL = Buffer.from('null');
const TRUE_LITERAL = Buffer.from('true');
const FALSE_LITERAL = Buffer.from('false');

function isLiteral(bytes: Uint8Array, at: number, literal: Uint8Array): boolean {
  for (let i = 0; i < literal.length; i++) if (bytes[at + i] !== literal[i]) return false;
  return true;
}

function literalEnd(bytes: Uint8Array, at: number, literal: Uint8Array): number {
  return isLiteral(bytes, at, literal) ? at + literal.length : -1;
}

function newNode(prefix: string): KeyNode {
  return { prefix, byName: new Map(), first: undefined };
}

function sameBytes(key: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== bytes[start + i]) return false;
  return true;
}

/** The index past the number at `i` (JSON's number characters; a malformed one fails JSON.parse later). */
function numberEnd(bytes: Uint8Array, i: number): number {
  let end = i;
  for (let byte = bytes[end]; byte !== undefined && (isDigit(byte) || byte === MINUS || byte === 0x2b || byte === 0x2e || byte === 0x65 || byte === 0x45); byte = bytes[++end]);
  return end === i ? -1 : end;
}

function isDigit(byte: number): boolean {
  return byte >= DIGIT_ZERO && byte <= DIGIT_NINE;
}

/** An integer written as String(Number(it)) writes it: no sign but `-`, no leading zero, no `-0`, at most 15 digits. */
function isBareInteger(bytes: Uint8Array, start: number, end: number): boolean {
  const digits = bytes[start] === MINUS ? start + 1 : start;
  const length = end - digits;
  if (length < 1 || length > MAX_BARE_DIGITS) return false;
  if (bytes[digits] === DIGIT_ZERO && (length > 1 || digits > start)) return false;
  for (let i = digits; i < end; i++) if (!isDigit(bytes[i] as number)) return false;
  return true;
}

/**
 * Twilio's own form, `Fri, 24 May 2019 17:44:46 +0000`, as convert-cell.ts matches it: each byte against its class
 * in RFC2822_UTC, a letter case, a digit or itself.
 */
function isRfc2822Utc(bytes: Uint8Array, start: number, end: number): boolean {
  if (end - start !== RFC2822_UTC.length) return false;
  for (let offset = 0; offset < RFC2822_UTC.length; offset++) {
    const byte = bytes[start + offset] as number;
    const expected = RFC2822_UTC[offset] as number;
    const fits = expected === UPPER ? byte >= 0x41 && byte <= 0x5a : expected === LOWER ? byte >= 0x61 && byte <= 0x7a : expected === DIGIT ? isDigit(byte) : byte === expected;
    if (!fits) return false;
  }
  return MONTH_DIGITS.has(monthKey(bytes, start + 8));
}

const UPPER = 0x41;
const LOWER = 0x61;
const DIGIT = 0x39;
/** `A` an upper-case letter, `a` a lower-case one, `9` a digit; other bytes stand for themselves. */
const RFC2822_UTC = Buffer.from('Aaa, 99 Aaa 9999 99:99:99 +0000');

/** `YYYY-MM-DDTHH:MM:SS.000Z` of the date at `start` into `out` (24 bytes). */
function writeIso(bytes: Uint8Array, start: number, out: Uint8Array): void {
  const month = MONTH_DIGITS.get(monthKey(bytes, start + 8)) ?? '00';
  out.set(bytes.subarray(start + 12, start + 16), 0);
  out[4] = MINUS;
  out[5] = month.charCodeAt(0);
  out[6] = month.charCodeAt(1);
  out[7] = MINUS;
  out[8] = bytes[start + 5] as number;
  out[9] = bytes[start + 6] as number;
  out[10] = 0x54;
  out.set(bytes.subarray(start + 17, start + 25), 11);
  out.set(ISO_END, 19);
}

const ISO_END = Buffer.from('.000Z');
