// A warehouse run by hand or after a source run: opens the warehouse only for the load, and turns a warehouse
// that is busy or down into a report (the data waits safely in the hub) instead of a crash.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Hub } from '../hub/hub.js';
import { RunLockedError } from '../hub/hub-errors.js';
import { acquireRunLock } from '../hub/run-lock.js';
import { openDestination } from '../warehouse/open-destination.js';
import { WarehouseBusyError, WarehouseUnavailableError } from '../warehouse/warehouse-errors.js';
import { sourceHome } from './source-home.js';
import { runWarehouse, type TableLoad } from './warehouse-run.js';

const DAY = 86_400_000;

export interface FlushInput {
  readonly warehouse: string;
  readonly schema: string;
  readonly home: string;
  /** How long loaded batches stay in the hub. */
  readonly retentionMs?: number;
  /** The hub a source run of this process appends to, and that run's end: load its batches as they come. */
  readonly follow?: { readonly hub: Hub; readonly until: Promise<unknown> };
}

export interface FlushReport {
  readonly tables: readonly TableLoad[];
  readonly notices: readonly string[];
  /** Set when the warehouse could not be loaded; the batches stay pending in the hub. */
  readonly error?: string;
}

export async function runFlush(input: FlushInput, onProgress?: (table: string, rows: number) => void): Promise<FlushReport> {
  const dir = sourceHome(input.home, input.warehouse, input.schema);
  const hub = input.follow?.hub ?? (await Hub.open(dir));
  let release;
  try {
    release = await acquireRunLock(join(dir, 'warehouse.lock'), 'warehouse run');
  } catch (error) {
    if (!(error instanceof RunLockedError)) throw error;
    return { tables: [], notices: [`${error.message}; it or the next warehouse run loads what this run read`] };
  }
  try {
    // Loads stage their rows beside the hub, on the disk the user gave the data, not in a memory-backed /tmp; what a
    // crashed run left there is only scratch, and this run holds the lock.
    const staging = join(dir, 'staging');
    await rm(staging, { recursive: true, force: true });
    const destination = openDestination(input.warehouse, { stagingDir: staging });
    try {
      const run = () =>
        runWarehouse({
          hub,
          destination,
          schema: input.schema,
          retentionMs: input.retentionMs ?? DAY,
          ...(onProgress ? { onProgress } : {}),
          ...(input.follow ? { follow: input.follow.until } : {}),
        });
      // One session for the whole run: a DuckDB file is opened once, and released as soon as the run ends.
      return await (destination.withSession ? destination.withSession(run) : run());
    } finally {
      await destination.close();
    }
  } catch (error) {
    // A warehouse that is down or busy is an outage, not a failure of the run: the batches wait in the hub.
    if (!(error instanceof WarehouseBusyError || error instanceof WarehouseUnavailableError)) throw error;
    const message = error.message;
    return { tables: [], notices: [`The warehouse was not loaded: ${message}. The data waits in the hub; the next warehouse run loads it.`], error: message };
  } finally {
    await release();
  }
}
