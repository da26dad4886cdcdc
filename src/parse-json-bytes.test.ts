// parseJsonBytes gives what JSON.parse gives, value for value and error for error, on large and small documents;
// parseJsonLeaving too, with the array it leaves as bytes put back.
import { describe, expect, it, vi } from 'vitest';
import { parseJsonBytes, parseJsonLeaving } from './parse-json-bytes.js';

/** A deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const TRICKY = ['"', '\\', '\\"', '\\\\', '{', '}', '[', ']', ',', ':', ' ', '\n', '\t', 'é', '日本', '😀', '\ud83d', '\u0000', '\u2028', 'plain'];

function value(next: () => number, depth: number): unknown {
  const kind = Math.floor(next() * (depth > 2 ? 5 : 7));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return Math.round((next() - 0.5) * 1e6) / 100;
    case 3:
    case 4:
      return Array.from({ length: 1 + Math.floor(next() * 6) }, () => TRICKY[Math.floor(next() * TRICKY.length)]).join('');
    case 5:
      return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, (_, i) => [`${TRICKY[Math.floor(next() * TRICKY.length)]}${i}`, value(next, depth + 1)]));
  }
}

/** A Twilio-like envelope: records under a key, links and counts beside them; large enough to be split. */
function envelope(seed: number, records = 400): Record<string, unknown> {
  const next = random(seed);
  return {
    first_page_uri: '/2010-04-01/Accounts/AC1/Messages.json?PageSize=1000',
    end: records - 1,
    messages: Array.from({ length: records }, (_, i) => ({ sid: `SM${i}`, body: value(next, 0), nested: value(next, 0), list: [value(next, 1), value(next, 1)], pad: 'x'.repeat(150) })),
    meta: { next_page_url: null, page: seed, empty: [], none: {} },
    next_page_uri: null,
  };
}

/** parseJsonLeaving's value with the member it left as bytes parsed back in. */
function leftPutBack(bytes: Buffer, key: string): unknown {
  const { value, left } = parseJsonLeaving(bytes, key);
  return left === undefined ? value : { ...(value as object), [key]: JSON.parse(left.bytes.toString('utf8')) as unknown };
}

function sameAsJsonParse(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  const parsers = [() => parseJsonBytes(bytes), () => leftPutBack(bytes, 'messages'), () => leftPutBack(bytes, 'a')];
  let expected: unknown;
  try {
    expected = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    for (const parse of parsers) expect(parse).toThrow((error as Error).constructor);
    return;
  }
  for (const parse of parsers) expect(parse()).toStrictEqual(expected);
}

describe('parseJsonBytes', () => {
  it('gives JSON.parse’s value for large envelopes, compact and indented, with every tricky character in strings', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const text = JSON.stringify(envelope(seed), null, seed % 2 === 0 ? 2 : undefined);
      expect(text.length).toBeGreaterThan(64 * 1024);
      sameAsJsonParse(text);
      sameAsJsonParse(` \n\t${text}\r\n `);
    }
  });

  it('never parses a large valid document as one string, an envelope or an array of records', () => {
    for (const document of [envelope(8), envelope(8).messages]) {
      const parse = vi.spyOn(JSON, 'parse');
      try {
        parseJsonBytes(Buffer.from(JSON.stringify(document, null, 1)));
        expect(parse.mock.calls.length).toBeGreaterThanOrEqual(400);
        expect(Math.max(...parse.mock.calls.map(([text]) => text.length))).toBeLessThan(4096);
      } finally {
        parse.mockRestore();
      }
    }
  });

  it('leaves an array of objects as the bytes it was, checked and counted, and the last of a repeated key', () => {
    const records = JSON.stringify(envelope(9).messages, null, 1);
    const text = `{"end": 3, "messages" : ${records} , "meta": {"a": [1]}, "x": [1], "x": 2}`;
    const { value, left } = parseJsonLeaving(Buffer.from(text), 'messages');
    expect(left?.bytes.toString('utf8')).toBe(records);
    expect(left?.count).toBe(400);
    expect(value).toStrictEqual({ end: 3, meta: { a: [1] }, x: 2 });
    expect(parseJsonLeaving(Buffer.from(`{"messages":${records},"messages":2}`), 'messages')).toStrictEqual({ value: { messages: 2 }, left: undefined });
    expect(parseJsonLeaving(Buffer.from(`{"messages":2,"messages":${records}}`), 'messages').value).toStrictEqual({});
    // Small documents are parsed whole; an array with anything but objects is parsed into the value.
    expect(parseJsonLeaving(Buffer.from('{"messages":[{"a":1}]}'), 'messages').left).toBeUndefined();
    const mixed = parseJsonLeaving(Buffer.from(`{"messages":${records.slice(0, -1)},1]}`), 'messages');
    expect(mixed.left).toBeUndefined();
    expect((mixed.value as { messages: unknown[] }).messages).toHaveLength(401);
  });

  it('throws as JSON.parse does on a record it leaves as bytes that is not JSON', () => {
    const records = JSON.stringify(envelope(10).messages);
    for (const broken of ['"pad":"x', '"sid":"SM1"', '"list":[']) {
      const at = records.lastIndexOf(broken);
      const variants = [`${records.slice(0, at)}${broken}\\u12${records.slice(at + broken.length)}`, `${records.slice(0, at)}"pad":tru,${records.slice(at)}`];
      for (const variant of variants) sameAsJsonParse(`{"messages":${variant}}`);
    }
  });

  it('keeps key order and the last of duplicate keys, as JSON.parse does', () => {
    const records = JSON.stringify(envelope(3).messages);
    sameAsJsonParse(`{"b":1,"a":${records},"b":2,"10":3,"2":4}`);
    const parsed = parseJsonBytes(Buffer.from(`{"b":1,"a":${records},"b":2}`)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['b', 'a']);
    expect(parsed['b']).toBe(2);
  });

  it('makes __proto__ an own member, as JSON.parse does', () => {
    const parsed = parseJsonBytes(Buffer.from(`{"__proto__":{"polluted":true},"records":${JSON.stringify(envelope(4).messages)}}`)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
  });

  it('throws as JSON.parse does on every cut of a large document, on garbage after it, and on broken structure', () => {
    const text = JSON.stringify(envelope(5));
    const array = JSON.stringify(envelope(5).messages);
    const next = random(99);
    for (let i = 0; i < 60; i++) sameAsJsonParse(text.slice(0, Math.floor(next() * text.length)));
    for (let i = 0; i < 30; i++) sameAsJsonParse(array.slice(0, Math.floor(next() * array.length)));
    const records = JSON.stringify(envelope(6).messages);
    for (const broken of [
      `${text}x`, `${text}}`, `\ufeff${text}`,
      `{"a":${records.replace('},{', '}{')}}`, `{"a":${records.replace('},{', '},,{')}}`, `{"a":${records.slice(0, -1)},]}`,
      `{"a" ${records}}`, `{"a":${records},}`, `{a:${records}}`, `{"a":${records} "b":1}`, `{"a":}`.padEnd(70_000, ' '),
      `${records}]`, `${records},`, `${records.slice(0, -1)},]`, records.replace('},{', '}{'),
    ]) {
      sameAsJsonParse(broken);
    }
  });

  it('parses small documents, and large ones neither object nor array, as JSON.parse does', () => {
    for (const text of [JSON.stringify(envelope(7).messages), '"x"', '42', 'null', '{}', '{"messages":[]}', ' [ ] ']) sameAsJsonParse(text);
  });
});
