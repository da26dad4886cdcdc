// Runs a statement on DuckDB's own worker thread while the caller only waits, so one thread does all of DuckDB's work.
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { DuckDBPendingResult, DuckDBPreparedStatement } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import type { SqlParam, SqlRow } from '../sql-session.js';

/** Checks on the next turns of the event loop first (most statements take well under a millisecond), then each ms. */
const QUICK_CHECKS = 16;

/**
 * The node API runs a statement on whichever thread of libuv's pool picks it up, and that thread executes its tasks;
 * DuckDB keeps memory per thread that ran them, so a sync's loads, spread over the pool's four threads, peaked
 * ~100 MB higher than on one (measured by loading row groups of messages alone, and with npm run bench). Here the
 * pool's thread only prepares the statement and reads its result, the session's second thread (threads = 2 in
 * duckdb-session.ts) executes it, and the caller polls its state, which runs none of its tasks.
 */
export async function runOnDuckDBThread(connection: duckdb.Connection, sql: string, params: readonly SqlParam[] = []): Promise<SqlRow[]> {
  const prepared = await duckdb.prepare(connection, sql);
  try {
    if (params.length > 0) new DuckDBPreparedStatement(prepared).bind([...params]);
    const pending = duckdb.pending_prepared(prepared);
    await executed(pending);
    const reader = await new DuckDBPendingResult(pending).readAll();
    return reader.getRowObjects();
  } finally {
    duckdb.destroy_prepare_sync(prepared);
  }
}

/**
 * Until DuckDB's worker has finished (or failed) the statement. A finished statement's state reads as ERROR with no
 * message in this version of the bindings; reading its result then works.
 */
async function executed(pending: duckdb.PendingResult): Promise<void> {
  for (let checks = 0; ; checks++) {
    const state = duckdb.pending_execute_check_state(pending);
    if (state === duckdb.PendingState.ERROR) {
      const message = duckdb.pending_error(pending);
      if (message !== '') throw new Error(message);
      return;
    }
    if (state === duckdb.PendingState.RESULT_READY) return;
    await (checks < QUICK_CHECKS ? nextTurn() : sleep(1));
  }
}
