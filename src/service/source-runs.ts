// Runs of sources in this process: one at a time per source (a source run or a warehouse run), each recorded in the
// store from start to result. A run that throws is recorded as failed with its message, secrets scrubbed out.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { ControlStoreConflictError } from '../control/control-errors.js';
import type { ControlStore } from '../control/control-store.js';
import type { RunRecord, RunResult, SourceRecord } from '../control/store-records.js';
import type { FlushInput, FlushReport } from '../sync/run-flush.js';
import type { SyncReport } from '../sync/run-sync.js';
import { syncSettingsSchema, type SyncSettings } from '../sync/sync-settings.js';
import { ConflictError, type RunTrigger, type RunView } from './source-service.js';
import { syncSettingsInput, type SourceSecrets } from './source-fields.js';
import type { RunMetrics } from './run-metrics.js';
import { toRunView } from './source-views.js';
import { duckdbPathOf } from './warehouse-url.js';

export type SyncFunction = (settings: SyncSettings, home: string) => Promise<SyncReport>;
export type FlushFunction = (input: FlushInput) => Promise<FlushReport>;

export interface SourceRunsDeps {
  readonly store: ControlStore;
  readonly home: string;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly metrics: RunMetrics;
  readonly openSecrets: (source: SourceRecord) => Promise<SourceSecrets>;
  readonly sync: SyncFunction;
  readonly flush: FlushFunction;
}

interface Slot {
  readonly kind: 'source' | 'warehouse';
  readonly warehousePath: string | null;
  readonly done: Promise<unknown>;
}

/** Identifies this process in a run row, so a later process can tell the runs a crash left behind. */
export const runOwner = `${hostname()}:${process.pid}`;

export class SourceRuns {
  readonly #deps: SourceRunsDeps;
  readonly #slots = new Map<string, Slot>();
  readonly #reads = new Map<string, Promise<unknown>>();
  readonly #listeners = new Set<() => void>();

  constructor(deps: SourceRunsDeps) {
    this.#deps = deps;
  }

  isBusy(sourceId: string): boolean {
    return this.#slots.has(sourceId);
  }

