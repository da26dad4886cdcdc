// One open DuckDB file: opened with bounded retries while another process holds its lock, closed after a unit of work.
import { existsSync } from 'node:fs';
import { link, mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SqlParam, SqlRow, SqlSession } from '../sql-session.js';
import type { Column } from '../table.js';
import { createDuckDBFile, openDuckDBFile, type DuckDBFile } from './duckdb-thread.js';
import type { IdFilter } from './id-filter.js';
import { syncDirectory } from '../../hub/write-file-durably.js';
import { WarehouseBusyError, WarehouseUnavailableError } from '../warehouse-errors.js';

export interface BusyRetry {
  /** How many times to retry opening a file another process holds (default 6). */
  readonly retries: number;
  /** The first wait; each retry doubles it, capped at 5 s (default 250 ms). */
  readonly delayMs: number;
}

const LOCK_CONFLICT = /Could not set lock on file|Conflicting lock/i;

export class DuckDBSession implements SqlSession {
  private constructor(
    private readonly file: DuckDBFile,
    /** The file's catalog name (its base name), used to qualify every table; see qualifiedSchema. */
    readonly catalog: string,
  ) {}

  /**
   * Tables' columns as this session last read or made them, keyed `schema.table`. Safe to reuse while the session
   * lasts because it holds the file's lock, so nobody else can alter a table meanwhile.
   */
  readonly knownColumns = new Map<string, readonly Column[]>();
  /**
   * Per table `schema.table`: the ids this session loaded, when the table was empty at its first load in this session
   * (null when it was not, or once the filter was full). Holding the file's lock, the session is the table's only
   * writer, so those are all its ids.
   */
  readonly loadedIds = new Map<string, IdFilter | null>();

  static async open(path: string, retry: BusyRetry): Promise<DuckDBSession> {
    const file = await openFile(path, retry);
    try {
      const catalog = String((await file.query('SELECT current_database() AS name'))[0]?.['name']);
      const session = new DuckDBSession(file, catalog);
      await session.requireJson(path);
      // Zone-less timestamp text then means UTC, as it does for the PostgreSQL destination, whatever the host's zone.
      await session.query("SET TimeZone = 'UTC'");
      // DuckDB would otherwise take up to 80% of the machine's memory for its buffers; a sync needs little, and the
      // connector's footprint must stay flat however large the account. One thread: the loads keep up with reading
      // on it, and each further thread took its own buffers (with two, 128 MB ran out of memory on a load, and a sync
      // peaked ~100 MB higher at 256 MB for the same speed on this project's two cores, measured with npm run bench).
      // A load's long values stay within this limit (LONG_VALUE_BYTES_PER_LOAD in duckdb-destination.ts); DuckDB spills
      // the rest to disk. Not less: DuckDB holds a vector of 2,048 values in memory at once, long values and all, and at
      // 64 MB a checkpoint merging the row groups of 100 values of a megabyte failed, fatally for the open file
      // (warehouse-run.test.ts loads such values).
      await session.query('SET threads = 1');
      await session.query("SET memory_limit = '128MB'");
      // Its allocator otherwise keeps up to 128 MB freed by a load for the next; returned early, a sync's peak RSS
      // was ~50 MB lower at the same speed (measured with npm run bench).
      await session.query("SET allocator_flush_threshold = '8MB'");
      await session.query('SET allocator_background_threads = true');
      await session.query('SET preserve_insertion_order = false');
      return session;
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  query(sql: string, params: readonly SqlParam[] = []): Promise<SqlRow[]> {
    return this.file.query(sql, params);
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.query('BEGIN TRANSACTION');
    try {
      const result = await work();
      await this.query('COMMIT');
      return result;
    } catch (error) {
      // A failed statement can abort the transaction itself; the error to report is the statement's, not the ROLLBACK's.
      await this.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Closing the instance releases the file lock, so other processes (a user's DuckDB shell) can open the file. */
  close(): Promise<void> {
    return this.file.close();
  }

  /** Types json columns as JSON; without the built-in extension, say so. */
  private async requireJson(path: string): Promise<void> {
    const rows = await this.query("SELECT loaded FROM duckdb_extensions() WHERE extension_name = 'json'");
    if (rows[0]?.['loaded'] !== true) {
      throw new WarehouseUnavailableError(
        `DuckDB at ${path} lacks its built-in json extension: reinstall @duckdb/node-api from the official package`,
      );
    }
  }
}

async function openFile(path: string, retry: BusyRetry): Promise<DuckDBFile> {
  try {
    await mkdir(dirname(path), { recursive: true });
    if (!existsSync(path)) await createFile(path);
  } catch (error) {
    throw new WarehouseUnavailableError(`Cannot create DuckDB file ${path} or its directory: check their permissions`, {
      cause: error,
    });
  }
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await openDuckDBFile(path);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!LOCK_CONFLICT.test(message)) {
        throw new WarehouseUnavailableError(`Cannot open DuckDB file ${path} (${firstLine(message)}): check the path and its permissions`, {
          cause: error,
        });
      }
      if (attempt >= retry.retries) {
        const holder = /PID (\d+)/.exec(message)?.[1];
        throw new WarehouseBusyError(
          `DuckDB file ${path} is in use by another process${holder === undefined ? '' : ` (PID ${holder})`}: ` +
            'close it there (or wait for it to finish) and run again',
          { cause: error },
        );
      }
      await sleep(Math.min(retry.delayMs * 2 ** attempt, 5_000));
    }
  }
}

/**
 * A new file is made under a temporary name and linked into place: a process killed while DuckDB writes a new file's
 * first blocks left a file DuckDB could no longer open ("not a valid DuckDB database file"), failing every later
 * sync. The link fails when another process made the file meanwhile, and theirs is kept.
 */
async function createFile(path: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.creating-${process.pid}`);
  await rm(temp, { force: true });
  try {
    await createDuckDBFile(temp);
    await link(temp, path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    });
    await syncDirectory(dirname(path));
  } finally {
    await rm(temp, { force: true });
    await rm(`${temp}.wal`, { force: true });
  }
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
