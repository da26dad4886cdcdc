// Parity of RowScanner (TableShape.toTextRows, the fast path) with the object path it stands in for: whenever it
// returns lines, they are byte for byte what toRows → lastRowPerId → textRowsOf writes, in both engines' formats and
// in any column order, with the same ids, and the object path met nothing the scanner must leave to it (a new column,
// a value for a `_raw` column, a notice, a skipped record, an id twice). Hand-written cases pin each kind of value and
// each reason to decline; a seeded random test mixes them over many batches through one long-lived scanner.
import { describe, expect, it } from 'vitest';
import { Rng } from '../emulator/data/random.js';
import { ByteWriter } from '../byte-writer.js';
import { columns, type Collection } from '../collections/collection.js';
import { messages } from '../collections/messages.js';
import type { JsonObjects } from '../parse-json-bytes.js';
import { skipJsonValue } from '../skip-json-value.js';
import { csvRowFormat } from '../warehouse/duckdb/write-csv-rows.js';
import { lastRowPerId } from '../warehouse/last-row-per-id.js';
import { copyRowFormat } from '../warehouse/postgres/copy-text.js';
import type { Column, ColumnType } from '../warehouse/table.js';
import { LONG_VALUE_BYTES, textRowsOf, type TextRowFormat, type TextRows } from '../warehouse/text-rows.js';
import { TableShape, type TwilioRecord } from './table-shape.js';

const RECEIVED_AT = '2024-01-01T00:00:00.000Z';
const UUID_TS = '2024-01-01T00:00:01.000Z';

/**
 * Messages, with a column of each type it lacks (flag, labels), a flat column a nested path can collide with (a_b)
 * and a `_raw` column left by an earlier misfit (date_created_raw).
 */
const collection: Collection = {
  ...messages,
  columns: [...messages.columns, ...columns({ flag: 'boolean', labels: 'json', a_b: 'text', date_created_raw: 'text' })],
};

/** A shape whose columns the warehouse has (`changed` is false), with the warehouse's types where `retyped` says. */
function freshShape(retyped: readonly Column[] = []): TableShape {
  const shape = new TableShape('twilio', collection);
  shape.adopt([...shape.def.columns, ...retyped]);
  return shape;
}

/** Columns the warehouse made with other types than the collection declares, or made from a nested object. */
const RETYPED = columns({
  sid: 'json',
  body: 'json',
  num_media: 'text',
  price: 'boolean',
  error_code: 'double',
  date_sent: 'text',
  flag: 'timestamptz',
  labels: 'text',
  a_b: 'bigint',
  subresource_uris: 'json',
});

const tableColumns: readonly (readonly [name: string, type: ColumnType])[] = freshShape().def.columns.map(({ name, type }) => [name, type]);
const columnNames = tableColumns.map(([name]) => name);
/** Columns every row gets from the batch, and the id's: the records' other fields are generated. */
const NOT_GENERATED = new Set(['id', 'received_at', 'uuid_ts', 'sid']);

/** The table's order, reversed, and rotated with a column the rows do not have. */
const ORDERS: readonly (readonly string[])[] = [
  columnNames,
  [...columnNames].reverse(),
  ['not_a_column', ...columnNames.slice(7), ...columnNames.slice(0, 7)],
];

const FORMATS: readonly (readonly [string, TextRowFormat])[] = [
  ['csv', csvRowFormat],
  ['copy', copyRowFormat(7)],
];

type Path = 'fast' | 'object';

/** The records (JSON text, or bytes for what is not UTF-8) as one array, checked as JSON as JsonObjects are. */
function batchOf(records: readonly (string | Buffer)[]): JsonObjects {
  const pieces = records.flatMap((record, index) => [Buffer.from(index === 0 ? '' : ','), typeof record === 'string' ? Buffer.from(record) : record]);
  // A view into a larger document, as parseJsonLeaving leaves a page's records.
  const envelope = Buffer.concat([Buffer.from('{"messages":['), ...pieces, Buffer.from(']}')]);
  const bytes = envelope.subarray('{"messages":'.length, envelope.length - 1);
  expect(skipJsonValue(bytes, 0), `not JSON: ${bytes.toString('utf8')}`).toBe(bytes.length);
  return { bytes, count: records.length };
}

