// COPY text encoding: every character PostgreSQL's text format treats specially is escaped, NULL differs from ''.
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../byte-writer.js';
import { textRowsOf } from '../text-rows.js';
import { copyField, copyRowFormat } from './copy-text.js';

describe('copyField', () => {
  it('tells NULL from the empty string and from the text \\N', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField('')).toBe('');
    expect(copyField('\\N')).toBe('\\\\N');
  });

  it('escapes tabs, newlines, carriage returns and backslashes; drops NUL; leaves unicode alone', () => {
    expect(copyField('a\tb\nc\r\nd\\e\0f 😀')).toBe('a\\tb\\nc\\r\\nd\\\\ef 😀');
  });

  it('writes numbers and booleans as PostgreSQL reads them, non-finite numbers as NULL', () => {
    expect([copyField(-0.0075), copyField(1.7976931348623157e308), copyField(5e-324), copyField(Number.NaN)]).toEqual([
      '-0.0075', '1.7976931348623157e+308', '5e-324', '\\N',
    ]);
    expect([copyField(true), copyField(false)]).toEqual(['true', 'false']);
  });
});

describe('copyRowFormat', () => {
  it('writes one tab-separated line per row in column order, then the chunk number', () => {
    const rows = [{ id: 'a', n: 1 }, { id: 'b' }, { id: 'c', n: 3 }];
    const out = new ByteWriter();
    textRowsOf(rows).write(['n', 'id'], copyRowFormat(7), out);
    expect(out.bytes().toString('utf8')).toBe('1\ta\t7\n\\N\tb\t7\n3\tc\t7\n');
  });

  it('writes plain text bytes as they are, as copyField writes that text', () => {
    const out = new ByteWriter();
    const bytes = Buffer.from('xcafé 😀 "q"y');
    copyRowFormat(0).plainText(bytes, 1, bytes.length - 1, out);
    expect(out.bytes().toString('utf8')).toBe(copyField('café 😀 "q"'));
  });
});
