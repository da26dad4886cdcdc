// The DuckDB bulk load: staged CSV files that read_csv scans straight into the table, after the ids they hold
// are deleted, so each id stays unique without an index.
import { crashPoint } from '../../crash-point.js';
import { qualifiedName, quoteIdentifier, quoteLiteral } from '../identifiers.js';
import { recordLoad } from '../load-markers.js';
import type { StagedRows } from '../stage-rows.js';
import { readColumns } from '../table-sql.js';
import type { LoadMarker } from '../destination.js';
import type { ColumnType, TableDef } from '../table.js';
import { InvalidTableError } from '../warehouse-errors.js';
import type { DuckDBSession } from './duckdb-session.js';
import { duckdbTypes } from './duckdb-types.js';
import { IdFilter } from './id-filter.js';

/** What read_csv parses each type as; the rest arrive as text and are CAST, which honours UTC offsets. */
const CSV_READ_TYPES: Partial<Record<ColumnType, string>> = { bigint: 'BIGINT', double: 'DOUBLE', boolean: 'BOOLEAN' };
/**
 * The staged files as write-csv-rows.ts writes them: no header, every text field quoted, an unquoted empty field
 * NULL; no sniffing. Lines up to 4 MB (a row of a megabyte of text loads): DuckDB reserves buffers of a multiple of
 * max_line_size, so a far larger one runs out of memory.
 */
const CSV_FORMAT = "header = false, delim = ',', quote = '\"', escape = '\"', nullstr = '', allow_quoted_nulls = false, auto_detect = false, max_line_size = 4194304, buffer_size = 8388608";
/** The column read_csv names each row's file with; files sort in chunk order (stage-rows.ts). */
const FILE_COLUMN = '_twilio_source_file';
/** Temporary tables within the load's transaction: the ids it writes, and the values of columns it omits. */
const IDS = '"_twilio_source_ids"';
const KEPT = '"_twilio_source_kept"';

/**
 * Measured on this project's 2-core machine, staged text costs less than filling a staging table with the Appender
 * (one N-API call per value), and read_csv parses the files on DuckDB's own thread.
 * DELETE then INSERT instead of an upsert: the table has no index to upsert on (duckdb-types.ts). It also works on
 * tables older versions made with a primary key.
 */
export async function loadIntoDuckDB(session: DuckDBSession, table: TableDef, staged: StagedRows, marker: LoadMarker): Promise<void> {
  const columns = staged.files.length > 0 ? await tableColumns(session, table) : undefined;
  await session.transaction(async () => {
    if (columns !== undefined) await replaceRows(session, table, staged, columns);
    crashPoint('warehouse:mid-load');
    await recordLoad(session, table.schema, marker);
    crashPoint('warehouse:before-commit');
  });
}

async function replaceRows(session: DuckDBSession, table: TableDef, staged: StagedRows, columns: TableColumns): Promise<void> {
  const target = qualifiedName(table.schema, table.name, session.catalog);
  const files = `[${staged.files.map(quoteLiteral).join(', ')}]`;
  const present = await mayHoldAny(session, table, target, staged.ids);
  // Columns of the table the definition omits keep their values: copied aside before the rows are deleted.
  const kept = present ? columns.omitted.map((name) => quoteIdentifier(name)) : [];
  if (present) {
    // The ids in a temporary table, whose size the planner knows, so the join hashes them and not the whole table.
    await session.query(
      `CREATE TEMP TABLE ${IDS} AS SELECT "id" FROM read_csv(${quoteLiteral(staged.idsFile ?? '')}, ${CSV_FORMAT}, columns = {'id': 'VARCHAR'})`,
    );
    if (kept.length > 0) await session.query(`CREATE TEMP TABLE ${KEPT} AS SELECT "id", ${kept.join(', ')} FROM ${target} WHERE "id" IN (SELECT "id" FROM ${IDS})`);
    await session.query(`DELETE FROM ${target} WHERE "id" IN (SELECT "id" FROM ${IDS})`);
    await session.query(`DROP TABLE ${IDS}`);
  }
  const loaded = columns.loaded;
  const readTypes = loaded.map((c) => `${quoteLiteral(c.name)}: '${CSV_READ_TYPES[c.type] ?? 'VARCHAR'}'`).join(', ');
  const values = loaded.map((c) => (c.type in CSV_READ_TYPES ? `s.${c.quoted}` : `CAST(s.${c.quoted} AS ${duckdbTypes.sqlType(c.type)})`));
  // An id staged in several chunks keeps its row from the latest one.
  const latest = staged.repeats ? `QUALIFY row_number() OVER (PARTITION BY s."id" ORDER BY s."${FILE_COLUMN}" DESC) = 1` : '';
  const fileColumn = staged.repeats ? `, filename = '${FILE_COLUMN}'` : '';
  await session.query(
    `INSERT INTO ${target} (${[...loaded.map((c) => c.quoted), ...kept].join(', ')})
     SELECT ${[...values, ...kept.map((name) => `k.${name}`)].join(', ')}
     FROM read_csv(${files}, ${CSV_FORMAT}, columns = {${readTypes}}${fileColumn}) AS s
     ${kept.length > 0 ? `LEFT JOIN ${KEPT} AS k USING ("id")` : ''} ${latest}`,
  );
  if (kept.length > 0) await session.query(`DROP TABLE ${KEPT}`);
}

/**
 * Whether the table may already hold one of the ids, so the load must delete first. A table empty at this session's
 * first load into it keeps an IdFilter of what the session loads since (up to its maxIds), and answers without scanning
 * the table.
 * Ids are added before the insert: a load that then fails only leaves ids a later load deletes for nothing.
 */
async function mayHoldAny(session: DuckDBSession, table: TableDef, target: string, ids: readonly string[]): Promise<boolean> {
  const key = `${table.schema}.${table.name}`;
  let filter = session.loadedIds.get(key);
  if (filter === undefined) {
    const empty = (await session.query(`SELECT NOT EXISTS (SELECT 1 FROM ${target}) AS empty`))[0]?.['empty'] === true;
    filter = empty ? new IdFilter() : null;
    session.loadedIds.set(key, filter);
  }
  if (filter === null) return true;
  const known = filter;
  const present = ids.some((id) => known.mightHave(id));
  for (const id of ids) known.add(id);
  // A full filter is dropped, and the table is then one that may hold anything: every later load deletes first.
  if (known.full) session.loadedIds.set(key, null);
  return present;
}

interface TableColumns {
  readonly loaded: readonly { readonly name: string; readonly quoted: string; readonly type: ColumnType }[];
  readonly omitted: readonly string[];
}

/** The definition's columns with the table's own types: an older column keeps its type and rows are cast to fit. */
async function tableColumns(session: DuckDBSession, table: TableDef): Promise<TableColumns> {
  const key = `${table.schema}.${table.name}`;
  const known = session.knownColumns.get(key) ?? (await readColumns(session, duckdbTypes, table.schema, table.name));
  session.knownColumns.set(key, known);
  const actual = new Map(known.map((c) => [c.name, c.type]));
  const loaded = table.columns.map((column) => {
    const type = actual.get(column.name);
    if (type === undefined) {
      throw new InvalidTableError(`Table ${table.schema}.${table.name} has no column "${column.name}": run ensureTable before load`);
    }
    return { name: column.name, quoted: quoteIdentifier(column.name), type };
  });
  const named = new Set(table.columns.map((column) => column.name));
  return { loaded, omitted: known.map((column) => column.name).filter((name) => !named.has(name)) };
}
