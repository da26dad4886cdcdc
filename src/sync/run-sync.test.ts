// Integration: the emulator over real HTTP, synced into real DuckDB files, compared with the emulator's truth.
import { stat } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRewritingProxy } from '../test-support/rewriting-proxy.js';
import { expectWarehouseMatchesTruth, startHarness, type Harness } from '../test-support/sync-harness.js';
import { runSync, type SyncReport } from './run-sync.js';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

const pages = (report: SyncReport): number => report.collections.reduce((sum, c) => sum + c.pages, 0);

async function query(path: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('sync into DuckDB', () => {
  it('a full sync of every collection equals the ground truth, per table and account, subaccounts too', async () => {
    const report = await runSync(harness.settings(), harness.home);
    expect(report.status).toBe('success');
    expect(report.accounts).toHaveLength(3);
    await expectWarehouseMatchesTruth(harness);
  });

  it('an incremental run after the clock moves leaves every record in its new state, keeps deleted ones, and reads far fewer pages', async () => {
    const full = await runSync(harness.settings(), harness.home);
    const advance = harness.emulator.data.advance(86_400_000);
    expect(advance.created + advance.updated + advance.deleted).toBeGreaterThan(0);
    const incremental = await runSync(harness.settings(), harness.home);
    expect(incremental.status).toBe('success');
    await expectWarehouseMatchesTruth(harness);
    expect(pages(incremental)).toBeLessThan(pages(full) * 0.5);

    const truth = harness.emulator.data.truth();
    const deleted = Object.values(truth).flatMap((collections) => collections.messages.deleted);
    if (deleted.length > 0) {
      const kept = await query(harness.duckdbPath, `SELECT count(*) AS n FROM twilio.messages WHERE id IN (${deleted.map((sid) => `'${sid}'`).join(',')})`);
      expect(Number(kept[0]?.['n'])).toBe(deleted.length);
    }
    for (const table of ['messages', 'calls', 'conferences']) {
      const [dupes] = await query(harness.duckdbPath, `SELECT count(*) - count(DISTINCT id) AS d FROM twilio.${table}`);
      expect(Number(dupes?.['d'])).toBe(0);
    }
  });

  it('reads from the start date on the first run, and ignores a later change until --full', async () => {
    const start = new Date(Date.parse(harness.emulator.data.now().toISOString()) - 20 * 86_400_000).toISOString().slice(0, 10);
    await runSync(harness.settings({ startDate: start, collections: ['messages'] }), harness.home);
    const [first] = await query(harness.duckdbPath, 'SELECT min(date_sent) AS earliest, count(*) AS n FROM twilio.messages');
    expect(String(first?.['earliest']) >= start).toBe(true);

    const changed = await runSync(harness.settings({ startDate: null, collections: ['messages'] }), harness.home);
    expect(changed.notices.join(' ')).toContain('--full');
    const [second] = await query(harness.duckdbPath, 'SELECT count(*) AS n FROM twilio.messages');
    expect(second?.['n']).toBe(first?.['n']);

    await runSync(harness.settings({ startDate: null, collections: ['messages'], full: true }), harness.home);
    await expectWarehouseMatchesTruth(harness, ['messages']);
  });

  it('selective sync leaves a deselected table untouched and reads a collection added later from the start', async () => {
    await runSync(harness.settings({ collections: ['messages', 'addresses'] }), harness.home);
    const before = await query(harness.duckdbPath, 'SELECT max(uuid_ts) AS t, count(*) AS n FROM twilio.addresses');
    await runSync(harness.settings({ collections: ['messages', 'calls'] }), harness.home);
    expect(await query(harness.duckdbPath, 'SELECT max(uuid_ts) AS t, count(*) AS n FROM twilio.addresses')).toEqual(before);
    await expectWarehouseMatchesTruth(harness, ['messages', 'calls', 'addresses']);
  });

  it('--full reads everything again and the warehouse still equals the truth', async () => {
    const first = await runSync(harness.settings(), harness.home);
    const again = await runSync(harness.settings({ full: true }), harness.home);
    expect(pages(again)).toBe(pages(first));
    await expectWarehouseMatchesTruth(harness);
  });
});

describe('sync against a misbehaving Twilio', () => {
  it('with 429s, 5xx, resets, truncated bodies and hangs injected, the warehouse ends the same as without', async () => {
    await fetch(`${harness.emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seed: 3, rate: 0.15, kinds: ['429', '500', '503', 'reset', 'truncated', 'hang'] }),
    });
    const report = await runSync(harness.settings({ timeoutMs: 1_000 }), harness.home);
    expect(report.status).toBe('success');
    expect(report.retries).toBeGreaterThan(0);
    await expectWarehouseMatchesTruth(harness);
  });

  it('bad credentials fail with one clear line and write nothing', async () => {
    const settings = harness.settings({ authToken: 'not-the-token' });
    await expect(runSync(settings, harness.home)).rejects.toThrow(/^Twilio rejected the credentials for AC[0-9a-f]{32} \(error 20003\): check the Account SID and Auth Token$/);
    await expect(stat(harness.home)).rejects.toThrow();
    await expect(stat(harness.duckdbPath)).rejects.toThrow();
  });

  it('reads one subaccount with the parent credentials, or everything with an API key', async () => {
    const sub = harness.emulator.accounts.find((account) => account.parentSid !== null);
    if (!sub) throw new Error('no subaccount');
    const report = await runSync(harness.settings({ includeSubaccounts: false, subaccount: sub.sid }), harness.home);
    expect(report.accounts).toEqual([sub.sid]);
    const truth = harness.emulator.data.truth()[sub.sid];
    const [row] = await query(harness.duckdbPath, `SELECT count(*) AS n, count(DISTINCT account_sid) AS a FROM twilio.messages`);
    expect({ n: Number(row?.['n']), a: Number(row?.['a']) }).toEqual({ n: truth?.messages.count, a: 1 });

    const main = harness.emulator.accounts.find((account) => account.parentSid === null);
    const keyed = await runSync(
      harness.settings({ includeSubaccounts: false, authToken: undefined, apiKey: main?.apiKeySid, apiSecret: main?.apiKeySecret, schema: 'keyed' }),
      harness.home,
    );
    expect(keyed.status).toBe('success');
  });
});

describe('sync when Twilio changes its data', () => {
  it('a field Twilio adds later becomes a new column on the next run', async () => {
    await runSync(harness.settings({ collections: ['messages'] }), harness.home);
    const proxy = await startRewritingProxy(harness.emulator.url, 'messages', (record) => ({ ...record, risk: { score: 0.25, reasons: ['new-sender'] } }));
    try {
      const report = await runSync(harness.settings({ collections: ['messages'], apiBaseUrl: proxy.url, full: true }), harness.home);
      expect(report.status).toBe('success');
    } finally {
      await proxy.close();
    }
    const [row] = await query(harness.duckdbPath, 'SELECT risk_score, risk_reasons FROM twilio.messages LIMIT 1');
    expect(row).toEqual({ risk_score: 0.25, risk_reasons: '["new-sender"]' });
    await expectWarehouseMatchesTruth(harness, ['messages']);
  });

  it('odd data (a field changing type, an unparseable date) still lands, raw values kept, with a notice', async () => {
    const proxy = await startRewritingProxy(harness.emulator.url, 'messages', (record, index) =>
      index % 100 === 0 ? { ...record, num_segments: 'several', date_updated: 'sometime last week' } : record,
    );
    let report: SyncReport;
    try {
      report = await runSync(harness.settings({ collections: ['messages'], apiBaseUrl: proxy.url }), harness.home);
    } finally {
      await proxy.close();
    }
    expect(report.status).toBe('success');
    expect(report.notices.join('\n')).toContain('messages.num_segments');
    const [row] = await query(harness.duckdbPath, `SELECT count(*) AS n FROM twilio.messages WHERE num_segments IS NULL AND num_segments_raw = 'several' AND date_updated_raw = 'sometime last week'`);
    expect(Number(row?.['n'])).toBeGreaterThan(0);
    const [all] = await query(harness.duckdbPath, 'SELECT count(*) AS n FROM twilio.messages');
    const expected = Object.values(harness.emulator.data.truth()).reduce((sum, collections) => sum + collections.messages.count, 0);
    expect(Number(all?.['n'])).toBe(expected);
  });
});

describe('call feedback read call by call', () => {
  it('equals the truth too, subaccounts included', async () => {
    const report = await runSync(harness.settings({ collections: ['call_feedback'], annotationsPerCall: true }), harness.home);
    expect(report.status).toBe('success');
    await expectWarehouseMatchesTruth(harness, ['call_feedback']);
  });
});
