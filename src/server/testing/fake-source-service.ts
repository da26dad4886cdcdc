// An in-memory SourceService for the HTTP API's own tests: the contract's behaviour (validation, masking,
// conflicts, runs) without Twilio, a store or a warehouse.
import { randomUUID } from 'node:crypto';
import { allCollections } from '../../collections/all-collections.js';
import { collectionNames, type CollectionName } from '../../collections/collection.js';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  sourceInputSchema,
  type AuthenticationResult,
  type RunView,
  type SourceInput,
  type SourceOverview,
  type SourcePatch,
  type SourceService,
  type SourceView,
  type TablePreview,
} from '../../service/source-service.js';

interface Stored {
  view: SourceView;
  secret: string;
}

/** The Auth Token the fake accepts in `authenticate`; any other is refused as Twilio would. */
export const fakeGoodToken = 'a'.repeat(32);

export function createFakeSourceService(): SourceService & { readonly calls: string[] } {
  const sources = new Map<string, Stored>();
  const runs: RunView[] = [];
  const calls: string[] = [];
  const find = (id: string): Stored => {
    const stored = sources.get(id);
    if (!stored) throw new NotFoundError(`no source with id ${id}`);
    return stored;
  };
  const toView = (input: SourceInput, id: string, createdAt: string): Stored => {
    const parsed = sourceInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidInputError(issue?.path.join('.') ?? '', issue?.message ?? 'is invalid');
    }
    const value = parsed.data;
    if ((value.authToken === undefined) === (value.apiKey === undefined)) throw new InvalidInputError('authToken', 'give either an Auth Token or an API key and secret');
    if (value.apiKey !== undefined && value.apiSecret === undefined) throw new InvalidInputError('apiSecret', 'an API key needs its secret');
    if (value.subaccount !== null && value.includeSubaccounts) throw new InvalidInputError('subaccount', 'choose one subaccount or all of them, not both');
    if (!/^\d+[mhd]$|^\S+( \S+){4}$/.test(value.schedule)) throw new InvalidInputError('schedule', 'must be an interval like 3h or a cron expression');
    const schema = value.schema ?? value.name.toLowerCase().replace(/[^a-z0-9]+/g, '_');
    for (const other of sources.values()) {
      if (other.view.id !== id && other.view.schema === schema) throw new ConflictError(`schema ${schema} is already used by source ${other.view.name}`);
    }
    const secret = value.authToken ?? value.apiSecret ?? '';
    const view: SourceView = {
      id,
      name: value.name,
      labels: value.labels,
      schema,
      accountSid: value.accountSid,
      credentialKind: value.apiKey === undefined ? 'auth_token' : 'api_key',
      apiKey: value.apiKey ?? null,
      secretMasked: `••••${secret.slice(-4)}`,
      subaccount: value.subaccount,
      includeSubaccounts: value.includeSubaccounts,
      startDate: value.startDate,
      collections: value.collections,
      schedule: value.schedule,
      warehouse: value.warehouse ?? 'duckdb:/data/warehouse.duckdb',
      warehouseSchedule: value.warehouseSchedule,
      enabled: value.enabled,
      createdAt,
      updatedAt: new Date().toISOString(),
      nextRunAt: null,
      lastRun: null,
    };
    return { view, secret };
  };
  const inputOf = (stored: Stored): SourceInput => {
    const { view } = stored;
    return {
      name: view.name,
      labels: { ...view.labels },
      schema: view.schema,
      accountSid: view.accountSid,
      ...(view.credentialKind === 'auth_token' ? { authToken: stored.secret } : { apiKey: view.apiKey ?? '', apiSecret: stored.secret }),
      subaccount: view.subaccount,
      includeSubaccounts: view.includeSubaccounts,
      startDate: view.startDate,
      collections: [...view.collections],
      schedule: view.schedule,
      warehouse: view.warehouse,
      warehouseSchedule: view.warehouseSchedule,
      enabled: view.enabled,
    };
  };
  const withLastRun = (view: SourceView): SourceView => ({ ...view, lastRun: runs.filter((run) => run.sourceId === view.id).at(-1) ?? null });

  return {
    calls,
    listSources: () => Promise.resolve([...sources.values()].map((stored) => withLastRun(stored.view))),
    getSource: (id) => Promise.resolve().then(() => withLastRun(find(id).view)),
    async createSource(input) {
      calls.push('createSource');
      const stored = toView(input, randomUUID(), new Date().toISOString());
      sources.set(stored.view.id, stored);
      return Promise.resolve(stored.view);
    },
    async updateSource(id, patch: SourcePatch) {
      calls.push('updateSource');
      const current = find(id);
      const merged = { ...inputOf(current), ...patch };
      if (patch.apiKey !== undefined) delete merged.authToken;
      if (patch.authToken !== undefined) {
        delete merged.apiKey;
        delete merged.apiSecret;
      }
      const stored = toView(merged, id, current.view.createdAt);
      sources.set(id, stored);
      return Promise.resolve(withLastRun(stored.view));
    },
    async deleteSource(id) {
      calls.push('deleteSource');
      find(id);
      sources.delete(id);
      return Promise.resolve();
    },
    async setEnabled(id, enabled) {
      calls.push('setEnabled');
      const stored = find(id);
      stored.view = { ...stored.view, enabled };
      return Promise.resolve(withLastRun(stored.view));
    },
    async authenticate(input): Promise<AuthenticationResult> {
      calls.push('authenticate');
      if ((input.authToken ?? input.apiSecret) !== fakeGoodToken) throw new InvalidInputError('authToken', 'Twilio refused these credentials (error 20003): check the Account SID and Auth Token');
      return Promise.resolve({ accountSid: input.accountSid, friendlyName: 'Fake account', collections: collectionNames.map((name) => ({ name, readable: true })) });
    },
    previewTables(collections: readonly CollectionName[]): TablePreview[] {
      return collections.map((table) => ({ table, columns: allCollections[table].columns.map((column) => ({ name: column.name, type: column.type })) }));
    },
    async triggerRun(id, options) {
      calls.push('triggerRun');
      const { view } = find(id);
      if (runs.some((run) => run.sourceId === id && run.status === 'running')) throw new ConflictError(`source ${view.name} is already running`);
      const now = new Date().toISOString();
      const collections = view.collections.map((name) => ({ name, status: 'success' as const, records: 10, pages: 1, rowsLoaded: 10 }));
      const run: RunView = { id: randomUUID(), sourceId: id, trigger: options.full ? 'full' : 'manual', status: 'success', startedAt: now, finishedAt: now, durationMs: 5, collections, notices: ['a notice'], error: null };
      runs.push(run);
      return Promise.resolve(run);
    },
    listRuns: (sourceId, limit) => Promise.resolve(runs.filter((run) => sourceId === null || run.sourceId === sourceId).reverse().slice(0, limit)),
    async overview(id): Promise<SourceOverview> {
      const source = withLastRun(find(id).view);
      const mine = runs.filter((run) => run.sourceId === id);
      return Promise.resolve({
        source,
        collections: source.collections.map((name) => {
          const last = source.lastRun?.collections.find((report) => report.name === name);
          return { name, rowsLastRun: last?.rowsLoaded ?? 0, rowsTotal: mine.length * 10, lastSyncAt: source.lastRun?.finishedAt ?? null, status: last ? last.status : 'never' };
        }),
        history: mine.map((run) => ({ runId: run.id, startedAt: run.startedAt, rows: run.collections.reduce((sum, c) => sum + c.rowsLoaded, 0), status: run.status })),
      });
    },
    metrics: () => Promise.resolve('# TYPE twilio_source_runs_total counter\ntwilio_source_runs_total 0\n'),
  };
}