/** A message record: its sid (JSON string content) and `fields` (JSON members). */
function rec(fields: string, sid = 'SM1'): string {
  return fields === '' ? `{"sid":"${sid}"}` : `{"sid":"${sid}",${fields}}`;
}

/** `before`, the raw bytes, `after`: text that is not UTF-8. */
function withBytes(before: string, bytes: readonly number[], after: string): Buffer {
  return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
}

function written(rows: TextRows, names: readonly string[], format: TextRowFormat): Buffer {
  const out = new ByteWriter();
  rows.write(names, format, out);
  return Buffer.from(out.bytes());
}

function expectSameBytes(actual: Buffer, expected: Buffer, context: string): void {
  if (!actual.equals(expected)) expect(actual.toString('utf8'), context).toBe(expected.toString('utf8'));
  expect(actual.equals(expected), `${context}: bytes differ`).toBe(true);
}

/** Scans the batch and, when the scanner took the fast path, checks its ids and lines against the object path's. */
function expectParity(scanner: TableShape, batch: JsonObjects, orders: readonly (readonly string[])[], retyped: readonly Column[] = []): Path {
  const lines = scanner.toTextRows(batch, RECEIVED_AT, UUID_TS);
  if (lines === undefined) return 'object';
  const json = batch.bytes.toString('utf8');
  const shape = freshShape(retyped);
  const { rows, notices } = shape.toRows(JSON.parse(json) as TwilioRecord[], RECEIVED_AT, UUID_TS);
  expect(notices, json).toEqual([]);
  expect(shape.changed, json).toBe(false);
  const expected = textRowsOf(lastRowPerId(rows, collection.name));
  expect(expected.ids.length, `${json}: a record skipped or an id deduped`).toBe(batch.count);
  expect(lines.ids, json).toEqual(expected.ids);
  for (const [formatName, format] of FORMATS) {
    for (const names of orders) expectSameBytes(written(lines, names, format), written(expected, names, format), `${formatName}: ${json}`);
  }
  return 'fast';
}

const MESSAGE = JSON.stringify({
  sid: 'SM00000000000000000000000000000001',
  account_sid: 'AC00000000000000000000000000000001',
  messaging_service_sid: null,
  api_version: '2010-04-01',
  body: 'héllo 👋 "quoted"\nback\\slash\t',
  direction: 'outbound-api',
  from: '+15551230000',
  to: '+15559870000',
  status: 'delivered',
  num_segments: '2',
  num_media: '0',
  price: '-0.00750',
  price_unit: 'USD',
  error_code: null,
  error_message: null,
  date_created: 'Fri, 24 May 2019 17:44:46 +0000',
  date_sent: 'Fri, 24 May 2019 17:44:50 +0000',
  date_updated: 'Sat, 25 May 2019 00:00:00 +0000',
  uri: '/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages/SM00000000000000000000000000000001.json',
  subresource_uris: { media: '/2010-04-01/…/Media.json', feedback: '/2010-04-01/…/Feedback.json' },
});

const everyColumnNull = columnNames.filter((name) => !NOT_GENERATED.has(name)).map((name) => `"${name}":null`).join(',');
const nestedDeep = (depth: number): string => (depth === 0 ? 'null' : `{"k":${nestedDeep(depth - 1)}}`);

type Case = readonly [name: string, path: Path, records: readonly (string | Buffer)[]];

