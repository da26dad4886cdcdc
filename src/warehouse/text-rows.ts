// Rows as delimited text, the form both engines' bulk loads read: one line per row, written field by field so no
// string is as large as the staged file (see ByteWriter). A load's chunk comes as Row objects, or as TextRows that
// write themselves: records turned into lines straight from their JSON bytes, never made into objects.
import type { ByteWriter } from '../byte-writer.js';
import type { Cell, Row } from './table.js';

export interface TextRowFormat {
  /** An ASCII byte. */
  readonly separator: number;
  /** Writes a cell as the engine reads it back. */
  readonly field: (cell: Cell | undefined, out: ByteWriter) => void;
  /**
   * Writes text given as UTF-8 bytes as `field` writes it, for text known to hold no quote, backslash, control
   * character or NUL: what a JSON string holds when it has no escapes.
   */
  readonly plainText: (bytes: Uint8Array, start: number, end: number, out: ByteWriter) => void;
  /** Ends each line, newline included. */
  readonly lineEnd: string;
}

/** A chunk of a load's rows, each id at most once, that writes itself in an engine's format. */
export interface TextRows {
  readonly ids: readonly string[];
  /** One line per row, the fields in `columns` order; a column the rows do not have is NULL. */
  write(columns: readonly string[], format: TextRowFormat, out: ByteWriter): void;
}

/**
 * Rows whose ids are unique, as TextRows. Written field by field: a line built as a string first cost a copy of it,
 * and the pieces it was joined from, for every row (a third of what a sync allocated).
 */
export function textRowsOf(rows: readonly Row[]): TextRows {
  return {
    ids: rows.map((row) => String(row['id'])),
    write(columns, format, out) {
      const { separator, field, lineEnd } = format;
      for (const row of rows) {
        for (let index = 0; index < columns.length; index++) {
          if (index > 0) out.writeByte(separator);
          field(row[columns[index] as string], out);
        }
        out.write(lineEnd);
      }
    },
  };
}
