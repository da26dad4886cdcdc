// A listing stays consistent while the clock advances between its pages: nothing skipped, nothing repeated.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningEmulator } from '../running-emulator.js';
import { startEmulator } from '../start-emulator.js';
import { getJson, postJson } from '../testing/request-emulator.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ dataset: { seed: 5, subaccounts: 0, messages: 1500, calls: 600, historyDays: 20 } });
});
afterAll(() => emulator.close());

async function sids(path: string, credentials: readonly [string, string], key: string, between?: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  let next: string | null = path;
  for (let guard = 0; next !== null && guard < 500; guard += 1) {
    const page = await getJson(emulator.url, next, credentials);
    expect(page.status).toBe(200);
    seen.push(...(page.body[key] as { sid: string }[]).map((record) => record.sid));
    next = page.body['next_page_uri'] as string | null;
    if (between) await between();
  }
  return seen;
}

it.each([
  ['Messages', 'messages'],
  ['Calls', 'calls'],
] as const)('pages through %s while records are created, changed and deleted', async (resource, key) => {
  const [main] = emulator.accounts;
  if (!main) throw new Error('main account');
  const credentials = [main.sid, main.authToken] as const;
  const path = `/2010-04-01/Accounts/${main.sid}/${resource}.json`;
  const before = await sids(`${path}?PageSize=1000`, credentials, key);
  let changes = 0;
  const during = await sids(`${path}?PageSize=40`, credentials, key, async () => {
    const report = await postJson(emulator.url, '/_emulator/advance', { seconds: 1800 });
    changes += Number(report.body['created']) + Number(report.body['updated']) + Number(report.body['deleted']);
  });
  expect(changes).toBeGreaterThan(0);
  expect(new Set(during).size).toBe(during.length);
  const deleted = new Set(emulator.data.truth()[main.sid]?.[key].deleted ?? []);
  const seen = new Set(during);
  expect(before.filter((sid) => !deleted.has(sid) && !seen.has(sid))).toEqual([]);
});
