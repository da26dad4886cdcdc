// Reads a DuckDB table the way a user's own tool would: with a separate instance, while the destination is idle.
import { DuckDBInstance } from '@duckdb/node-api';
import { qualifiedName } from '../identifiers.js';
import type { TableDef } from '../table.js';
import { normalizeCell } from './normalize-cell.js';

/** Every row ordered by id, each cell normalised; only works because the destination is not holding the file. */
export async function readDuckDBRows(path: string, table: TableDef): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(path);
  try {
    const connection = await instance.connect();
    const catalog = String((await connection.runAndReadAll('SELECT current_database() AS name')).getRowObjects()[0]?.['name']);
    const reader = await connection.runAndReadAll(`SELECT * FROM ${qualifiedName(table.schema, table.name, catalog)} ORDER BY "id"`);
    connection.closeSync();
    return reader.getRowObjects().map((row) =>
      Object.fromEntries(table.columns.map((column) => [column.name, normalizeCell(row[column.name], column.type)])),
    );
  } finally {
    instance.closeSync();
  }
}
