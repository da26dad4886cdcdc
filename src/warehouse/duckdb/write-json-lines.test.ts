// writeJsonLines: text read_json would reject is cleaned exactly as the PostgreSQL path cleans it.
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../byte-writer.js';
import { writeJsonLines } from './write-json-lines.js';

function jsonLines(values: readonly unknown[]): string {
  const out = new ByteWriter();
  writeJsonLines(values, out);
  return out.bytes().toString('utf8');
}

describe('writeJsonLines', () => {
  it('replaces lone surrogates with U+FFFD and drops NUL, leaving escaped backslashes and pairs alone', () => {
    const rows = [{ body: 'a\ud83db \udc00 \\ud83d \\\ud83d 😀 x\u0000y \\u0000' }];
    expect(JSON.parse(jsonLines(rows))).toEqual({ body: 'a\ufffdb \ufffd \\ud83d \\\ufffd 😀 xy \\u0000' });
  });

  it('writes non-finite numbers as null', () => {
    expect(jsonLines([{ a: Number.NaN, b: Number.NEGATIVE_INFINITY, c: 1.5 }])).toBe('{"a":null,"b":null,"c":1.5}\n');
  });

  it('writes one JSON value per line, cleaned the same way', () => {
    expect(jsonLines(['SM1', 'a\ud83db', 'x\u0000y', 'line\nbreak'])).toBe('"SM1"\n"a\\ufffdb"\n"xy"\n"line\\nbreak"\n');
  });
});
