// DuckDB's SQL types for the warehouse column types, and back.
import type { EngineTypes } from '../sql-session.js';
import type { ColumnType } from '../table.js';

const SQL_TYPES: Readonly<Record<ColumnType, string>> = {
  text: 'VARCHAR',
  bigint: 'BIGINT',
  double: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamptz: 'TIMESTAMPTZ',
  // The json extension is statically built into @duckdb/node-bindings, so no download is needed (checked on open).
  json: 'JSON',
};

const FROM_DATA_TYPE: Readonly<Record<string, ColumnType>> = {
  VARCHAR: 'text',
  BIGINT: 'bigint',
  INTEGER: 'bigint',
  SMALLINT: 'bigint',
  DOUBLE: 'double',
  FLOAT: 'double',
  BOOLEAN: 'boolean',
  'TIMESTAMP WITH TIME ZONE': 'timestamptz',
  JSON: 'json',
};

export const duckdbTypes: EngineTypes = {
  // No primary key: DuckDB keeps its index in memory, growing with the table (about 75 MB a million ids) and making
  // each insert slower; loads keep ids unique by deleting the ids they write (load-into-duckdb.ts).
  primaryKey: false,
  sqlType: (type) => SQL_TYPES[type],
  // A column someone retyped by hand to a type we do not write (DECIMAL, DATE, …) is fed text and cast by DuckDB.
  columnType: (dataType) => FROM_DATA_TYPE[dataType] ?? 'text',
};
