// Glances at the warehouse for the overview and metrics, never while a run of this process may be writing a DuckDB
// file (two instances on one file in one process are unsafe): then the last numbers read are used instead.
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { collectionNames } from '../collections/collection.js';
import type { SourceRecord } from '../control/store-records.js';
import { Hub } from '../hub/hub.js';
import { sourceHome } from '../sync/source-home.js';
import type { SourceSecrets } from './source-fields.js';
import { scrub, type SourceRuns } from './source-runs.js';
import { readWarehouseStats, type WarehouseStats } from './warehouse-stats.js';
import { duckdbPathOf } from './warehouse-url.js';

export class WarehouseReads {
  readonly #runs: SourceRuns;
  readonly #logger: Logger;
  readonly #cache = new Map<string, WarehouseStats>();

  constructor(runs: SourceRuns, logger: Logger) {
    this.#runs = runs;
    this.#logger = logger;
  }

  /** Rows per table and loaded batches now, or the last ones read when the warehouse is busy or down (null if none). */
  async stats(source: SourceRecord, secrets: SourceSecrets): Promise<WarehouseStats | null> {
    const key = `${source.id}|${source.warehouse}|${source.schema}`;
    const path = duckdbPathOf(secrets.warehouse);
    if (path !== null && this.#runs.warehouseInUse(path)) return this.#cache.get(key) ?? null;
    const read = (): Promise<WarehouseStats> => readWarehouseStats(secrets.warehouse, source.schema, collectionNames);
    try {
      const stats = path === null ? await read() : await this.#runs.reading(path, read);
      this.#cache.set(key, stats);
      return stats;
    } catch (error) {
      this.#logger.debug({ sourceId: source.id, error: scrub(error instanceof Error ? error.message : String(error), secrets) }, 'warehouse not readable now');
      return this.#cache.get(key) ?? null;
    }
  }

  /** Hub batches of the source not yet loaded into its warehouse; null when that cannot be told now. */
  async pendingBatches(source: SourceRecord, secrets: SourceSecrets | null, home: string): Promise<number | null> {
    if (!secrets) return null;
    const dir = sourceHome(home, secrets.warehouse, source.schema);
    if (!existsSync(dir)) return 0;
    const stats = await this.stats(source, secrets);
    if (!stats) return null;
    const hub = await Hub.open(dir);
    let pending = 0;
    for (const stream of await hub.streams()) pending += (await hub.pending(stream, stats.loaded.get(hub.streamKey(stream)) ?? 0)).length;
    return pending;
  }
}
