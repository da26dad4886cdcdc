// One sync of one source, as every face (CLI, server, scheduler) runs it: resolve the accounts, a source run
// from Twilio into the hub, then a warehouse run from the hub into the warehouse.
import { join } from 'node:path';
import { allCollections } from '../collections/all-collections.js';
import { callFeedbackPerCall } from '../collections/call-feedback-per-call.js';
import type { CollectionName } from '../collections/collection.js';
import { Hub } from '../hub/hub.js';
import { acquireRunLock } from '../hub/run-lock.js';
import { TwilioClient } from '../twilio/twilio-client.js';
import { runFlush, type FlushReport } from './run-flush.js';
import { runSource, type CollectionProgress, type SourceAccount } from './source-run.js';
import { sourceHome } from './source-home.js';
import type { SyncSettings } from './sync-settings.js';

export interface SyncHooks {
  readonly onSourceProgress?: (progress: Readonly<CollectionProgress>) => void;
  readonly onWarehouseProgress?: (table: string, rows: number) => void;
}

export interface CollectionReport {
  readonly name: CollectionName;
  readonly status: 'success' | 'failed';
  readonly records: number;
  readonly pages: number;
  readonly rowsLoaded: number;
  readonly error?: string;
}

export interface SyncReport {
  readonly status: 'success' | 'partial' | 'failed';
  readonly schema: string;
  readonly accounts: readonly string[];
  readonly collections: readonly CollectionReport[];
  readonly requests: number;
  readonly retries: number;
  readonly rateLimited: number;
  readonly durationMs: number;
  readonly notices: readonly string[];
  readonly warehouseError?: string;
}

export async function runSync(settings: SyncSettings, home: string, hooks: SyncHooks = {}): Promise<SyncReport> {
  const started = Date.now();
  const client = createClient(settings);
  await client.checkCredentials();
  const accounts = await resolveAccounts(client, settings);
  const dir = sourceHome(home, settings.warehouse, settings.schema);
  const hub = await Hub.open(dir);
  const release = await acquireRunLock(join(dir, 'source.lock'), 'source run');
  const notices: string[] = [];
  const sourceRun = (async () => {
    try {
      await fixStartDate(hub, settings, notices);
      return await runSource({
        reader: client,
        hub,
        collections: settings.collections.map((name) => (name === 'call_feedback' && settings.annotationsPerCall ? callFeedbackPerCall : allCollections[name])),
        accounts,
        now: client.serverNow(),
        lookbackMs: settings.lookbackMs,
        full: settings.full,
        concurrency: settings.concurrency,
        ...(hooks.onSourceProgress ? { onProgress: hooks.onSourceProgress } : {}),
      });
    } finally {
      await release();
    }
  })();
  // The warehouse run loads batches while the source run is still reading: the two overlap instead of queueing.
  const flushRun = runFlush(
    { warehouse: settings.warehouse, schema: settings.schema, home, retentionMs: settings.hubRetentionMs, follow: { hub, until: sourceRun } },
    hooks.onWarehouseProgress,
  );
  const [sourceOutcome, flushOutcome] = await Promise.allSettled([sourceRun, flushRun]);
  if (sourceOutcome.status === 'rejected') throw sourceOutcome.reason;
  if (flushOutcome.status === 'rejected') throw flushOutcome.reason;
  const source = sourceOutcome.value;
  const flush = flushOutcome.value;
  notices.push(...source.notices);
  return report(settings, accounts, source.collections, flush, client, notices, started);
}

function createClient(settings: SyncSettings): TwilioClient {
  const credentials =
    settings.apiKey !== undefined && settings.apiSecret !== undefined
      ? { accountSid: settings.accountSid, apiKey: settings.apiKey, apiSecret: settings.apiSecret }
      : { accountSid: settings.accountSid, authToken: settings.authToken ?? '' };
  return new TwilioClient({
    credentials,
    maxConcurrency: settings.concurrency,
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    ...(settings.apiBaseUrl !== undefined ? { baseUrl: settings.apiBaseUrl } : {}),
  });
}

async function resolveAccounts(client: TwilioClient, settings: SyncSettings): Promise<SourceAccount[]> {
  if (settings.subaccount !== undefined) return [{ sid: settings.subaccount, viaParent: true }];
  const main = { sid: settings.accountSid, viaParent: false };
  if (!settings.includeSubaccounts) return [main];
  const subaccounts = await client.listSubaccounts();
  return [main, ...subaccounts.map((account) => ({ sid: account.sid, viaParent: true }))];
}

/** As in Segment: the first run fixes the start date; changing it later takes effect only with a full resync. */
async function fixStartDate(hub: Hub, settings: SyncSettings, notices: string[]): Promise<void> {
  const state = hub.state.data;
  if (!state.startDateFixed || settings.full) {
    await hub.state.update((data) => {
      data.startDate = settings.startDate;
      data.startDateFixed = true;
      if (settings.full) for (const name of settings.collections) for (const key of Object.keys(data.cursors)) if (key.endsWith(`/${name}`)) delete data.cursors[key];
    });
  } else if (state.startDate !== settings.startDate) {
    notices.push(`The start date stays ${state.startDate ?? 'unset'} (set by the first run); run with --full to read from ${settings.startDate ?? 'the beginning'}`);
  }
}

function report(
  settings: SyncSettings,
  accounts: readonly SourceAccount[],
  collections: readonly CollectionProgress[],
  flush: FlushReport,
  client: TwilioClient,
  notices: string[],
  started: number,
): SyncReport {
  const loaded = new Map(flush.tables.map((table) => [table.table, table.rows]));
  const rows: CollectionReport[] = collections.map((entry) => ({
    name: entry.collection,
    status: entry.status === 'failed' ? 'failed' : 'success',
    records: entry.records,
    pages: entry.pages,
    rowsLoaded: loaded.get(entry.collection) ?? 0,
    ...(entry.error !== undefined ? { error: entry.error } : {}),
  }));
  const failed = rows.filter((row) => row.status === 'failed').length;
  const status = failed === rows.length ? 'failed' : failed > 0 || flush.error !== undefined ? 'partial' : 'success';
  const stats = client.stats;
  return {
    status,
    schema: settings.schema,
    accounts: accounts.map((account) => account.sid),
    collections: rows,
    requests: stats.requests,
    retries: stats.retries,
    rateLimited: stats.rateLimited,
    durationMs: Date.now() - started,
    notices: [...notices, ...flush.notices],
    ...(flush.error !== undefined ? { warehouseError: flush.error } : {}),
  };
}
