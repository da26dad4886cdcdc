// Keeps a collection's table definition in step with the records read: declared columns, fields Twilio adds
// later (a new column, never a failed sync) and `<field>_raw` text columns for values a column cannot hold.
import type { Collection } from '../collections/collection.js';
import type { JsonObjects } from '../parse-json-bytes.js';
import type { Cell, Column, ColumnType, Row, TableDef } from '../warehouse/table.js';
import type { TextRows } from '../warehouse/text-rows.js';
import { convertCell, inferType } from './convert-cell.js';
import { RowScanner } from './row-scanner.js';

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
  /**
   * A row with every known column unset, made again when the columns change. Rows are copied from it: a row given its
   * ~40 columns one by one under computed names became a hash table in V8 (twice the time and the memory of a row
   * with fast properties, measured).
   */
  #template: Readonly<Record<string, Cell | undefined>> | undefined;
  /** Made again, like the template, when the columns change. */
  #scanner: RowScanner | undefined;

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
    this.#template = undefined;
    this.#scanner = undefined;
  }

  /** Adds an inferred column for every field not seen before. */
  discover(records: readonly TwilioRecord[]): void {
    for (const record of records) this.#discover(record, '');
  }

  #discover(record: TwilioRecord, prefix: string): void {
    for (const key in record) {
      const value = record[key];
      const field = prefix === '' ? key : `${prefix}_${key}`;
      if (isNested(value)) this.#discover(value, field);
      else if (!this.#columns.has(field)) this.#infer(field, value);
    }
  }

  /** A field seen for the first time gets the type of its first real value; nulls wait for one. */
  #infer(field: string, value: unknown): ColumnType | undefined {
    const type = inferType(value);
    if (type === undefined) return undefined;
    this.#add(field, type);
    return type;
  }

  /**
   * Converts records to rows in one pass, flattening nested objects (`subresource_uris.media` becomes
   * `subresource_uris_media`) and discovering fields as discover does. A value its column cannot hold (a field that
   * changed type, an unparseable date) lands as NULL there and verbatim in `<field>_raw`, and is reported once per
   * field in `notices`. When `changed` is true afterwards, the rows need columns the warehouse does not have yet.
   */
  toRows(records: readonly TwilioRecord[], receivedAt: string, uuidTs: string): { rows: Row[]; notices: string[] } {
    const notices = new Set<string>();
    const rows: Row[] = [];
    for (const record of records) {
      const id = record[this.#idField];
      if (typeof id !== 'string' || id === '') {
        notices.add(`${this.#name}: skipped a record without ${this.#idField}`);
        continue;
      }
      this.#template ??= Object.fromEntries([...this.#columns.keys()].map((name) => [name, undefined]));
      const row: Record<string, Cell | undefined> = { ...this.#template };
      row['id'] = id;
      row['received_at'] = receivedAt;
      row['uuid_ts'] = uuidTs;
      this.#fill(row, record, '', notices);
      rows.push(row as Row);
    }
    return { rows, notices: [...notices] };
  }

  /**
   * Records kept as JSON bytes, as the lines toRows' rows would be staged as, made from the bytes without parsing
   * them; undefined when a record needs toRows (a new field, a value that does not fit, no id, an id twice: see
   * RowScanner). Valid until the next call.
   */
  toTextRows(records: JsonObjects, receivedAt: string, uuidTs: string): TextRows | undefined {
    this.#scanner ??= new RowScanner([...this.#columns], this.#idField);
    return this.#scanner.scan(records, receivedAt, uuidTs);
  }

  #add(field: string, type: ColumnType): void {
    this.#columns.set(field, type);
    this.#changed = true;
    this.#template = undefined;
    this.#scanner = undefined;
  }

  #fill(row: Record<string, Cell | undefined>, record: TwilioRecord, prefix: string, notices: Set<string>): void {
    for (const key in record) {
      const value = record[key];
      const field = prefix === '' ? key : `${prefix}_${key}`;
      if (isNested(value)) {
        this.#fill(row, value, field, notices);
        continue;
      }
      const type = this.#columns.get(field) ?? this.#infer(field, value);
      if (type === undefined) continue; // all-null field not yet typed
      const cell = convertCell(value, type);
      if (cell !== undefined) {
        row[field] = cell;
        continue;
      }
      const rawField = `${field}_raw`;
      if (!this.#columns.has(rawField)) this.#add(rawField, 'text');
      row[field] = null;
      row[rawField] = convertCell(value, 'text') ?? null;
      notices.add(`${this.#name}.${field}: a value did not fit the column's type ${type}; kept as text in ${rawField}`);
    }
  }
}

/** A record as Twilio lists it: nested objects become `parent_child` fields, arrays stay whole (JSON). */
export type TwilioRecord = Readonly<Record<string, unknown>>;

function isNested(value: unknown): value is TwilioRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