const CASES: Readonly<Record<string, readonly Case[]>> = {
  'whole records': [
    ['a full message', 'fast', [MESSAGE]],
    ['an empty batch', 'fast', []],
    ['a page of 1000 messages', 'fast', Array.from({ length: 1000 }, (_, index) => MESSAGE.replace('SM0000', `SM${index}_`))],
    ['several records, keys in different orders', 'fast', [rec('"body":"a","price":1', 'SM1'), rec('"price":2,"body":"b"', 'SM2'), rec('', 'SM3')]],
    ['whitespace between every token', 'fast', [
      ' \n {\t"sid" :  "SM1" ,\r\n "body" :\n"x" , "price" : 1 , "subresource_uris" : { "media" : null , "feedback" : "f" } , "labels" : [ 1 , 2 ] } \n',
      '\t{ "sid":"SM2" }\r\n',
    ]],
  ],
  strings: [
    ['plain', 'fast', [rec('"body":"hello, world","to":"+15559870000"')]],
    ['escapes', 'fast', [rec(String.raw`"body":"line\nbreak \"quoted\" back\\slash \/ \u00e9 \t\r\b\f end\\"`)]],
    ['a NUL escape, dropped by both engines', 'fast', [rec(String.raw`"body":"a\u0000b"`)]],
    ['lone surrogates and an escaped pair', 'fast', [rec(String.raw`"body":"\ud83d x \udc4b","error_message":"\ud83d\udc4b"`)]],
    ['non-ASCII UTF-8', 'fast', [rec('"body":"héllo 👋 中文 \u2028 \u007f"')]],
    ['empty strings in each type that takes them', 'fast', [rec('"body":"","price":"","num_media":"","date_sent":"","labels":""')]],
    ['an empty string in a boolean column', 'object', [rec('"flag":""')]],
    ['escaped text in each type', 'fast', [rec(String.raw`"num_media":"\u0031","price":"\u002d1.5","date_sent":"Fri, 24 May 2019 17:44:46 \u002b0000","flag":"\u0074rue","labels":"\"x\""`)]],
  ],
  dates: [
    ['RFC 2822 in UTC', 'fast', [rec('"date_sent":"Fri, 24 May 2019 17:44:46 +0000","date_created":"Mon, 01 Jan 2024 00:00:00 +0000","date_updated":"Tue, 31 Dec 1999 23:59:59 +0000"')]],
    ['RFC 2822 with out-of-range fields, rewritten as text', 'fast', [rec('"date_sent":"Xyz, 31 Feb 2019 25:61:61 +0000"')]],
    ['other offsets and spellings', 'fast', [rec('"date_sent":"Fri, 24 May 2019 19:44:46 +0200","date_created":"Fri, 24 May 2019 17:44:46 -0730","date_updated":"fri, 4 may 2019 17:44:46 GMT"')]],
    ['ISO 8601', 'fast', [rec('"date_sent":"2019-05-24T17:44:46Z"')]],
    ['malformed', 'object', [rec('"date_sent":"not a date"')]],
    ['RFC 2822 with a zone that is not one', 'object', [rec('"date_sent":"Fri, 24 May 2019 17:44:46 X0000"')]],
    ['an unknown month', 'object', [rec('"date_sent":"Fri, 24 Foo 2019 17:44:46 +0000"')]],
    ['a number', 'object', [rec('"date_sent":1558719886')]],
  ],
  numbers: [
    ['bare integers up to 15 digits', 'fast', [rec('"num_media":0,"num_segments":-2,"error_code":123456789012345,"price":-123456789012345')]],
    ['16+ digits that fit', 'fast', [rec('"error_code":1234567890123456,"num_media":-9007199254740991,"price":12345678901234567890')]],
    ['16 digits that round', 'fast', [rec('"price":9999999999999999,"body":-9999999999999998', 'SM1'), rec('"price":"9999999999999999"', 'SM2')]],
    ['an unsafe integer in a bigint column', 'object', [rec('"error_code":12345678901234567')]],
    ['-0', 'fast', [rec('"num_media":-0,"price":-0,"body":-0')]],
    ['exponents', 'fast', [rec('"num_media":1e3,"price":1E-7,"error_code":2.5e1')]],
    ['decimals', 'fast', [rec('"price":1.50,"num_media":2.0,"body":1.50')]],
    ['a fraction in a bigint column', 'object', [rec('"num_media":1.50')]],
    ['an overflow in a double column', 'object', [rec('"price":1e400')]],
    ['numeric strings', 'fast', [rec('"num_media":"1","num_segments":"01","error_code":" 1","price":"-0.00750"')]],
    ['more numeric strings', 'fast', [rec('"num_media":"-0","num_segments":"-12","error_code":"1e3","price":"0x10"')]],
    ['blank strings in number columns', 'fast', [rec('"num_media":"","price":"  "')]],
    ['a word in a bigint column', 'object', [rec('"num_media":"abc"')]],
    ['"Infinity" in a double column', 'object', [rec('"price":"Infinity"')]],
    ['a number in a boolean column', 'object', [rec('"flag":1')]],
  ],
  booleans: [
    ['literals', 'fast', [rec('"flag":true', 'SM1'), rec('"flag":false', 'SM2')]],
    ['strings', 'fast', [rec('"flag":"true"', 'SM1'), rec('"flag":"false"', 'SM2')]],
    ['into text and json columns', 'fast', [rec('"body":true,"labels":false')]],
    ['"TRUE"', 'object', [rec('"flag":"TRUE"')]],
    ['into a bigint column', 'object', [rec('"num_media":true')]],
  ],
  nulls: [
    ['in every column', 'fast', [rec(everyColumnNull)]],
    ['for a field the table lacks, top level and nested', 'fast', [rec('"risk_score":null,"tags":{"campaign":null},"1":null')]],
  ],
  'nested objects and arrays': [
    ['subresource_uris', 'fast', [rec('"subresource_uris":{"media":"/m.json","feedback":"/f.json"}')]],
    ['empty objects', 'fast', [rec('"subresource_uris":{},"tags":{"inner":{}}')]],
    ['an object with only nulls in a json column', 'fast', [rec('"labels":{"x":null}')]],
    ['an empty key, flattened to no prefix', 'fast', [rec('"":{"body":"x"}')]],
    ['an object with a value in a json column', 'object', [rec('"labels":{"x":1}')]],
    ['a nested field the table lacks', 'object', [rec('"subresource_uris":{"media":"m","extra":"x"}')]],
    ['nesting deeper than the scanner recurses', 'object', [rec(`"tags":${nestedDeep(40)}`)]],
    ['arrays in json and text columns', 'fast', [rec(String.raw`"labels":["a",1,{"b":[null,true]},"\u00e9"],"body":["x", "y"],"error_message":[]`)]],
    ['an array in a bigint column', 'object', [rec('"num_media":[1]')]],
    ['an array in a timestamp column', 'object', [rec('"date_sent":[]')]],
  ],
  'keys given twice': [
    ['a top-level key', 'object', [rec('"body":"a","body":"b"')]],
    ['a key once plain, once escaped', 'object', [rec(String.raw`"body":"a","b\u006fdy":null`)]],
    ['a nested key', 'object', [rec('"subresource_uris":{"media":"a","media":"b"}')]],
    ['a key null twice', 'object', [rec('"body":null,"body":null')]],
    ['a flat field and a nested path to its column', 'object', [rec('"a_b":"x","a":{"b":"y"}')]],
    ['a nested path and a flat null to its column', 'object', [rec('"a":{"b":"y"},"a_b":null')]],
    ['an escaped key, left to the object path', 'object', [rec(String.raw`"b\u006fdy":"x"`)]],
    ['the nested path alone', 'fast', [rec('"a":{"b":"y"}')]],
    ['the id inside an empty key', 'object', [rec('"":{"sid":"SM2"}')]],
  ],
  ids: [
    ['escaped', 'fast', [rec(String.raw`"body":"x"`, String.raw`SM\u0041\"\\`)]],
    ['a lone surrogate', 'fast', [rec('', String.raw`SM\ud83d`), rec('', String.raw`SM\ud83e`)]],
    ['non-ASCII and spaces', 'fast', [rec('', ' SMé👋 ')]],
    ['missing', 'object', ['{"body":"x"}']],
    ['empty', 'object', [rec('', '')]],
    ['numeric', 'object', ['{"sid":5}']],
    ['null', 'object', ['{"sid":null}']],
    ['true', 'object', ['{"sid":true}']],
    ['an object', 'object', ['{"sid":{"x":"y"}}']],
    ['an array', 'object', ['{"sid":["SM1"]}']],
    ['repeated in the batch', 'object', [rec('"body":"a"'), rec('"body":"b"')]],
    ['repeated, once escaped', 'object', [rec('', 'SMA'), rec('', String.raw`SM\u0041`)]],
    ['the id key twice', 'object', ['{"sid":"SM1","sid":"SM2"}']],
  ],
  'fields the batch fills': [
    ['id', 'object', [rec('"id":"x"')]],
    ['id null', 'object', [rec('"id":null')]],
    ['received_at', 'object', [rec('"received_at":"2020-01-01T00:00:00Z"')]],
    ['uuid_ts null', 'object', [rec('"uuid_ts":null')]],
    ['received_at by a nested path', 'object', [rec('"received":{"at":null}')]],
    ['__proto__ with a value', 'object', [rec('"__proto__":{"x":1}')]],
    ['__proto__ nested', 'object', [rec('"subresource_uris":{"__proto__":"x"}')]],
  ],
  'fields the table lacks': [
    ['with a value', 'object', [rec('"risk_score":0.5')]],
    ['with an object', 'object', [rec('"tags":{"campaign":"x"}')]],
    ['with an array', 'object', [rec('"tags":[]')]],
  ],
  'text that is not UTF-8': [
    ['an invalid byte in a value', 'object', [withBytes('{"sid":"SM1","body":"a', [0xff], 'b"}')]],
    ['an invalid byte in a key', 'object', [withBytes('{"sid":"SM1","bo', [0xfe], 'dy":null}')]],
    ['an encoded surrogate', 'object', [withBytes('{"sid":"SM1","body":"', [0xed, 0xa0, 0xbd], '"}')]],
    ['an overlong encoding', 'object', [withBytes('{"sid":"SM1","body":"', [0xc0, 0xaf], '"}')]],
    ['a truncated sequence', 'object', [withBytes('{"sid":"SM1","body":"', [0xe2, 0x82], '"}')]],
  ],
};

