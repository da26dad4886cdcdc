// Encodes rows as PostgreSQL COPY text format: tab-separated, `\N` for NULL, backslash escapes for the rest.
import type { Cell } from '../table.js';
import type { TextRowFormat } from '../text-rows.js';

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

/** Each line ends with `suffix` as one more field (the stage's chunk number). */
export function copyRowFormat(suffix: number): TextRowFormat {
  return {
    separator: TAB,
    field: (cell, out) => out.write(copyField(cell)),
    // Without backslashes or control characters, the text is its own COPY form.
    plainText: (bytes, start, end, out) => out.writeRange(bytes, start, end),
    lineEnd: `\t${suffix}\n`,
  };
}
