// PostgreSQL's SQL types for the warehouse column types, and back.
import type { EngineTypes } from '../sql-session.js';
import type { ColumnType } from '../table.js';

const SQL_TYPES: Readonly<Record<ColumnType, string>> = {
  text: 'TEXT',
  bigint: 'BIGINT',
  double: 'DOUBLE PRECISION',
  boolean: 'BOOLEAN',
  timestamptz: 'TIMESTAMPTZ',
  json: 'JSONB',
};

/** Keyed by `information_schema.columns.data_type`. */
const FROM_DATA_TYPE: Readonly<Record<string, ColumnType>> = {
  text: 'text',
  'character varying': 'text',
  bigint: 'bigint',
  integer: 'bigint',
  smallint: 'bigint',
  'double precision': 'double',
  real: 'double',
  boolean: 'boolean',
  'timestamp with time zone': 'timestamptz',
  jsonb: 'json',
  json: 'json',
};

export const postgresTypes: EngineTypes = {
  primaryKey: true,
  sqlType: (type) => SQL_TYPES[type],
  // A column someone retyped by hand to a type we do not write (numeric, date, …) is fed text, which COPY parses.
  columnType: (dataType) => FROM_DATA_TYPE[dataType] ?? 'text',
};
