// The SourceService over the control store, the secret box and the sync: what the HTTP API, web UI and CLI call.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { allCollections } from '../collections/all-collections.js';
import { collectionNames } from '../collections/collection.js';
import { ControlStoreConflictError } from '../control/control-errors.js';
import type { ControlStore } from '../control/control-store.js';
import type { SourceRecord } from '../control/store-records.js';
import { isProcessAlive } from '../pid-lock.js';
import { dueAt } from '../scheduler/schedule.js';
import type { SchedulerHost } from '../scheduler/scheduler-host.js';
import { loadSecretBox } from '../secrets/load-secret-box.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { runFlush } from '../sync/run-flush.js';
import { runSync } from '../sync/run-sync.js';
import { TableShape } from '../sync/table-shape.js';
import { authenticateCredentials } from './authenticate-credentials.js';
import { RunMetrics } from './run-metrics.js';
import { inputOf, mergePatch, validateSource, type SourceSecrets } from './source-fields.js';
import { buildOverview } from './source-overview.js';
import { SourceRuns, runOwner, type FlushFunction, type SyncFunction } from './source-runs.js';
import { ConflictError, InvalidInputError, NotFoundError, type SourceService, type SourceView, type TablePreview } from './source-service.js';
import { toRunView, toSourceView } from './source-views.js';
import { WarehouseReads } from './warehouse-reads.js';

export interface SourceServiceOptions {
  /** The data directory: hubs and source state live under it, and the default DuckDB warehouse. */
  readonly home: string;
  readonly store: ControlStore;
  readonly logger: Logger;
  /** Default: the key from TWILIO_SOURCE_SECRET_KEY in `env`, or `<home>/secret.key`. */
  readonly secrets?: SecretBox;
  readonly env?: NodeJS.ProcessEnv;
  /** Default: the system clock. Only `now` is used here; the scheduler has its own clock. */
  readonly now?: () => Date;
  /** Test seams: default runSync and runFlush. */
  readonly sync?: SyncFunction;
  readonly flush?: FlushFunction;
}

/** The service plus what the scheduler drives it by, and a close that waits for runs. */
export interface ManagedSourceService extends SourceService, SchedulerHost {
  /** Waits until every run started in this process has ended; the store stays open (its opener closes it). */
  close(): Promise<void>;
}

