// The DuckDB warehouse: a file opened only for the length of a unit of work, so users' own tools can read it between runs.
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkTableDef } from '../check-table-def.js';
import { validateIdentifier } from '../identifiers.js';
import { loadedSeqsIn } from '../load-markers.js';
import { Mutex } from '../mutex.js';
import { ensureTableIn } from '../table-sql.js';
import { stagedLoad, stageRows, type RowChunk } from '../stage-rows.js';
import type { Destination, LoadMarker, StagedLoad, StagingOptions } from '../destination.js';
import type { Column, Row, TableDef } from '../table.js';
import { DuckDBSession, type BusyRetry } from './duckdb-session.js';
import { csvRowFormat, writeCsvLines } from './write-csv-rows.js';
import { duckdbTypes } from './duckdb-types.js';
import { loadIntoDuckDB } from './load-into-duckdb.js';

export interface DuckDBOptions extends StagingOptions {
  /** Retries while another process holds the file, before WarehouseBusyError (default 6). */
  readonly busyRetries?: number;
  /** The first wait between those retries, doubled each time (default 250 ms). */
  readonly busyRetryDelayMs?: number;
}

/**
 * Rows per load: one DuckDB row group (122,880 rows). Each load after a checkpoint starts a row group of its own, and
 * a checkpoint merges adjacent row groups whenever their rows fit in fewer (DuckDB's vacuum): with loads of 50,000 rows,
 * checkpoints rewrote the same rows again and again as groups merged (the last one of a `--scale 0.4` bench sync alone
 * took 3 s). Loads of whole batches up to a row group leave nothing to merge but a stream's small last load.
 */
const ROWS_PER_LOAD = 122_880;
/**
 * Bytes of long values (LONG_VALUE_BYTES and more) per load at most. DuckDB holds such values in memory until the load
 * commits: within its 128 MB (duckdb-session.ts), a load replacing 500 values of 100 KB ran out of memory, 400 did
 * not. Shorter values it spills, so a load of 6,000 values of 30 KB (180 MB) committed.
 */
const LONG_VALUE_BYTES_PER_LOAD = 32 * 1024 * 1024;

/** Two instances on one file in one process would corrupt it, so every destination on a path shares one mutex. */
const fileMutexes = new Map<string, Mutex>();

interface OpenSession {
  readonly owner: DuckDBDestination;
  readonly session: DuckDBSession;
  /** Calls made concurrently inside one session still take turns on its single connection. */
  readonly turns: Mutex;
}

const currentSession = new AsyncLocalStorage<OpenSession>();

/**
 * Calls on one destination never overlap on the file. Do not call a second destination on the same file from inside
 * this one's withSession: it would wait for the file this session holds.
 */
export class DuckDBDestination implements Destination {
  readonly engine = 'duckdb';
  readonly rowsPerLoad = ROWS_PER_LOAD;
  readonly path: string;
  private readonly retry: BusyRetry;
  private readonly fileMutex: Mutex;
  private readonly stagingDir: string | undefined;

  constructor(path: string, options: DuckDBOptions = {}) {
    this.path = resolve(path);
    this.retry = { retries: options.busyRetries ?? 6, delayMs: options.busyRetryDelayMs ?? 250 };
    this.stagingDir = options.stagingDir;
    const mutex = fileMutexes.get(this.path) ?? new Mutex();
    fileMutexes.set(this.path, mutex);
    this.fileMutex = mutex;
  }

  async ensureTable(table: TableDef): Promise<readonly Column[]> {
    checkTableDef(table);
    return this.withConnection(async (session) => {
      const columns = await session.transaction(() => ensureTableIn(session, duckdbTypes, table));
      session.knownColumns.set(`${table.schema}.${table.name}`, columns);
      return columns;
    });
  }

  async load(table: TableDef, rows: readonly Row[], marker: LoadMarker): Promise<void> {
    await (await this.stage(table, [rows])).commit(marker);
  }

  async stage(table: TableDef, chunks: Iterable<RowChunk> | AsyncIterable<RowChunk>): Promise<StagedLoad> {
    checkTableDef(table);
    const names = table.columns.map((column) => column.name);
    const staged = await stageRows(chunks, {
      tableName: table.name,
      dir: this.stagingDir,
      encode: (rows, _chunk, out) => rows.write(names, csvRowFormat, out),
      encodeIds: writeCsvLines,
      maxLongValueBytes: LONG_VALUE_BYTES_PER_LOAD,
    });
    return stagedLoad(staged, (marker) => this.withConnection((session) => loadIntoDuckDB(session, table, staged, marker)));
  }

  async loadedSeqs(schema: string): Promise<ReadonlyMap<string, number>> {
    validateIdentifier(schema, 'schema');
    // Asking must not create the file as a side effect.
    if (!existsSync(this.path)) return new Map();
    return this.withConnection((session) => loadedSeqsIn(session, schema));
  }

  /** Opens the file once for all of `work`; calls inside it reuse that connection, and it is closed afterwards. */
  async withSession<T>(work: () => Promise<T>): Promise<T> {
    return this.session(() => work());
  }

  /** Nothing stays open between operations, so there is nothing to release. */
  async close(): Promise<void> {}

  private async session<T>(work: (open: OpenSession) => Promise<T>): Promise<T> {
    const current = currentSession.getStore();
    if (current?.owner === this) return work(current);
    return this.fileMutex.run(async () => {
      const open: OpenSession = { owner: this, session: await DuckDBSession.open(this.path, this.retry), turns: new Mutex() };
      try {
        return await currentSession.run(open, () => work(open));
      } finally {
        await open.session.close();
      }
    });
  }

  private async withConnection<T>(operation: (session: DuckDBSession) => Promise<T>): Promise<T> {
    return this.session((open) => open.turns.run(() => operation(open.session)));
  }
}
