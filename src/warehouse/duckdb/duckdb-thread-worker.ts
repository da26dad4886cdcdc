// The worker side of DuckDB's thread (duckdb-thread.ts): it holds the open files and steps each statement's tasks
// itself, so with `threads = 1` DuckDB's work runs here and not on libuv's pool.
import { parentPort } from 'node:worker_threads';
import { DuckDBInstance, DuckDBPendingResultState, type DuckDBConnection } from '@duckdb/node-api';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SqlParam, SqlRow } from '../sql-session.js';
import type { ThreadReply, ThreadRequest } from './duckdb-thread.js';

const port = parentPort;
if (port === null) throw new Error('duckdb-thread-worker.js runs as a worker thread (duckdb-thread.ts starts it)');

interface OpenFile {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
}

const files = new Map<number, OpenFile>();

port.on('message', ({ id, ...request }: ThreadRequest & { readonly id: number }) => {
  serve(request).then(
    (rows) => port.postMessage({ id, rows } satisfies ThreadReply),
    (error: unknown) => port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies ThreadReply),
  );
});

async function serve(request: ThreadRequest): Promise<SqlRow[]> {
  switch (request.op) {
    case 'open': {
      const instance = await DuckDBInstance.create(request.path);
      try {
        files.set(request.file, { instance, connection: await instance.connect() });
      } catch (error) {
        instance.closeSync();
        throw error;
      }
      return [];
    }
    case 'create':
      (await DuckDBInstance.create(request.path)).closeSync();
      return [];
    case 'query':
      return run(open(request.file).connection, request.sql, request.params);
    case 'close': {
      const file = open(request.file);
      files.delete(request.file);
      file.connection.closeSync();
      file.instance.closeSync();
      return [];
    }
  }
}

function open(file: number): OpenFile {
  const found = files.get(file);
  if (found === undefined) throw new Error(`DuckDB file #${file} is not open on this thread`);
  return found;
}

/** Preparing and reading the result still go through libuv's pool; the statement's tasks run here, one after another. */
async function run(connection: DuckDBConnection, sql: string, params: readonly SqlParam[]): Promise<SqlRow[]> {
  const pending = await connection.start(sql, params.length > 0 ? [...params] : undefined);
  for (let state = pending.runTask(); state !== DuckDBPendingResultState.RESULT_READY; state = pending.runTask()) {
    // Only when the tasks wait on something outside them; with one thread that does not happen in practice.
    if (state === DuckDBPendingResultState.NO_TASKS_AVAILABLE) await sleep(1);
  }
  return (await pending.readAll()).getRowObjectsJS();
}