/** Cases for a shape with the RETYPED columns. */
const RETYPED_CASES: readonly Case[] = [
  ['an id into a json column', 'fast', [rec('"body":"x"'), rec('', String.raw`SM\u0032`)]],
  ['numbers and a date into text columns', 'fast', [rec('"num_media":5,"date_sent":"Fri, 24 May 2019 17:44:46 +0000","labels":["a"]')]],
  ['numeric strings into a text column', 'fast', [rec('"num_media":"007"', 'SM1'), rec('"num_media":""', 'SM2')]],
  ['each kind of value into a json column', 'fast', [rec('"body":"x"', 'SM1'), rec('"body":5', 'SM2'), rec('"body":["a"]', 'SM3'), rec('"body":true', 'SM4'), rec('"body":""', 'SM5')]],
  ['booleans into a former double column', 'fast', [rec('"price":true', 'SM1'), rec('"price":"false"', 'SM2')]],
  ['a number into a former double column, now boolean', 'object', [rec('"price":"-0.00750"')]],
  ['a fraction into a former bigint column, now double', 'fast', [rec('"error_code":1.5')]],
  ['a date into a former boolean column', 'fast', [rec('"flag":"Fri, 24 May 2019 17:44:46 +0000"')]],
  ['a nested path into a bigint column', 'fast', [rec('"a":{"b":"5"}')]],
  ['an object flattened past its own json column', 'fast', [rec('"subresource_uris":{"media":"m"}')]],
];

