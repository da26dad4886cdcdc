// DuckDB's thread: every open DuckDB file of the process lives on one worker thread, which runs each statement's tasks
// itself. Run from the main thread, the node API hands each statement to whichever of libuv's four pool threads is
// free, and the memory DuckDB freed on each of them stayed with the process: a bench sync at `--scale 0.4` peaked
// ~35 MB lower with the work on this thread, at the same speed (paired runs of npm run bench).
import { Worker } from 'node:worker_threads';
import type { SqlParam, SqlRow } from '../sql-session.js';
import { WarehouseUnavailableError } from '../warehouse-errors.js';

export type ThreadRequest =
  | { readonly op: 'open'; readonly file: number; readonly path: string }
  | { readonly op: 'create'; readonly path: string }
  | { readonly op: 'query'; readonly file: number; readonly sql: string; readonly params: readonly SqlParam[] }
  | { readonly op: 'close'; readonly file: number };

export type ThreadReply = { readonly id: number; readonly rows: SqlRow[] } | { readonly id: number; readonly error: string };

/** One open file on DuckDB's thread; the caller runs one statement at a time. */
export interface DuckDBFile {
  query(sql: string, params?: readonly SqlParam[]): Promise<SqlRow[]>;
  /** Resolves once DuckDB has closed the file and released its lock. */
  close(): Promise<void>;
}

/** Opens `path` (which must exist) on DuckDB's thread; DuckDB's own error, e.g. a lock conflict, rejects as is. */
export async function openDuckDBFile(path: string): Promise<DuckDBFile> {
  const thread = runningThread();
  const file = (nextFile += 1);
  await thread.request({ op: 'open', file, path });
  return {
    query: (sql, params = []) => thread.request({ op: 'query', file, sql, params }),
    close: async () => {
      // A thread that stopped took its files with it: nothing is left to close.
      if (thread.stopped === undefined) await thread.request({ op: 'close', file });
    },
  };
}

/** Creates an empty DuckDB file at `path` and closes it. */
export async function createDuckDBFile(path: string): Promise<void> {
  await runningThread().request({ op: 'create', path });
}

let current: DuckDBThread | undefined;
let nextFile = 0;

function runningThread(): DuckDBThread {
  if (current === undefined || current.stopped !== undefined) current = new DuckDBThread();
  return current;
}

class DuckDBThread {
  /** Why the worker stopped; every later request fails with it. */
  stopped: WarehouseUnavailableError | undefined;
  private readonly worker = new Worker(workerScript());
  private readonly waiting = new Map<number, { resolve: (rows: SqlRow[]) => void; reject: (error: Error) => void }>();
  private nextRequest = 0;

  constructor() {
    // Idle, the thread must not keep the process alive; while a statement runs it must (see request).
    this.worker.unref();
    this.worker.on('message', (reply: ThreadReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) this.worker.unref();
      if ('error' in reply) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.rows);
    });
    this.worker.on('error', (error) => this.stop(error.message));
    this.worker.on('exit', (code) => this.stop(`exit code ${code}`));
  }

  request(request: ThreadRequest): Promise<SqlRow[]> {
    if (this.stopped !== undefined) return Promise.reject(this.stopped);
    const id = (this.nextRequest += 1);
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...request });
    });
  }

  private stop(reason: string): void {
    this.stopped ??= new WarehouseUnavailableError(`DuckDB's thread stopped (${reason}): run again`);
    for (const waiter of this.waiting.values()) waiter.reject(this.stopped);
    this.waiting.clear();
  }
}

/** The worker's compiled script beside this one; tests run this module from src/ and use the built one (npm test builds first). */
function workerScript(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../../../dist/warehouse/duckdb/duckdb-thread-worker.js', import.meta.url)
    : new URL('./duckdb-thread-worker.js', import.meta.url);
}
