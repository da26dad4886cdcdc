// The one interface the sync code uses to write to a warehouse; one implementation per engine.
import type { RowChunk } from './stage-rows.js';
import type { Column, Row, TableDef } from './table.js';

/** Marks which hub batch a load covers, so a reload after a crash can be recognised and skipped. */
export interface LoadMarker {
  /** The hub stream, e.g. `messages`. */
  readonly stream: string;
  readonly seq: number;
}

/** Where an engine stages a load's rows before committing them. */
export interface StagingOptions {
  /** A folder for the scratch files (default: the system's temp directory, which may be memory-backed). */
  readonly stagingDir?: string;
}

/** A load's rows written out (not yet in the table); `commit` loads them, `discard` drops them. */
export interface StagedLoad {
  /** Distinct ids staged. */
  readonly rows: number;
  /**
   * In one transaction: upserts the staged rows by `id` and records the marker as loaded. Commits of one stream must
   * be made in sequence order, each after the previous one resolved. Removes the staged files either way.
   */
  commit(marker: LoadMarker): Promise<void>;
  discard(): Promise<void>;
}

export interface Destination {
  readonly engine: 'duckdb' | 'postgres';
  /**
   * The rows a load holds at most: loads are of whole hub batches, so a load ends before the batch that would take
   * it past this (a single larger batch is a load of its own).
   */
  readonly rowsPerLoad: number;
  /**
   * Creates the schema and table when missing and adds the columns it lacks; never drops, renames or retypes.
   * Returns the table's columns as they now are (an existing column keeps its existing type).
   */
  ensureTable(table: TableDef): Promise<readonly Column[]>;
  /**
   * In one transaction: upserts the rows by `id` (for an id present several times, the last row wins) and records
   * the marker as loaded. Rows must already fit the columns `ensureTable` returned. Only the definition's columns are
   * written: a key a row lacks is NULL, a column of the table the definition omits keeps its value on update, a
   * non-finite number loads as NULL, and in text a lone UTF-16 surrogate becomes U+FFFD and NUL is dropped (PostgreSQL
   * cannot store it), identically in every engine. Several consecutive batches of one stream may be loaded together under the
   * marker of the last one, since a stream's loaded seq is its highest.
   */
  load(table: TableDef, rows: readonly Row[], marker: LoadMarker): Promise<void>;
  /**
   * Writes rows out for one load as `load` would load them (an id in several chunks: the last chunk's row wins),
   * holding one chunk in memory at a time and touching no table, so the next load can be staged while one commits.
   * A chunk is rows, or TextRows that write themselves (each id once). An engine may stop taking chunks before
   * the last, when the load holds as many long values as it takes at once: the load holds the chunks taken.
   */
  stage(table: TableDef, chunks: Iterable<RowChunk> | AsyncIterable<RowChunk>): Promise<StagedLoad>;
  /** The highest loaded seq per stream of a schema (streams never loaded are absent). */
  loadedSeqs(schema: string): Promise<ReadonlyMap<string, number>>;
  /**
   * Runs `work` (which calls this destination's methods) holding one connection for all of it: DuckDB opens its file
   * once for the whole warehouse run instead of once per call, and closes it afterwards so other tools can read it.
   * Optional so that test doubles need not implement it; both engines do.
   */
  withSession?<T>(work: () => Promise<T>): Promise<T>;
  /** Releases the engine's resources (PostgreSQL: ends the pool); the destination cannot be used afterwards. */
  close(): Promise<void>;
}
