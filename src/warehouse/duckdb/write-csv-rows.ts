// Rows as CSV text for DuckDB's read_csv, with text cleaned the way PostgreSQL's path cleans it.
import type { ByteWriter } from '../../byte-writer.js';
import type { Cell } from '../table.js';
import type { TextRowFormat } from '../text-rows.js';

const QUOTES = /"/g;
const NUL = /\0/g;
const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

/**
 * One line per row, the fields in `columns` order. Text is always quoted (so '' is text and an unquoted empty field
 * is NULL, read with allow_quoted_nulls off), with quotes doubled; a quoted field may hold newlines. NUL is dropped,
 * as PostgreSQL text cannot hold it, and a lone UTF-16 surrogate becomes U+FFFD in UTF-8, so both engines store the
 * same text; a non-finite number is NULL. Measured: cheaper to build than one JSON.stringify per row, and DuckDB
 * reads CSV with less CPU than JSON.
 */
export const csvRowFormat: TextRowFormat = {
  separator: COMMA,
  field: writeCsvField,
  plainText(bytes, start, end, out) {
    out.writeByte(QUOTE);
    out.writeRange(bytes, start, end);
    out.writeByte(QUOTE);
  },
  lineEnd: '\n',
};

/** One field per line: a staged load's ids. */
export function writeCsvLines(values: Iterable<Cell>, out: ByteWriter): void {
  for (const value of values) {
    writeCsvField(value, out);
    out.writeByte(NEWLINE);
  }
}

export function writeCsvField(cell: Cell | undefined, out: ByteWriter): void {
  if (cell === undefined || cell === null) return;
  if (typeof cell === 'number') {
    if (Number.isFinite(cell)) out.write(String(cell));
    return;
  }
  if (typeof cell === 'boolean') {
    out.write(cell ? 'true' : 'false');
    return;
  }
  const text = cell.includes('\0') ? cell.replace(NUL, '') : cell;
  out.writeByte(QUOTE);
  out.write(text.includes('"') ? text.replace(QUOTES, '""') : text);
  out.writeByte(QUOTE);
}
