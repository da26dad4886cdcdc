// The table definition and row shape that every warehouse engine creates, evolves and loads.

/** Warehouse column types; each engine maps them to its own SQL types. */
export type ColumnType = 'text' | 'bigint' | 'double' | 'boolean' | 'timestamptz' | 'json';

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
}

/** A table whose primary key is always the `id` column. */
export interface TableDef {
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly Column[];
}

/**
 * One row, keyed by column name; a missing key is NULL. Values by column type: text → string; bigint and double →
 * number; boolean → boolean; timestamptz → ISO 8601 string with zone (`2019-05-24T17:44:46.000Z`); json → JSON text.
 */
export type Cell = string | number | boolean | null;
export type Row = Readonly<Record<string, Cell>>;
