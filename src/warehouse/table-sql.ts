// Creating and evolving a table with SQL both engines accept, so one TableDef gives the same columns everywhere.
import { createLoadsTable } from './load-markers.js';
import { qualifiedName, qualifiedSchema, quoteIdentifier } from './identifiers.js';
import type { EngineTypes, SqlSession } from './sql-session.js';
import type { Column, TableDef } from './table.js';

/** The table's columns in their order, or an empty list when the table does not exist. */
export async function readColumns(session: SqlSession, types: EngineTypes, schema: string, table: string): Promise<Column[]> {
  const rows = await session.query(
    `SELECT column_name, data_type FROM information_schema.columns
     WHERE table_catalog = current_database() AND table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
    [schema, table],
  );
  return rows.map((row) => ({ name: String(row['column_name']), type: types.columnType(String(row['data_type'])) }));
}

/** Creates the schema, the table (keyed by `id`) and the loads table when missing; adds missing columns. */
export async function ensureTableIn(session: SqlSession, types: EngineTypes, table: TableDef): Promise<Column[]> {
  const target = qualifiedName(table.schema, table.name, session.catalog);
  const existing = await readColumns(session, types, table.schema, table.name);
  if (existing.length === 0) {
    await session.query(`CREATE SCHEMA IF NOT EXISTS ${qualifiedSchema(table.schema, session.catalog)}`);
    const columns = table.columns.map((column) => `${quoteIdentifier(column.name)} ${types.sqlType(column.type)}`);
    const key = types.primaryKey ? ', PRIMARY KEY ("id")' : '';
    await session.query(`CREATE TABLE IF NOT EXISTS ${target} (${columns.join(', ')}${key})`);
  } else {
    const present = new Set(existing.map((column) => column.name));
    for (const column of table.columns.filter((candidate) => !present.has(candidate.name))) {
      await session.query(
        `ALTER TABLE ${target} ADD COLUMN IF NOT EXISTS ${quoteIdentifier(column.name)} ${types.sqlType(column.type)}`,
      );
    }
  }
  // Unconditionally, so a table made by an older version or by hand still gets its bookkeeping table.
  await createLoadsTable(session, table.schema);
  return readColumns(session, types, table.schema, table.name);
}
