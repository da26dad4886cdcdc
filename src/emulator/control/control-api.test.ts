import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../running-emulator.js';
import { getJson, postJson } from '../testing/request-emulator.js';
import { startSmallEmulator } from '../testing/small-emulator.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = (await startSmallEmulator()).emulator;
});
afterAll(() => emulator.close());

describe('control API', () => {
  it('switches faults and latency at run time and reports them', async () => {
    expect((await getJson(emulator.url, '/_emulator/faults')).body).toEqual({ seed: 1, rate: 0, kinds: ['429', '500', '503', 'reset', 'truncated', 'hang'] });
    expect((await postJson(emulator.url, '/_emulator/faults', { rate: 0.5, kinds: ['500'] })).body).toEqual({ seed: 1, rate: 0.5, kinds: ['500'] });
    await postJson(emulator.url, '/_emulator/faults', { rate: 0 });
    expect((await postJson(emulator.url, '/_emulator/latency', { fixedMs: 1 })).body).toEqual({ fixedMs: 1, perRecordMs: 0 });
    expect((await getJson(emulator.url, '/_emulator/latency')).body).toEqual({ fixedMs: 1, perRecordMs: 0 });
  });

  it('advances the clock, which the Date header follows', async () => {
    const before = emulator.data.now().getTime();
    const report = await postJson(emulator.url, '/_emulator/advance', { days: 1 });
    expect(report.status).toBe(200);
    expect(Date.parse(String(report.body['to'])) - before).toBe(86_400_000);
    expect((await postJson(emulator.url, '/_emulator/advance', { seconds: 30 })).status).toBe(200);
    expect(report.headers.get('date')).toBe(new Date(before + 86_400_000).toUTCString());
  });

  it('resets the data from dataset options, and old page tokens stop working', async () => {
    const [main] = emulator.accounts;
    if (!main) throw new Error('main account');
    const credentials = [main.sid, main.authToken] as const;
    const first = await getJson(emulator.url, `/2010-04-01/Accounts/${main.sid}/Messages.json?PageSize=2`, credentials);
    const reset = await postJson(emulator.url, '/_emulator/reset', { seed: 3, subaccounts: 0, messages: 3 });
    expect(reset.status).toBe(200);
    expect(reset.body['accounts']).toEqual(emulator.accounts);
    expect(emulator.accounts.length).toBe(1);
    const stale = await getJson(emulator.url, String(first.body['next_page_uri']), credentials);
    expect(stale.body['code']).toBe(21481);
    const all = await getJson(emulator.url, `/2010-04-01/Accounts/${main.sid}/Messages.json`, credentials);
    expect((all.body['messages'] as unknown[]).length).toBe(3);
  });

  it('explains bad requests in one line and serves accounts and truth', async () => {
    const bad = await postJson(emulator.url, '/_emulator/reset', { messages: 'many' });
    expect(bad.status).toBe(400);
    expect(String(bad.body['error'])).toContain('messages');
    expect((await postJson(emulator.url, '/_emulator/advance', { hours: 1 })).status).toBe(400);
    expect((await getJson(emulator.url, '/_emulator/nothing')).status).toBe(404);
    expect((await getJson(emulator.url, '/_emulator/accounts')).body).toEqual(emulator.accounts);
    expect((await getJson(emulator.url, '/_emulator/truth')).status).toBe(200);
  });
});
