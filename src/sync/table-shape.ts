// Keeps a collection's table definition in step with the records read: declared columns, fields Twilio adds
// later (a new column, never a failed sync) and `<field>_raw` text columns for values a column cannot hold.
import type { Collection } from '../collections/collection.js';
import type { Column, ColumnType, Row, TableDef } from '../warehouse/table.js';
import { convertCell, inferType } from './convert-cell.js';
import type { FlatRecord } from './flatten.js';

const baseColumns: readonly Column[] = [
  { name: 'id', type: 'text' },
  { name: 'received_at', type: 'timestamptz' },
  { name: 'uuid_ts', type: 'timestamptz' },
];

export class TableShape {
  readonly #schema: string;
  readonly #name: string;
  readonly #idField: string;
  #columns = new Map<string, ColumnType>();
  #changed = true;

  constructor(schema: string, collection: Collection) {
    this.#schema = schema;
    this.#name = collection.name;
    this.#idField = collection.idField;
    for (const column of [...baseColumns, ...collection.columns]) this.#columns.set(column.name, column.type);
  }

  get def(): TableDef {
    const columns = [...this.#columns].map(([name, type]) => ({ name, type }));
    return { schema: this.#schema, name: this.#name, columns };
  }

  /** True when the definition grew since the warehouse last confirmed it. */
  get changed(): boolean {
    return this.#changed;
  }

  /** Takes the columns as the warehouse has them: an existing column keeps its existing type. */
  adopt(columns: readonly Column[]): void {
    for (const column of columns) this.#columns.set(column.name, column.type);
    this.#changed = false;
  }

  /** Adds an inferred column for every field not seen before. */
  discover(records: readonly FlatRecord[]): void {
    for (const record of records) {
      for (const field in record) {
        if (this.#columns.has(field)) continue;
        const type = inferType(record[field]);
        if (type === undefined) continue; // only nulls so far: wait for a real value to type it
        this.#columns.set(field, type);
        this.#changed = true;
      }
    }
  }

  /**
   * Converts records to rows. A value its column cannot hold (a field that changed type, an unparseable date)
   * lands as NULL there and verbatim in `<field>_raw`, and is reported once per field in `notices`.
   */
  toRows(records: readonly FlatRecord[], receivedAt: string, uuidTs: string): { rows: Row[]; notices: string[] } {
    const notices = new Set<string>();
    const rows: Row[] = [];
    for (const record of records) {
      const id = record[this.#idField];
      if (typeof id !== 'string' || id === '') {
        notices.add(`${this.#name}: skipped a record without ${this.#idField}`);
        continue;
      }
      const row: Record<string, Row[string]> = { id, received_at: receivedAt, uuid_ts: uuidTs };
      for (const field in record) {
        const type = this.#columns.get(field);
        if (type === undefined) continue; // all-null field not yet typed
        const cell = convertCell(record[field], type);
        if (cell !== undefined) {
          row[field] = cell;
          continue;
        }
        const rawField = `${field}_raw`;
        if (!this.#columns.has(rawField)) {
          this.#columns.set(rawField, 'text');
          this.#changed = true;
        }
        row[field] = null;
        row[rawField] = convertCell(record[field], 'text') ?? null;
        notices.add(`${this.#name}.${field}: a value did not fit the column's type ${type}; kept as text in ${rawField}`);
      }
      rows.push(row);
    }
    return { rows, notices: [...notices] };
  }
}
