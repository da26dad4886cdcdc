// writeCsvRows: NULL apart from '', quotes doubled, newlines kept inside quotes, NUL dropped, non-finite numbers NULL.
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../byte-writer.js';
import type { Cell } from '../table.js';
import { textRowsOf } from '../text-rows.js';
import { csvRowFormat, writeCsvField, writeCsvLines } from './write-csv-rows.js';

function csvField(cell: Cell | undefined): string {
  const out = new ByteWriter();
  writeCsvField(cell, out);
  return out.bytes().toString('utf8');
}

describe('writeCsvRows', () => {
  it('quotes all text, so an empty field is NULL and "" is the empty string', () => {
    expect([csvField(null), csvField(undefined), csvField(''), csvField('a')]).toEqual(['', '', '""', '"a"']);
  });

  it('doubles quotes, keeps commas and newlines inside the quotes, drops NUL', () => {
    expect(csvField('say "hi",\nthen\r\nbye\0!')).toBe('"say ""hi"",\nthen\r\nbye!"');
  });

  it('writes numbers and booleans bare, non-finite numbers as NULL', () => {
    expect([csvField(-0.0075), csvField(5e-324), csvField(Number.NaN), csvField(true), csvField(false)]).toEqual(['-0.0075', '5e-324', '', 'true', 'false']);
  });

  it('writes one line per row in column order, a lone surrogate as U+FFFD', () => {
    const out = new ByteWriter();
    textRowsOf([{ id: 'a', n: 1 }, { id: 'b\ud83d' }]).write(['n', 'id'], csvRowFormat, out);
    expect(out.bytes().toString('utf8')).toBe('1,"a"\n,"b\ufffd"\n');
  });

  it('writes plain text bytes quoted, as writeCsvField writes that text', () => {
    const out = new ByteWriter();
    const bytes = Buffer.from('xcafé 😀y');
    csvRowFormat.plainText(bytes, 1, bytes.length - 1, out);
    const field = new ByteWriter();
    writeCsvField('café 😀', field);
    expect(out.bytes()).toEqual(field.bytes());
  });

  it('writes one field per line', () => {
    const out = new ByteWriter();
    writeCsvLines(['SM1', 'a"b', ''], out);
    expect(out.bytes().toString('utf8')).toBe('"SM1"\n"a""b"\n""\n');
  });
});
