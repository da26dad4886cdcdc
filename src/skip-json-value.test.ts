// skipJsonValue gives JSON.parse's verdict on UTF-8 bytes, and ends where JSON.parse's value ends.
import { describe, expect, it } from 'vitest';
import { Rng } from './emulator/data/random.js';
import { skipJsonValue } from './skip-json-value.js';

function jsonParseAccepts(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);
const textOf = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
const QUOTE = 0x22;
const isJsonSpace = (byte: number | undefined): boolean => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/**
 * skipJsonValue's verdict on a whole input, in JSON.parse's terms: the value starts at the first byte (no leading
 * whitespace is skipped) and ends at the returned index, after which only whitespace may follow.
 */
function acceptsWhole(bytes: Uint8Array): boolean {
  const end = skipJsonValue(bytes, 0);
  return end >= 0 && bytes.subarray(end).every(isJsonSpace);
}

/** A deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

const VALID: readonly string[] = [
  '0', '-0', '7', '-12', '1.5', '-0.25', '10e3', '1E+2', '1e-2', '2.5E-3', '1e400', '-1e-400', '123456789012345678901234567890',
  'true', 'false', 'null',
  '""', '"a"', '"\\""', '"\\\\"', '"\\/"', '"\\b\\f\\n\\r\\t"', '"\\u00e9\\u00E9\\uD83D\\uDE00"', '"\\ud800"',
  '"a\\\\"', '"a\\\\\\""', '"\\"a\\""', '"\u007f"', '"café 日本 😀"', '"\u2028\u2029"',
  '[]', '[1]', '[1,2,3]', '[[],[[]]]', '{}', '{"a":1}', '{"a":{"b":[true,false,null]}}', '{"":""}',
  '{"a":1,"a":2}', '{"__proto__":{"x":1}}', '{"constructor":null}',
  '[ 1 , 2 ]', '[\t1\n,\r2]', '{ "a" : 1 }', '{\n  "a": [\r\n    1\t]\n}', '[ ]', '{ }', '[\n]',
];

const INVALID: readonly string[] = [
  '', ']', '}', ',', ':', '[', '{', '"', 'x', ' ',
  '01', '-01', '00', '-', '--1', '+1', '1.', '.5', '-.5', '1.e5', '1e', '1e+', '1e-', '1E', '1ee2', '0x10', 'NaN',
  'Infinity', '-Infinity', '1_000',
  'tru', 'nul', 'fals', 'True', 'NULL', 'nulll', 'truex',
  '[1,]', '[,1]', '[1 2]', '[1,,2]', '[1', '[1,', '[[]', '[]]', '[}', '{]',
  '{"a":1,}', '{"a" 1}', '{"a"}', '{"a":}', '{1:2}', '{a:1}', "{'a':1}", '{"a":1 "b":2}', '{,"a":1}', '{"a"::1}', '{"a":1',
  '"abc', '"a\nb"', '"a\tb"', '"\u0000"', '"\u001f"', '"\\x"', '"\\u12G4"', '"\\u123"', '"\\u123"x', '"\\U0041"', '"\\',
  '"\\u"', '"\\\'"', '"\\0"', '"a\\\\\\"', "'a'",
  '[\f1]', '[1\v]', '[\u00a01]', '[1,\u20282]', '{"a":\f1}', '[\u00001]',
  '\ufeff1',
];

describe('skipJsonValue', () => {
  it.each(VALID)('accepts %j, as JSON.parse does', (text) => {
    expect(jsonParseAccepts(text)).toBe(true);
    const bytes = bytesOf(text);
    expect(skipJsonValue(bytes, 0)).toBe(bytes.length);
  });

  it.each(INVALID)('rejects %j, as JSON.parse does', (text) => {
    expect(jsonParseAccepts(text)).toBe(false);
    const bytes = bytesOf(text);
    expect(skipJsonValue(bytes, 0)).not.toBe(bytes.length);
  });

  it('accepts any byte from 0x80 in a string, as JSON.parse takes the U+FFFD that invalid UTF-8 decodes to', () => {
    // A stray byte, a cut sequence, lone continuations, an encoded surrogate, a code point past U+10FFFF.
    const contents = [[0xff], [0xc3], [0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]];
    for (const content of contents) {
      const bytes = Uint8Array.from([QUOTE, ...content, QUOTE]);
      expect(jsonParseAccepts(textOf(bytes))).toBe(true);
      expect(skipJsonValue(bytes, 0)).toBe(bytes.length);
    }
    // Outside a string the same bytes are not JSON.
    const bare = Uint8Array.from([0x5b, 0xc3, 0xa9, 0x5d]); // [é]
    expect(jsonParseAccepts(textOf(bare))).toBe(false);
    expect(skipJsonValue(bare, 0)).toBe(-1);
  });

  it('returns the index just past the value when bytes follow it', () => {
    const cases: readonly [string, number][] = [
      ['[1,2], 3', 5], ['"ab"xyz', 4], ['123,', 3], ['{} ', 2], ['true false', 4], ['null]', 4], ['-0.5e+3]', 7],
      ['01', 1], ['1.5.5', 3], ['"a\\"b"c', 6], ['[[]]]', 4], ['{"a":[]}}', 8],
    ];
    for (const [text, end] of cases) expect(skipJsonValue(bytesOf(text), 0), text).toBe(end);
  });

  it('starts at `at`, and reads nothing past the end of its bytes', () => {
    const bytes = bytesOf('xx{"a":[1,"b"]}yy');
    expect(skipJsonValue(bytes, 2)).toBe(15);
    expect(skipJsonValue(bytes, 3)).toBe(6);
    expect(skipJsonValue(bytes, 17)).toBe(-1);
    // A view that ends inside the value: the bytes beyond it in the same buffer would complete it, and must not count.
    expect(skipJsonValue(bytes.subarray(2, 14), 0)).toBe(-1);
    expect(skipJsonValue(bytes.subarray(0, 12), 10)).toBe(-1);
  });

  it('rejects every truncation of a record', () => {
    const record = bytesOf(JSON.stringify(twilioMessage(random(1))));
    expect(skipJsonValue(record, 0)).toBe(record.length);
    for (let length = 0; length < record.length; length++) {
      expect(skipJsonValue(record.subarray(0, length), 0)).toBe(-1);
    }
  });

  it('gives JSON.parse’s verdict on 100,000 levels of nesting, without running out of stack', () => {
    const depth = 100_000;
    const arrays = '['.repeat(depth) + ']'.repeat(depth);
    expect(jsonParseAccepts(arrays)).toBe(true);
    expect(skipJsonValue(bytesOf(arrays), 0)).toBe(arrays.length);
    const objects = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    expect(skipJsonValue(bytesOf(objects), 0)).toBe(objects.length);
    const unbalanced = [
      '['.repeat(depth) + ']'.repeat(depth - 1),
      '['.repeat(depth) + '}' + ']'.repeat(depth - 1),
      '{"a":'.repeat(depth) + '1' + '}'.repeat(depth - 1),
      '[{"a":'.repeat(depth / 2) + 'null' + ']}'.repeat(depth / 2),
    ];
    for (const text of unbalanced) expect(skipJsonValue(bytesOf(text), 0)).toBe(-1);
  });

  it('agrees with JSON.parse on thousands of random mutations of valid documents', () => {
    const next = random(20_240_601);
    const documents = [
      JSON.stringify(twilioMessage(next)),
      JSON.stringify(twilioMessage(next), null, 2),
      '[0,-0,1.5e10,-2E-3,123456789,0.0001,1e+2,-7,true,false,null]',
      '["\\"\\\\\\/\\b\\f\\n\\r\\t","\\u00e9\\uD83D\\uDE00","日本😀","",{"":[]}]',
      '{"a":[{"b":{}},[],[[null]],true,false],"c":{"d":"e","f":[1,{"g":"h"}]}}',
    ].map(bytesOf);
    // Structure, the starts of values and escapes, whitespace JSON allows and does not, and bytes a string refuses.
    const interesting = bytesOf('{}[],:"\\ \t\n\r\f\v0123456789-+.eEtrufalsnx/bu');
    const edges = Uint8Array.of(0x00, 0x1f, 0x7f, 0x80, 0xc3, 0xff);
    const pick = (bytes: Uint8Array): number => bytes[Math.floor(next() * bytes.length)]!;
    const anyByte = (): number => {
      const choice = next();
      return choice < 0.8 ? pick(interesting) : choice < 0.9 ? pick(edges) : Math.floor(next() * 256);
    };

    const disagreements: string[] = [];
    let accepted = 0;
    let rejected = 0;
    for (let round = 0; round < 3000; round++) {
      let bytes = documents[round % documents.length]!.slice();
      for (let mutations = 1 + Math.floor(next() * 3); mutations > 0; mutations--) {
        const at = Math.floor(next() * (bytes.length + 1));
        const kind = next();
        if (kind < 0.4 && at < bytes.length) bytes[at] = anyByte();
        else if (kind < 0.65) bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
        else if (kind < 0.9) bytes = Buffer.concat([bytes.subarray(0, at), Uint8Array.of(anyByte()), bytes.subarray(at)]);
        else bytes = bytes.slice(0, at);
      }
      const text = textOf(bytes);
      // JSON.parse skips leading whitespace and skipJsonValue does not, by its contract.
      const expected = jsonParseAccepts(text) && !isJsonSpace(bytes[0]);
      if (acceptsWhole(bytes) !== expected) disagreements.push(text);
      // Wherever it says a value ends, the bytes up to there are one.
      const end = skipJsonValue(bytes, 0);
      if (end >= 0 && !jsonParseAccepts(textOf(bytes.subarray(0, end)))) disagreements.push(text);
      if (expected) accepted++;
      else rejected++;
    }
    expect(disagreements).toEqual([]);
    // Both verdicts are common, so neither side of the comparison goes untested.
    expect(accepted).toBeGreaterThan(300);
    expect(rejected).toBeGreaterThan(300);
  });
});

/** A record shaped like Twilio's Message: the bulk of what a sync checks. */
function twilioMessage(next: () => number): Record<string, unknown> {
  const hex = (length: number) => Array.from({ length }, () => '0123456789abcdef'[Math.floor(next() * 16)]).join('');
  const account = `AC${hex(32)}`;
  const sid = `SM${hex(32)}`;
  const base = `/2010-04-01/Accounts/${account}/Messages/${sid}`;
  return {
    account_sid: account,
    api_version: '2010-04-01',
    body: 'Your code is 123456. Grüße, café ☕ 日本 😀 — "quoted"\\ back\\slash\nnew line\ttab \u0001 \u2028 end',
    date_created: 'Thu, 24 Aug 2023 05:01:45 +0000',
    date_sent: null,
    direction: 'outbound-api',
    error_code: 30003,
    error_message: null,
    from: '+15017122661',
    num_segments: '1',
    price: '-0.00750',
    price_unit: 'USD',
    sid,
    status: 'delivered',
    to: '+15558675310',
    uri: `${base}.json`,
    subresource_uris: { media: `${base}/Media.json`, feedback: `${base}/Feedback.json` },
  };
}