function describeCases(group: string, cases: readonly Case[], retyped: readonly Column[] = []): void {
  describe(group, () => {
    it.each(cases)('%s', (_name, path, records) => {
      // Cold, then warm: the second scan reuses what the first learned of the keys.
      const scanner = freshShape(retyped);
      expect(expectParity(scanner, batchOf(records), ORDERS, retyped)).toBe(path);
      expect(expectParity(scanner, batchOf(records), ORDERS, retyped)).toBe(path);
    });
  });
}

describe('RowScanner matches the object path', () => {
  for (const [group, cases] of Object.entries(CASES)) describeCases(group, cases);
  describeCases('with the warehouse\'s types, not the declared ones', RETYPED_CASES, RETYPED);
});

/** A value as JSON text, or a way to make one. */
type Value = string | ((maker: RecordMaker) => string);

/** Values each type of column holds, the object path converting them without a notice. */
const FITS: Readonly<Record<ColumnType, readonly Value[]>> = {
  text: [(m) => m.jsonString(), (m) => m.jsonString(), '""', '1.50', '-0', 'true', '["x",{"y":null}]', '{"k":null}', 'null'],
  bigint: [(m) => m.integer(), (m) => `"${m.integer()}"`, '0', '-0', '1234567890123456', '1e3', '2.0', '"01"', '" 1"', '""', 'null'],
  double: [(m) => m.integer(), (m) => `${m.integer()}.${m.int(1000)}`, '1.50', '-0.00750', '"-0.00750"', '1E-7', '12345678901234567890', '"1e3"', '"0x10"', '" "', 'null'],
  boolean: ['true', 'false', '"true"', '"false"', 'null'],
  timestamptz: [(m) => m.utcDate(), (m) => m.utcDate(), '"Fri, 24 May 2019 19:44:46 +0200"', '"2019-05-24T17:44:46Z"', '"fri, 4 May 2019 17:44:46 GMT"', String.raw`"Fri, 24 May 2019 17:44:46 \u002b0000"`, '""', 'null'],
  json: [(m) => m.jsonString(), '[]', '["a",{"b":null},1.50]', '""', '1', 'true', '{"k":null}', 'null'],
};

