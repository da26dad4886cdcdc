// The PostgreSQL warehouse: a small pool, DDL under an advisory lock, loads by COPY into a staging table then upsert.
import { crashPoint } from '../../crash-point.js';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Pool, type PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { checkTableDef } from '../check-table-def.js';
import { qualifiedName, quoteIdentifier } from '../identifiers.js';
import { loadedSeqsIn, recordLoad } from '../load-markers.js';
import { ensureTableIn } from '../table-sql.js';
import { stagedLoad, stageRows, type RowChunk, type StagedRows } from '../stage-rows.js';
import type { Destination, LoadMarker, StagedLoad, StagingOptions } from '../destination.js';
import type { SqlSession } from '../sql-session.js';
import type { Column, Row, TableDef } from '../table.js';
import { copyRowFormat } from './copy-text.js';
import { describeServer, isUnavailable, unavailable } from './postgres-errors.js';
import { postgresTypes } from './postgres-types.js';

export interface PostgresOptions extends StagingOptions {
  /** Connections in the pool (default 4): loads are bulk, so a few suffice. */
  readonly poolSize?: number;
  /** How long to wait for a connection before WarehouseUnavailableError (default 10 s). */
  readonly connectTimeoutMs?: number;
}

/**
 * Rows per load. Rows are staged to disk chunk by chunk, so a load's size costs no memory; larger loads mean fewer
 * transactions, and smaller ones an earlier first commit and a shorter wait for the last.
 */
const ROWS_PER_LOAD = 50_000;
const STAGE = '"_twilio_source_stage"';
/** The stage's extra column: the chunk a row came from, so the latest chunk's row of an id wins. */
const CHUNK = '"_twilio_source_chunk"';

export class PostgresDestination implements Destination {
  readonly engine = 'postgres';
  readonly rowsPerLoad = ROWS_PER_LOAD;
  readonly server: string;
  private readonly pool: Pool;
  private readonly stagingDir: string | undefined;

  constructor(url: string, options: PostgresOptions = {}) {
    this.server = describeServer(url);
    this.stagingDir = options.stagingDir;
    this.pool = new Pool({
      connectionString: url,
      max: options.poolSize ?? 4,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      // Zone-less timestamp text then means UTC, as it does for the DuckDB destination, whatever the server's zone.
      options: '-c TimeZone=UTC',
    });
    // An idle client losing its connection must not crash the process; the next checkout reconnects or reports it.
    this.pool.on('error', () => undefined);
  }

  async ensureTable(table: TableDef): Promise<readonly Column[]> {
    checkTableDef(table);
    return this.transaction(async (session) => {
      // Two runs creating tables in one schema at once would race on CREATE SCHEMA; serialise them per schema.
      await session.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`twilio-source:${table.schema}`]);
      return ensureTableIn(session, postgresTypes, table);
    });
  }

  async load(table: TableDef, rows: readonly Row[], marker: LoadMarker): Promise<void> {
    await (await this.stage(table, [rows])).commit(marker);
  }

  async stage(table: TableDef, chunks: Iterable<RowChunk> | AsyncIterable<RowChunk>): Promise<StagedLoad> {
    checkTableDef(table);
    const names = table.columns.map((column) => column.name);
    const staged = await stageRows(chunks, { tableName: table.name, dir: this.stagingDir, encode: (rows, chunk, out) => rows.write(names, copyRowFormat(chunk), out) });
    return stagedLoad(staged, (marker) =>
      this.transaction(async (session, client) => {
        if (staged.files.length > 0) await this.upsert(session, client, table, staged);
        crashPoint('warehouse:mid-load');
        await recordLoad(session, table.schema, marker);
        crashPoint('warehouse:before-commit');
      }),
    );
  }

  async loadedSeqs(schema: string): Promise<ReadonlyMap<string, number>> {
    return this.transaction((session) => loadedSeqsIn(session, schema));
  }

  /** The pool already shares connections across calls, so a session needs nothing more. */
  async withSession<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** COPY moves the rows with no bind parameters at all, far under PostgreSQL's 65,535 per statement. */
  private async upsert(session: SqlSession, client: PoolClient, table: TableDef, staged: StagedRows): Promise<void> {
    const target = qualifiedName(table.schema, table.name);
    const quoted = table.columns.map((column) => quoteIdentifier(column.name));
    await session.query(`CREATE TEMP TABLE ${STAGE} (LIKE ${target} INCLUDING DEFAULTS, ${CHUNK} integer) ON COMMIT DROP`);
    for (const file of staged.files) {
      await pipeline(createReadStream(file), client.query(copyFrom(`COPY ${STAGE} (${quoted.join(', ')}, ${CHUNK}) FROM STDIN`)));
    }
    const updates = quoted.filter((name) => name !== '"id"').map((name) => `${name} = excluded.${name}`);
    // An id staged in several chunks keeps its row from the latest one (one upsert may not touch a row twice).
    const rows = staged.repeats
      ? `SELECT DISTINCT ON ("id") ${quoted.join(', ')} FROM ${STAGE} ORDER BY "id", ${CHUNK} DESC`
      : `SELECT ${quoted.join(', ')} FROM ${STAGE} ORDER BY "id"`;
    // Sorted by id so concurrent loads into one table take row locks in the same order and cannot deadlock.
    await session.query(
      `INSERT INTO ${target} (${quoted.join(', ')}) ${rows}
       ON CONFLICT ("id") DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
    );
  }

  private async transaction<T>(work: (session: SqlSession, client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw unavailable(this.server, error);
    }
    const session: SqlSession = { query: async (sql, params) => (await client.query<Record<string, unknown>>(sql, params ? [...params] : [])).rows };
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(session, client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      broken = await client.query('ROLLBACK').then(() => false, () => true);
      throw isUnavailable(error) ? unavailable(this.server, error) : error;
    } finally {
      // A client whose ROLLBACK failed is in an unknown state: destroy it rather than return it to the pool.
      client.release(broken);
    }
  }
}
