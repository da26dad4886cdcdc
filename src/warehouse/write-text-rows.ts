// Rows as delimited text, the form both engines' bulk loads read: one line per row, each written on its own so no
// string is as large as the staged file (see ByteWriter).
import type { ByteWriter } from '../byte-writer.js';
import type { Cell, Row } from './table.js';

export interface TextRowFormat {
  readonly separator: string;
  /** A cell as the engine reads it back. */
  readonly field: (cell: Cell | undefined) => string;
  /** Ends each line, newline included. */
  readonly lineEnd: string;
}

/** The fields in `columns` order. */
export function writeTextRows(rows: readonly Row[], columns: readonly string[], format: TextRowFormat, out: ByteWriter): void {
  const { separator, field, lineEnd } = format;
  for (const row of rows) {
    let line = '';
    for (const [index, column] of columns.entries()) line += (index === 0 ? '' : separator) + field(row[column]);
    out.write(line + lineEnd);
  }
}