export async function createSourceService(options: SourceServiceOptions): Promise<ManagedSourceService> {
  const { home, store, logger } = options;
  const now = options.now ?? (() => new Date());
  const box = options.secrets ?? (await loadSecretBox({ home, ...(options.env ? { env: options.env } : {}) }));
  const openSecrets = async (source: SourceRecord): Promise<SourceSecrets> => {
    const sealed = await store.getCredentials(source.id);
    if (!sealed) throw new NotFoundError(`The credentials of "${source.name}" are missing: enter them again in its settings`);
    return JSON.parse(box.open(sealed, source.id)) as SourceSecrets;
  };
  await failInterruptedRuns(store, now, logger);
  const metrics = new RunMetrics(await store.runTotals());
  const runs = new SourceRuns({ store, home, logger, now, metrics, openSecrets, sync: options.sync ?? ((settings, dir) => runSync(settings, dir)), flush: options.flush ?? ((input) => runFlush(input)) });
  const reads = new WarehouseReads(runs, logger);
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of listeners) listener();
  };
  runs.onFinished(changed);

  const record = async (id: string): Promise<SourceRecord> => {
    const found = await store.getSource(id);
    if (!found) throw new NotFoundError(`No source with id ${id}: list the sources to find its id`);
    return found;
  };
  const view = async (source: SourceRecord): Promise<SourceView> => {
    const last = (await store.listRuns(source.id, 1))[0] ?? null;
    return toSourceView(source, last, nextRunAt(source, last?.startedAt ?? null));
  };
  const checkSchemaFree = async (source: SourceRecord): Promise<void> => {
    const other = (await store.listSources()).find((s) => s.id !== source.id && s.warehouse === source.warehouse && s.schema === source.schema);
    if (other) throw schemaTaken(source, other.name);
  };
  const save = async (source: SourceRecord, secrets: SourceSecrets | null, insert: boolean): Promise<void> => {
    const sealed = secrets === null ? null : box.seal(JSON.stringify(secrets), source.id);
    try {
      if (insert && sealed) await store.insertSource(source, sealed);
      else await store.updateSource(source, sealed);
    } catch (error) {
      if (error instanceof ControlStoreConflictError) throw schemaTaken(source, 'another source');
      throw error;
    }
    changed();
  };

  const service: ManagedSourceService = {
    async listSources() {
      const [sources, last] = await Promise.all([store.listSources(), store.lastRuns()]);
      return sources.map((source) => toSourceView(source, last.get(source.id) ?? null, nextRunAt(source, last.get(source.id)?.startedAt ?? null)));
    },
    async getSource(id) {
      return view(await record(id));
    },
    async createSource(input) {
      const id = `src_${randomBytes(8).toString('hex')}`;
      const at = now().toISOString();
      const { record: source, secrets } = await validateSource(input, { id, createdAt: at, now: at, home });
      await checkSchemaFree(source);
      await save(source, secrets, true);
      logger.info({ sourceId: id, name: source.name, schema: source.schema }, 'source created');
      return view(source);
    },
    async updateSource(id, patch) {
      const existing = await record(id);
      const secrets = await openSecrets(existing);
      const merged = mergePatch(inputOf(existing, secrets), existing, patch);
      const next = await validateSource(merged, { id, createdAt: existing.createdAt, now: now().toISOString(), home });
      await checkSchemaFree(next.record);
      await save(next.record, JSON.stringify(next.secrets) === JSON.stringify(secrets) ? null : next.secrets, false);
      logger.info({ sourceId: id, fields: typeof patch === 'object' && patch !== null ? Object.keys(patch) : [] }, 'source updated');
      return view(next.record);
    },
    async deleteSource(id) {
      const source = await record(id);
      if (runs.isBusy(id)) throw new ConflictError(`"${source.name}" is running: disable it, wait for the run to finish, then delete it`);
      await store.deleteSource(id);
      changed();
      logger.info({ sourceId: id }, 'source deleted');
    },
    async setEnabled(id, enabled) {
      const source = { ...(await record(id)), enabled, updatedAt: now().toISOString() };
      await save(source, null, false);
      logger.info({ sourceId: id, enabled }, enabled ? 'source enabled' : 'source disabled');
      return view(source);
    },
    authenticate: (input) => authenticateCredentials(input),
    previewTables(collections) {
      return collections.map((name, index): TablePreview => {
        if (!(collectionNames as readonly string[]).includes(name)) throw new InvalidInputError(`collections.${index}`, `must be among ${collectionNames.join(', ')}`);
        return { table: name, columns: new TableShape('preview', allCollections[name]).def.columns.map((column) => ({ name: column.name, type: column.type })) };
      });
    },
    async triggerRun(id, { full }) {
      const started = await runs.start(await record(id), full ? 'full' : 'manual');
      return started.run;
    },
    async listRuns(sourceId, limit) {
      if (sourceId !== null) await record(sourceId);
      return (await store.listRuns(sourceId, Math.min(Math.max(Math.trunc(limit) || 1, 1), 1000))).map(toRunView);
    },
    async overview(id) {
      const source = await record(id);
      const history = await store.listRuns(id, 100);
      // Credentials this process cannot open (another key) leave the totals unknown rather than failing the page.
      const secrets = await openSecrets(source).catch(() => null);
      const stats = secrets === null ? null : await reads.stats(source, secrets);
      return buildOverview(toSourceView(source, history[0] ?? null, nextRunAt(source, history[0]?.startedAt ?? null)), history, stats);
    },
    async metrics() {
      const pending = new Map<string, number>();
      for (const source of await store.listSources()) {
        const count = await reads.pendingBatches(source, await openSecrets(source).catch(() => null), home);
        if (count !== null) pending.set(source.id, count);
      }
      return metrics.render(pending);
    },
    async scheduledSources() {
      const [sources, last] = await Promise.all([store.listSources(), store.lastRuns()]);
      return sources.map((source) => {
        const started = last.get(source.id)?.startedAt;
        return { id: source.id, enabled: source.enabled, schedule: source.schedule, warehouseSchedule: source.warehouseSchedule, createdAt: new Date(source.createdAt), lastRunStartedAt: started ? new Date(started) : null };
      });
    },
    async startScheduledRun(id, trigger) {
      const source = await store.getSource(id);
      if (!source?.enabled || runs.isBusy(id)) return null;
      try {
        return { done: (await runs.start(source, trigger)).done };
      } catch (error) {
        if (error instanceof ConflictError) return null;
        throw error;
      }
    },
    async startWarehouseRun(id) {
      const source = await store.getSource(id);
      if (!source?.enabled || runs.isBusy(id)) return null;
      return { done: runs.flush(source) };
    },
    isBusy: (id) => runs.isBusy(id),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => runs.idle(),
  };
  return service;
}

/** When the source is next due on its schedule, or null while it is disabled. */
function nextRunAt(source: SourceRecord, lastStart: string | null): Date | null {
  if (!source.enabled) return null;
  return dueAt(source.schedule, lastStart === null ? null : new Date(lastStart), new Date(source.createdAt));
}

function schemaTaken(source: SourceRecord, by: string): ConflictError {
  return new ConflictError(`schema: "${source.schema}" is already used by ${by === 'another source' ? by : `"${by}"`} in warehouse ${source.warehouse}: choose another schema name`);
}

/**
 * Runs left 'running' by a process that is gone can never finish: record them as failed so they stop blocking
 * their source. Embedded store: only one process uses it, so every such run is stale; PostgreSQL: only runs of
 * this host whose process is dead (or had our pid before a restart).
 */
async function failInterruptedRuns(store: ControlStore, now: () => Date, logger: Logger): Promise<void> {
  for (const run of await store.runningRuns()) {
    const [host, pidText] = [run.owner.slice(0, run.owner.lastIndexOf(':')), run.owner.slice(run.owner.lastIndexOf(':') + 1)];
    const pid = Number(pidText);
    const stale = store.db.engine === 'embedded' || (host === hostname() && (run.owner === runOwner || !isProcessAlive(pid)));
    if (!stale) continue;
    await store.finishRun(run.id, {
      status: 'failed',
      finishedAt: now().toISOString(),
      collections: [],
      notices: [],
      error: `Interrupted: the process running it (${run.owner}) stopped before it finished; the next run picks up where it left off`,
      requests: 0,
      retries: 0,
      rateLimited: 0,
    });
    logger.warn({ sourceId: run.sourceId, runId: run.id }, 'marked an interrupted run as failed');
  }
}
