// Runs through the service against the emulator over real HTTP into a real DuckDB file: recorded from start to
// result, never two at once, overview numbers equal to the warehouse, metrics, and failures recorded plainly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTables, expectWarehouseMatchesTruth, mainAccount, startHarness, type Harness } from '../test-support/sync-harness.js';
import { duckdbChecksums } from '../test-support/warehouse-checksums.js';
import type { ManagedSourceService } from './create-source-service.js';
import { ConflictError, InvalidInputError } from './source-service.js';
import { gatedSync } from './testing/gated-sync.js';
import { openServiceFixture, type ServiceFixture } from './testing/service-fixture.js';

let harness: Harness;
let fx: ServiceFixture;
let service: ManagedSourceService;
beforeAll(async () => {
  harness = await startHarness();
  fx = await openServiceFixture();
  service = await fx.service();
}, 120_000);
afterAll(async () => {
  await fx.dispose();
  await harness.close();
});

const credentials = (): { accountSid: string; authToken: string; apiBaseUrl: string } => {
  const main = mainAccount(harness.emulator);
  return { accountSid: main.sid, authToken: main.authToken, apiBaseUrl: harness.emulator.url };
};

describe('authenticate', () => {
  it('checks credentials against Twilio and lists what they can read, saving nothing', async () => {
    const result = await service.authenticate(credentials());
    expect(result.accountSid).toBe(credentials().accountSid);
    expect(result.collections.map((c) => c.name).sort()).toEqual([...allTables].sort());
    expect(result.collections.filter((c) => !c.readable)).toEqual([]);
    expect(await service.listSources()).toEqual([]);
  });

  it('refused credentials are an InvalidInputError on authToken', async () => {
    const attempt = service.authenticate({ ...credentials(), authToken: 'wrong-token-0000000000' });
    await expect(attempt).rejects.toThrow(InvalidInputError);
    await expect(attempt).rejects.toMatchObject({ field: 'authToken' });
    await expect(attempt).rejects.not.toThrow('wrong-token-0000000000');
  });
});

describe('runs', () => {
  it('a run is recorded running, then success; a second trigger meanwhile is a conflict; the overview equals the warehouse', async () => {
    const source = await service.createSource({ name: 'Emulated', ...credentials(), includeSubaccounts: true, warehouse: `duckdb:${harness.duckdbPath}` });
    const run = await service.triggerRun(source.id, { full: false });
    expect([run.status, run.trigger, run.finishedAt]).toEqual(['running', 'manual', null]);
    await expect(service.triggerRun(source.id, { full: false })).rejects.toThrow(ConflictError);
    await service.close(); // waits for the run
    const [done] = await service.listRuns(source.id, 10);
    expect(done?.id).toBe(run.id);
    expect(done?.status).toBe('success');
    expect(done?.durationMs).toBeGreaterThanOrEqual(0);
    expect(done?.collections.map((c) => c.name).sort()).toEqual([...allTables].sort());
    await expectWarehouseMatchesTruth(harness, allTables, 'emulated');

    const overview = await service.overview(source.id);
    const warehouse = await duckdbChecksums(harness.duckdbPath, 'emulated', allTables);
    for (const table of allTables) {
      const inWarehouse = [...warehouse].filter(([key]) => key.endsWith(`/${table}`)).reduce((sum, [, value]) => sum + value.count, 0);
      const entry = overview.collections.find((c) => c.name === table);
      expect({ table, total: entry?.rowsTotal, status: entry?.status }).toEqual({ table, total: inWarehouse, status: 'success' });
      expect(entry?.rowsLastRun).toBe(done?.collections.find((c) => c.name === table)?.rowsLoaded);
      expect(entry?.lastSyncAt).toBe(done?.finishedAt);
    }
    expect(overview.history).toEqual([{ runId: run.id, startedAt: run.startedAt, rows: done?.collections.reduce((sum, c) => sum + c.rowsLoaded, 0), status: 'success' }]);
    expect(overview.source.lastRun?.id).toBe(run.id);

    const metrics = await service.metrics();
    expect(metrics).toContain('twilio_source_runs_total{status="success"} 1\n');
    expect(metrics).toContain(`twilio_source_rows_total{collection="messages"} ${done?.collections.find((c) => c.name === 'messages')?.rowsLoaded}\n`);
    expect(metrics).toMatch(/^twilio_source_api_requests_total [1-9]\d*$/m);
    expect(metrics).toContain(`twilio_source_hub_pending_batches{source="${source.id}"} 0\n`);

    const full = await service.triggerRun(source.id, { full: true });
    expect(full.trigger).toBe('full');
    await service.close();
    expect((await service.listRuns(source.id, 1))[0]?.status).toBe('success');
    await expectWarehouseMatchesTruth(harness, allTables, 'emulated');
  }, 240_000);

  it('a run that throws is recorded failed with its message; its secrets are scrubbed from it', async () => {
    const failing = gatedSync();
    const local = await fx.service({ sync: failing.sync });
    const source = await local.createSource({ name: 'Failing', ...credentials(), authToken: 'leaky-token-1234567890', collections: ['messages'] });
    const run = await local.triggerRun(source.id, { full: false });
    await expect.poll(() => failing.open).toBe(1);
    failing.finish(new Error('boom: Twilio said no to leaky-token-1234567890'));
    await local.close();
    const [failed] = await local.listRuns(source.id, 1);
    expect([failed?.id, failed?.status, failed?.error]).toEqual([run.id, 'failed', 'boom: Twilio said no to [redacted]']);
  });
});
