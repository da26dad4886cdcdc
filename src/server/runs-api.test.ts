// The API over the real service and the emulator: authenticate, Sync now, run history and the Overview against the
// warehouse's own counts, metrics after a run; no secret in any answer or log line.
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunView, SourceOverview, SourceView } from '../service/source-service.js';
import { mainAccount, startHarness, type Harness } from '../test-support/sync-harness.js';
import { errorOf, startApi, type ApiHarness } from './testing/api-harness.js';
import { startRealService, type TestService } from './testing/real-source-service.js';

let harness: Harness;
let service: TestService;
let api: ApiHarness;

beforeAll(async () => {
  harness = await startHarness();
  service = await startRealService(harness.home);
  api = await startApi(service.service);
});
afterAll(async () => {
  await api.close();
  await service.close();
  const account = mainAccount(harness.emulator);
  for (const text of api.seen) expect(text).not.toContain(account.authToken);
  await harness.close();
});

async function counts(schema: string, tables: readonly string[]): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(harness.duckdbPath, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const result: Record<string, number> = {};
    for (const table of tables) result[table] = Number((await connection.runAndReadAll(`SELECT count(*) FROM "${schema}"."${table}"`)).getRows()[0]?.[0]);
    return result;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('runs over the real service', () => {
  it('authenticates against Twilio (the emulator), naming the field at fault when refused', async () => {
    const account = mainAccount(harness.emulator);
    const ok = await api.call('POST', '/api/authenticate', { accountSid: account.sid, authToken: account.authToken, apiBaseUrl: harness.emulator.url });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ accountSid: account.sid });
    const refused = await api.call('POST', '/api/authenticate', { accountSid: account.sid, authToken: 'x'.repeat(32), apiBaseUrl: harness.emulator.url });
    expect(refused.status).toBe(400);
    expect(errorOf(refused.json).field).toBe('authToken');
  });

  it('runs a sync now, lists it, and shows Overview numbers equal to the warehouse', async () => {
    const account = mainAccount(harness.emulator);
    const tables = ['addresses', 'calls'];
    const source = (await api.call('POST', '/api/sources', {
      name: 'API run', accountSid: account.sid, authToken: account.authToken, apiBaseUrl: harness.emulator.url,
      warehouse: `duckdb:${harness.duckdbPath}`, collections: tables, enabled: false,
    })).json as SourceView;
    const started = await api.call('POST', `/api/sources/${source.id}/runs`, { full: false });
    expect(started.status).toBe(202);
    let run = started.json as RunView;
    for (let attempt = 0; attempt < 600 && run.status === 'running'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      run = ((await api.call('GET', `/api/runs?source=${source.id}&limit=1`)).json as { runs: RunView[] }).runs[0] ?? run;
    }
    expect(run).toMatchObject({ status: 'success', trigger: 'manual', error: null });
    const overview = (await api.call('GET', `/api/sources/${source.id}/overview`)).json as SourceOverview;
    const shown = Object.fromEntries(overview.collections.map((c) => [c.name, c.rowsTotal]));
    expect(shown).toEqual(await counts('api_run', tables));
    expect(overview.history).toHaveLength(1);
    const metrics = (await api.call('GET', '/metrics')).text;
    for (const name of ['twilio_source_runs_total', 'twilio_source_rows_total', 'twilio_source_api_requests_total']) expect(metrics).toContain(name);
  });
});