  /** Called whenever a run of any kind ends. */
  onFinished(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Records a run as running and starts it; `done` resolves with its final view (it never rejects). */
  async start(source: SourceRecord, trigger: RunTrigger): Promise<{ readonly run: RunView; readonly done: Promise<RunView> }> {
    this.#claim(source);
    let release!: () => void;
    const settled = new Promise<void>((resolve) => (release = resolve));
    this.#slots.set(source.id, { kind: 'source', warehousePath: null, done: settled });
    const id = `run_${randomBytes(8).toString('hex')}`;
    const startedAt = this.#deps.now().toISOString();
    try {
      await this.#deps.store.insertRun({ id, sourceId: source.id, trigger, owner: runOwner, startedAt });
    } catch (error) {
      this.#free(source.id, release);
      if (error instanceof ControlStoreConflictError) throw new ConflictError(`"${source.name}" is already running in another process: wait for that run to finish`);
      throw error;
    }
    this.#deps.logger.info({ sourceId: source.id, runId: id, trigger }, 'run started');
    const done = this.#execute(source, { id, sourceId: source.id, trigger, owner: runOwner, startedAt }).finally(() => this.#free(source.id, release));
    const run: RunView = { id, sourceId: source.id, trigger, status: 'running', startedAt, finishedAt: null, durationMs: null, collections: [], notices: [], error: null };
    return { run, done };
  }

  /** A warehouse run of its own (no Twilio reads); resolves when it ends. Never rejects: failures are logged. */
  async flush(source: SourceRecord): Promise<void> {
    this.#claim(source);
    let release!: () => void;
    const settled = new Promise<void>((resolve) => (release = resolve));
    let secrets: SourceSecrets | null = null;
    try {
      secrets = await this.#deps.openSecrets(source);
      this.#slots.set(source.id, { kind: 'warehouse', warehousePath: duckdbPathOf(secrets.warehouse), done: settled });
      await this.#reads.get(duckdbPathOf(secrets.warehouse) ?? '');
      const report = await this.#deps.flush({ warehouse: secrets.warehouse, schema: source.schema, home: this.#deps.home });
      this.#deps.metrics.recordRows(report.tables);
      this.#deps.logger.info({ sourceId: source.id, rows: report.tables.reduce((sum, t) => sum + t.rows, 0), warehouseError: report.error === undefined ? undefined : scrub(report.error, secrets) }, 'warehouse run finished');
    } catch (error) {
      this.#deps.logger.warn({ sourceId: source.id, error: scrub(messageOf(error), secrets) }, 'warehouse run failed');
    } finally {
      this.#free(source.id, release);
    }
  }

  /** Whether a run in this process may be writing the DuckDB file right now. */
  warehouseInUse(path: string): boolean {
    return [...this.#slots.values()].some((slot) => slot.warehousePath === path);
  }

  /** Runs a short read of a DuckDB file; source runs starting meanwhile wait for it before they could write. */
  async reading<T>(path: string, read: () => Promise<T>): Promise<T> {
    const work = read();
    const entry = work.catch(() => undefined);
    this.#reads.set(path, entry);
    try {
      return await work;
    } finally {
      if (this.#reads.get(path) === entry) this.#reads.delete(path);
    }
  }

  /** Resolves once every run started in this process has ended. */
  async idle(): Promise<void> {
    while (this.#slots.size > 0) await Promise.all([...this.#slots.values()].map((slot) => slot.done));
  }

  #claim(source: SourceRecord): void {
    const slot = this.#slots.get(source.id);
    if (slot) throw new ConflictError(`A ${slot.kind} run of "${source.name}" is in progress: wait for it to finish, then try again`);
  }

  #free(sourceId: string, release: () => void): void {
    this.#slots.delete(sourceId);
    release();
    for (const listener of this.#listeners) listener();
  }

  async #execute(source: SourceRecord, started: Pick<RunRecord, 'id' | 'sourceId' | 'trigger' | 'owner' | 'startedAt'>): Promise<RunView> {
    const { store, logger } = this.#deps;
    const { id, trigger } = started;
    let secrets: SourceSecrets | null = null;
    let result: RunResult;
    try {
      secrets = await this.#deps.openSecrets(source);
      const path = duckdbPathOf(secrets.warehouse);
      const slot = this.#slots.get(source.id);
      if (slot) this.#slots.set(source.id, { ...slot, warehousePath: path });
      await this.#reads.get(path ?? '');
      const settings = syncSettingsSchema.parse(syncSettingsInput(source, secrets, trigger === 'full'));
      result = resultOf(await this.#deps.sync(settings, this.#deps.home), this.#deps.now());
    } catch (error) {
      result = { status: 'failed', finishedAt: this.#deps.now().toISOString(), collections: [], notices: [], error: scrub(messageOf(error), secrets), requests: 0, retries: 0, rateLimited: 0 };
    }
    result = { ...result, error: result.error === null ? null : scrub(result.error, secrets), notices: result.notices.map((notice) => scrub(notice, secrets)) };
    try {
      await store.finishRun(id, result);
    } catch (error) {
      logger.error({ sourceId: source.id, runId: id, error: messageOf(error) }, 'could not record the end of a run');
    }
    if (result.status !== 'running') this.#deps.metrics.recordRun({ ...result, status: result.status });
    logger.info({ sourceId: source.id, runId: id, status: result.status, error: result.error }, 'run finished');
    return toRunView({ ...started, ...result });
  }
}

function resultOf(report: SyncReport, finished: Date): RunResult {
  const failed = report.collections.find((collection) => collection.status === 'failed');
  const error = report.warehouseError ?? (report.status !== 'success' && failed ? `${failed.name}: ${failed.error ?? 'failed'}` : null);
  return {
    status: report.status,
    finishedAt: finished.toISOString(),
    collections: report.collections,
    notices: report.notices,
    error,
    requests: report.requests,
    retries: report.retries,
    rateLimited: report.rateLimited,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Removes any secret of the source from a message, however the error that carried it was built. */
export function scrub(message: string, secrets: SourceSecrets | null): string {
  if (!secrets) return message;
  const password = URL.canParse(secrets.warehouse) ? decodeURIComponent(new URL(secrets.warehouse).password) : '';
  let clean = message;
  // The warehouse URL only when it holds a password: a DuckDB path in a message helps and hides nothing.
  for (const secret of [password === '' ? undefined : secrets.warehouse, secrets.authToken, secrets.apiSecret, password]) {
    if (secret !== undefined && secret.length >= 4) clean = clean.split(secret).join('[redacted]');
  }
  return clean;
}