/** Values that need a `_raw` column or a new one. */
const MISFITS: Readonly<Record<ColumnType, readonly string[]>> = {
  text: ['{"k":"v"}'],
  bigint: ['1.5', '"abc"', '12345678901234567', 'true', '[1]'],
  double: ['"abc"', '"Infinity"', 'false', '1e400'],
  boolean: ['"TRUE"', '1', '""'],
  timestamptz: ['"not a date"', '"Fri, 24 Foo 2019 17:44:46 +0000"', '"Fri, 24 May 2019 17:44:46 X0000"', '5'],
  json: ['{"k":1}'],
};

/** Characters of generated text: escapes, quotes, control characters, non-ASCII, lone surrogates. */
const CHARACTERS = ['a', 'Z', '7', ' ', ',', '/', '"', '\\', '\n', '\t', '\r', '\0', '\u001f', '\u007f', 'é', '中', '👋', '\ud83d', '\udc4b', '\u2028'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SPACES = ['', '', '', '', ' ', '\n', '\t ', '\r\n  '];
/** The chance, per record, of each mutation the scanner must leave to the object path (see `record`). */
const SPOIL_CHANCE = 0.01;
/** The chance, per value, of one its column cannot hold. */
const MISFIT_CHANCE = 0.003;
/** Bytes that are not UTF-8, put inside a text value. */
const NOT_UTF8: readonly (readonly number[])[] = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0xbd], [0xe2, 0x82]];
const MARK = '\u0001';

type Member = [key: string, value: string];

class RecordMaker {
  readonly #random: () => number;

  constructor(seed: number) {
    const rng = new Rng(seed);
    this.#random = () => rng.next();
  }

  chance(p: number): boolean {
    return this.#random() < p;
  }

