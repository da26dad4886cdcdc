// What the engine-neutral SQL helpers need from an engine: a way to run a statement and its column type names.
import type { ColumnType } from './table.js';

export type SqlParam = string | number;
export type SqlRow = Readonly<Record<string, unknown>>;

/** One connection, already inside whatever transaction the caller opened. Parameters are `$1`, `$2`, … */
export interface SqlSession {
  /** The catalog to qualify names with, when the engine needs it (DuckDB); see qualifiedSchema. */
  readonly catalog?: string;
  query(sql: string, params?: readonly SqlParam[]): Promise<SqlRow[]>;
}

/** An engine's mapping between warehouse column types and its SQL types. */
export interface EngineTypes {
  sqlType(type: ColumnType): string;
  /** The warehouse type of a column as `information_schema.columns.data_type` reports it. */
  columnType(dataType: string): ColumnType;
  /** Whether `id` is declared the primary key; where it is not, loads keep it unique themselves. */
  readonly primaryKey: boolean;
}
