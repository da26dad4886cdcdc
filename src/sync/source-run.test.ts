// Integration: what a source run reads from the emulator over real HTTP, and that the warehouse still equals its truth.
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { expectWarehouseMatchesTruth, smallDataset, startHarness, type Harness } from '../test-support/sync-harness.js';
import { runSync, type SyncReport } from './run-sync.js';

const DAY = 86_400_000;

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const pagesOf = (report: SyncReport, name: string): number => report.collections.find((c) => c.name === name)?.pages ?? 0;

describe('source run', () => {
  it('an incremental run after a day stops listing transcriptions at the lookback, and the warehouse still equals the truth', async () => {
    // 8,000 transcriptions per account over 60 days: 8 pages each in full, a week and a day of them fits in 2.
    harness = await startHarness({ dataset: { ...smallDataset, subaccounts: 1, transcriptions: 8000 } });
    const full = await runSync(harness.settings(), harness.home);
    expect(full.status).toBe('success');
    expect(pagesOf(full, 'transcriptions')).toBe(2 * 8);
    await expectWarehouseMatchesTruth(harness);

    const advance = harness.emulator.data.advance(DAY);
    expect(advance.created).toBeGreaterThan(0);
    const incremental = await runSync(harness.settings(), harness.home);
    expect(incremental.status).toBe('success');
    await expectWarehouseMatchesTruth(harness);
    // Per account: the 8 days since cursor − lookback (about 1,070 records, 2 pages), and at most the one page that
    // proves the rest is older.
    expect(pagesOf(incremental, 'transcriptions')).toBeLessThanOrEqual(2 * 3);
    // Addresses have no usable order: still listed whole.
    expect(pagesOf(incremental, 'addresses')).toBe(pagesOf(full, 'addresses'));
  });

  it('a first sync without a start date reads every message Twilio keeps, to the 400-day edge', async () => {
    // About two messages an hour, so the hour an hour-margined lower bound would skip holds some.
    harness = await startHarness({ dataset: { ...smallDataset, subaccounts: 0, messages: 20_000, historyDays: 400 } });
    const report = await runSync(harness.settings({ collections: ['messages'] }), harness.home);
    expect(report.status).toBe('success');
    expect(report.notices).toEqual([]);
    await expectWarehouseMatchesTruth(harness, ['messages']);
    const edge = new Date(harness.emulator.data.now().getTime() - 400 * DAY + 3_600_000).toISOString();
    const instance = await DuckDBInstance.create(harness.duckdbPath, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    try {
      const [row] = (await connection.runAndReadAll(`SELECT count(*) AS n FROM twilio.messages WHERE date_sent < '${edge}'`)).getRowObjectsJson();
      expect(Number(row?.['n'])).toBeGreaterThan(0);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
