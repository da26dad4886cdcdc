// Test support: a sync function that records each call and finishes only when the test says so (or at once).
import type { SyncReport } from '../../sync/run-sync.js';
import type { SyncSettings } from '../../sync/sync-settings.js';
import type { SyncFunction } from '../source-runs.js';

export interface GatedSync {
  readonly sync: SyncFunction;
  readonly calls: SyncSettings[];
  /** Calls not yet finished. */
  readonly open: number;
  /** Finishes the oldest open call with a successful report (or the given error). */
  finish(error?: Error): void;
}

export function successReport(settings: SyncSettings, rows = 3): SyncReport {
  return {
    status: 'success',
    schema: settings.schema,
    accounts: [settings.accountSid],
    collections: settings.collections.map((name) => ({ name, status: 'success', records: rows, pages: 1, rowsLoaded: rows })),
    requests: 2,
    retries: 1,
    rateLimited: 1,
    durationMs: 1,
    notices: [],
  };
}

/** `immediate`: every call succeeds at once instead of waiting for finish(). */
export function gatedSync(immediate = false): GatedSync {
  const calls: SyncSettings[] = [];
  const waiting: { settings: SyncSettings; resolve: (report: SyncReport) => void; reject: (error: Error) => void }[] = [];
  return {
    calls,
    get open() {
      return waiting.length;
    },
    sync: (settings) => {
      calls.push(settings);
      if (immediate) return Promise.resolve(successReport(settings));
      return new Promise((resolve, reject) => waiting.push({ settings, resolve, reject }));
    },
    finish(error) {
      const next = waiting.shift();
      if (!next) throw new Error('no sync is waiting');
      if (error) next.reject(error);
      else next.resolve(successReport(next.settings));
    },
  };
}