  int(below: number): number {
    return Math.floor(this.#random() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  /** An integer of up to 15 digits, as JSON writes it. */
  integer(): string {
    const digits = 1 + this.int(15);
    const magnitude = String(this.int(9) + 1) + Array.from({ length: digits - 1 }, () => this.int(10)).join('');
    return this.chance(0.1) ? '0' : this.chance(0.3) ? `-${magnitude}` : magnitude;
  }

  /** A string's JSON text, each character written raw or escaped, at random. */
  jsonString(text = Array.from({ length: this.chance(0.05) ? 60 + this.int(60) : this.int(9) }, () => this.pick(CHARACTERS)).join('')): string {
    let out = '"';
    for (const char of text) {
      if (char === '/' && this.chance(0.5)) out += '\\/';
      else if (char.length === 1 && this.chance(0.15)) out += `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
      else out += JSON.stringify(char).slice(1, -1);
    }
    return `${out}"`;
  }

  utcDate(): string {
    const two = (below: number): string => String(this.int(below)).padStart(2, '0');
    return `"${this.pick(DAYS)}, ${two(32)} ${this.pick(MONTHS)} ${1970 + this.int(80)} ${two(24)}:${two(60)}:${two(60)} +0000"`;
  }

  value(type: ColumnType): { text: string; fits: boolean } {
    if (this.chance(MISFIT_CHANCE)) return { text: this.pick(MISFITS[type]), fits: false };
    const value = this.pick(FITS[type]);
    return { text: typeof value === 'string' ? value : value(this), fits: true };
  }

  object(members: readonly Member[]): string {
    const space = (): string => this.pick(SPACES);
    const inner = members.map(([key, value]) => `${space()}"${key}"${space()}:${space()}${value}${space()}`).join(',');
    return `{${inner}${space()}}`;
  }

  /** A record with the id `id`, as JSON (bytes when not UTF-8), and whether the scanner should take it. */
  record(id: string, earlierIds: readonly string[]): { json: string | Buffer; fits: boolean } {
    let fits = true;
    const value = (type: ColumnType): string => {
      const { text, fits: fit } = this.value(type);
      fits &&= fit;
      return text;
    };
    const members: Member[] = [['sid', this.jsonString(id)]];
    for (const [name, type] of tableColumns) {
      if (NOT_GENERATED.has(name) || name.startsWith('subresource_uris_') || name === 'a_b' || !this.chance(0.75)) continue;
      members.push([name, value(type)]);
    }
    if (this.chance(0.7)) {
      const uris = ['media', 'feedback'].filter(() => this.chance(0.8)).map((key): Member => [key, value('text')]);
      members.push(['subresource_uris', this.object(uris)]);
    }
    if (this.chance(0.5)) members.push(this.chance(0.5) ? ['a_b', value('text')] : ['a', this.object([['b', value('text')]])]);
    if (this.chance(0.2)) members.push(['note', 'null'], ['meta', this.object([['k', 'null']])], ['1', 'null'], ['ключ', 'null']);
    const spoils: readonly (() => unknown)[] = [
      // A field the table lacks; a key twice; two paths to one column; a field the batch fills.
      () => members.push(['risk_score', '0.5']),
      () => members.push(this.pick(members)),
      () => members.push(['a_b', '"x"'], ['a', '{"b":null}']),
      () => members.push(this.pick<Member>([['id', '"x"'], ['received_at', 'null'], ['uuid_ts', '"x"'], ['__proto__', '{"x":1}'], ['received', '{"at":null}']])),
      // No id, or one that is not a string; an id of the batch's earlier records (or the id key twice).
      () => members.splice(0, 1, ...this.pick<Member[]>([[], [['sid', '""']], [['sid', '5']], [['sid', 'null']]])),
      () => (earlierIds.length > 0 ? members.splice(0, 1, ['sid', this.jsonString(this.pick(earlierIds))]) : members.push(['sid', this.jsonString(id)])),
      // Nesting deeper than the scanner recurses; bytes that are not UTF-8 (MARK is replaced by them below).
      () => members.push(['tags', nestedDeep(40)]),
      () => members.push(['body', `"x${MARK}y"`]),
    ];
    for (const spoil of spoils) {
      if (!this.chance(SPOIL_CHANCE)) continue;
      spoil();
      fits = false;
    }
    const text = this.object(this.chance(0.25) ? this.shuffled(members) : members);
    const mark = text.indexOf(MARK);
    return { json: mark < 0 ? text : withBytes(text.slice(0, mark), this.pick(NOT_UTF8), text.slice(mark + 1)), fits };
  }
}

describe('RowScanner on seeded random batches', () => {
  it('matches the object path whenever it takes the fast path, and takes it for every batch that fits', () => {
    const maker = new RecordMaker(20240601);
    const scanner = freshShape();
    const batches = 1500;
    let fast = 0;
    let records = 0;
    for (let batch = 0; batch < batches; batch++) {
      const ids: string[] = [];
      const json: (string | Buffer)[] = [];
      let fits = true;
      for (let count = 1 + maker.int(8); ids.length < count; ) {
        const id = `SM${batch}_${ids.length}${maker.pick(['', ' ', 'é', '"', '\\', '👋', '\ud83d'])}`;
        const record = maker.record(id, ids);
        ids.push(id);
        json.push(record.json);
        fits &&= record.fits;
      }
      records += ids.length;
      const orders = [columnNames, maker.shuffled([...columnNames, 'not_a_column'])];
      const path = expectParity(scanner, batchOf(json), orders);
      expect(path, `batch ${batch}`).toBe(fits ? 'fast' : 'object');
      if (path === 'fast') fast++;
    }
    expect(records).toBeGreaterThan(5000);
    // About 57 % with this seed: enough that the fast path is what is checked, and enough of each way to decline.
    expect(fast / batches).toBeGreaterThan(0.35);
    expect(fast / batches).toBeLessThan(0.9);
  });
});

describe('RowScanner lines', () => {
  /** The batch's lines, which it must take the fast path for. */
  function scan(shape: TableShape, records: readonly string[]): TextRows {
    const lines = shape.toTextRows(batchOf(records), RECEIVED_AT, UUID_TS);
    if (lines === undefined) throw new Error('expected the fast path');
    return lines;
  }

  it('are not made of bytes that are not JSON, which the hub hands over unchecked', () => {
    const shape = freshShape();
    const good = `[${rec(`"body":"one","num_segments":1,"flag":false,"price":null`)}]`;
    expect(shape.toTextRows({ bytes: Buffer.from(good), count: 1 }, RECEIVED_AT, UUID_TS)).toBeDefined();
    const spoilt = [
      good.replace('"one"', '"o\u0001ne"'),
      good.replace('"one"', '"o\nne"'),
      good.replace('false', 'fals'),
      good.replace('false', 'falsy'),
      good.replace('null', 'nul!'),
      good.replace('null', 'nope'),
      good.replace(':1,', ':1x,'),
      good.replace(',"num_segments"', ' "num_segments"'),
      `${good}]`,
      `${good} x`,
      good.slice(0, -1),
    ];
    for (const text of spoilt) expect(shape.toTextRows({ bytes: Buffer.from(text), count: 1 }, RECEIVED_AT, UUID_TS), text).toBeUndefined();
    for (const count of [0, 2, 1e9]) expect(shape.toTextRows({ bytes: Buffer.from(good), count }, RECEIVED_AT, UUID_TS), `count ${count}`).toBeUndefined();
  });

  it('count the bytes of their long values, as JSON text, as the object path counts them as UTF-8', () => {
    const shape = freshShape();
    const long = 'x'.repeat(LONG_VALUE_BYTES);
    const labels = `["${'y'.repeat(LONG_VALUE_BYTES)}"]`;
    const records = [rec(`"body":"${long}","labels":${labels}`), rec(`"body":"short","subresource_uris":{"media":"${long}"}`, 'SM2')];
    // Each value's JSON text, quotes included: two bodies of `long` and the labels array.
    expect(scan(shape, records).longValueBytes).toBe(2 * (long.length + 2) + labels.length);
    const rows = lastRowPerId(shape.toRows(JSON.parse(`[${records.join(',')}]`) as TwilioRecord[], RECEIVED_AT, UUID_TS).rows, 'messages');
    expect(textRowsOf(rows).longValueBytes).toBe(2 * long.length + labels.length);
    expect(scan(shape, [rec(`"body":"${long.slice(3)}"`)]).longValueBytes).toBe(0);
  });

  it('are valid until the next scan, whatever that returns', () => {
    const shape = freshShape();
    const first = scan(shape, [rec('"body":"one"')]);
    expect(written(first, ['id', 'body'], csvRowFormat).toString('utf8')).toBe('"SM1","one"\n');
    const second = scan(shape, [rec('"body":"two"', 'SM2')]);
    expect(() => written(first, ['id', 'body'], csvRowFormat)).toThrow(/after the next one was scanned/);
    expect(written(second, ['id', 'body'], copyRowFormat(3)).toString('utf8')).toBe('SM2\ttwo\t3\n');
    expect(shape.toTextRows(batchOf([rec('"risk_score":1')]), RECEIVED_AT, UUID_TS)).toBeUndefined();
    expect(() => written(second, ['id', 'body'], copyRowFormat(3))).toThrow(/after the next one was scanned/);
  });
});
