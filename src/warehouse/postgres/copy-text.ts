// Encodes rows as PostgreSQL COPY text format: tab-separated, `\N` for NULL, backslash escapes for the rest.
import type { ByteWriter } from '../../byte-writer.js';
import type { Cell, Row } from '../table.js';
import { writeTextRows } from '../write-text-rows.js';

const NEEDS_ESCAPE = /[\\\t\n\r\0]/;
const ESCAPES = /[\\\t\n\r\0]/g;
const TAB = 0x09;
const REPLACEMENTS: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '' };

/** One field. PostgreSQL text cannot hold NUL, so NUL characters are dropped rather than failing the whole load. */
export function copyField(cell: Cell | undefined): string {
  if (cell === undefined || cell === null) return '\\N';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '\\N';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return NEEDS_ESCAPE.test(cell) ? cell.replace(ESCAPES, (char) => REPLACEMENTS[char] ?? char) : cell;
}

/** One line per row, the fields in `columns` order, then `suffix` as one more field (the stage's chunk number). */
export function writeCopyText(rows: readonly Row[], columns: readonly string[], suffix: number, out: ByteWriter): void {
  writeTextRows(rows, columns, { separator: TAB, field: (cell, into) => into.write(copyField(cell)), lineEnd: `\t${suffix}\n` }, out);
}
