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

/**
 * A value this long (in UTF-8 bytes, or as JSON text) is a long value: an engine may bound how many bytes of them a
 * load holds (DuckDB keeps them in memory until a load commits; see duckdb-destination.ts).
 */
export const LONG_VALUE_BYTES = 32 * 1024;

/** A chunk of a load's rows, each id at most once, that writes itself in an engine's format. */
export interface TextRows {
  readonly ids: readonly string[];
  /** The bytes of the rows' long values (LONG_VALUE_BYTES and more), summed. */
  readonly longValueBytes: number;
  /** One line per row, the fields in `columns` order; a column the rows do not have is NULL. */
  write(columns: readonly string[], format: TextRowFormat, out: ByteWriter): void;
}

/**
 * Rows whose ids are unique, as TextRows. Written field by field: a line built as a string first cost a copy of it,
 * and the pieces it was joined from, for every row (a third of what a sync allocated).
 */
export function textRowsOf(rows: readonly Row[]): TextRows {
  let longValueBytes = 0;
  for (const row of rows) {
    for (const cell of Object.values(row)) {
      // UTF-8 takes at most three bytes per UTF-16 unit, so a shorter string needs no byte count.
      if (typeof cell === 'string' && cell.length * 3 >= LONG_VALUE_BYTES) {
        const bytes = Buffer.byteLength(cell);
        if (bytes >= LONG_VALUE_BYTES) longValueBytes += bytes;
      }
    }
  }
  return {
    ids: rows.map((row) => String(row['id'])),
    longValueBytes,
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
