import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverSettingsSchema } from './emulator-options.js';
import type { RunningEmulator } from './running-emulator.js';
import { serveEmulator } from './serve-emulator.js';
import { createFakeData } from './testing/fake-emulated-data.js';
import { getJson } from './testing/request-emulator.js';

let emulator: RunningEmulator;
let main: readonly [string, string];
let sub: readonly [string, string];
let mainKey: readonly [string, string];

beforeAll(async () => {
  emulator = await serveEmulator(serverSettingsSchema.parse({}), createFakeData(), () => createFakeData());
  const [m, s] = emulator.accounts;
  if (!m || !s) throw new Error('fake data has two accounts');
  main = [m.sid, m.authToken];
  sub = [s.sid, s.authToken];
  mainKey = [m.apiKeySid, m.apiKeySecret];
});
afterAll(() => emulator.close());

describe('auth', () => {
  it('answers 401 with code 20003 and a Basic challenge without or with wrong credentials', async () => {
    for (const credentials of [undefined, [main[0], 'wrong'] as const, ['SKnope', 'x'] as const]) {
      const reply = await getJson(emulator.url, `/2010-04-01/Accounts/${main[0]}/Messages.json`, credentials);
      expect(reply.status).toBe(401);
      expect(Object.keys(reply.body).sort()).toEqual(['code', 'message', 'more_info', 'status']);
      expect(reply.body).toMatchObject({ code: 20003, more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
      expect(reply.headers.get('www-authenticate')).toBe('Basic realm="Twilio API"');
    }
  });

  it('lets parent credentials read subaccounts but not the reverse', async () => {
    expect((await getJson(emulator.url, `/2010-04-01/Accounts/${sub[0]}/Messages.json`, main)).status).toBe(200);
    expect((await getJson(emulator.url, `/2010-04-01/Accounts/${sub[0]}/Messages.json`, sub)).status).toBe(200);
    expect((await getJson(emulator.url, `/2010-04-01/Accounts/${main[0]}/Messages.json`, sub)).status).toBe(401);
  });

  it('accepts an API key for resources but not for Accounts', async () => {
    expect((await getJson(emulator.url, `/2010-04-01/Accounts/${main[0]}/Calls.json`, mainKey)).status).toBe(200);
    const list = await getJson(emulator.url, '/2010-04-01/Accounts.json', mainKey);
    expect(list.status).toBe(401);
    expect(list.body['code']).toBe(20003);
    expect((await getJson(emulator.url, `/2010-04-01/Accounts/${main[0]}.json`, mainKey)).status).toBe(401);
  });

  it('lists the parent and its subaccounts for the parent, only itself for a subaccount', async () => {
    const parent = await getJson(emulator.url, '/2010-04-01/Accounts.json', main);
    expect((parent.body['accounts'] as unknown[]).length).toBe(2);
    const own = await getJson(emulator.url, '/2010-04-01/Accounts.json?FriendlyName=Main', sub);
    expect(own.body['accounts']).toEqual([]);
    expect((await getJson(emulator.url, `/2010-04-01/Accounts/${sub[0]}.json`, main)).status).toBe(200);
  });
});

describe('errors and headers', () => {
  it('answers unknown routes and records with 404 code 20404, and Call Feedback as retired', async () => {
    for (const path of [
      '/2010-04-01/Nope.json',
      `/2010-04-01/Accounts/${main[0]}/Queues.json`,
      `/2010-04-01/Accounts/${main[0]}/Messages/SM00000000000000000000000000000abc.json`,
      `/2010-04-01/Accounts/${main[0]}/Calls/CA00000000000000000000000000000007/Feedback.json`,
    ]) {
      const reply = await getJson(emulator.url, path, main);
      expect(reply.status, path).toBe(404);
      expect(reply.body).toMatchObject({ code: 20404, status: 404, more_info: 'https://www.twilio.com/docs/errors/20404' });
    }
  });

  it('stamps every answer with the emulator clock', async () => {
    const reply = await getJson(emulator.url, `/2010-04-01/Accounts/${main[0]}/Calls.json`, main);
    expect(reply.headers.get('date')).toBe(emulator.data.now().toUTCString());
  });

  it('refuses PageSize outside 1–1000 and malformed dates, naming the parameter', async () => {
    for (const [query, name] of [['PageSize=1001', 'PageSize'], ['PageSize=0', 'PageSize'], ['DateSent%3E=yesterday', 'DateSent>']] as const) {
      const reply = await getJson(emulator.url, `/2010-04-01/Accounts/${main[0]}/Messages.json?${query}`, main);
      expect(reply.status).toBe(400);
      expect(String(reply.body['message'])).toContain(name);
    }
  });

  it('refuses a DateSent range reaching back more than 400 days with code 20004', async () => {
    const reply = await getJson(emulator.url, `/2010-04-01/Accounts/${main[0]}/Messages.json?DateSent%3E=2024-01-01`, main);
    expect(reply.status).toBe(400);
    expect(reply.body['code']).toBe(20004);
  });
});

describe('paging', () => {
  it('pages with Twilio envelope, carries filters in next_page_uri and refuses tampered tokens', async () => {
    const path = `/2010-04-01/Accounts/${main[0]}/Messages.json?To=%2B15550000001&DateSent%3E=2026-01-13&PageSize=10`;
    const first = await getJson(emulator.url, path, main);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 0, page_size: 10, start: 0, end: 9, previous_page_uri: null });
    const next = String(first.body['next_page_uri']);
    expect(next).toMatch(/^\/2010-04-01\/Accounts\/AC\w+\/Messages\.json\?To=%2B15550000001&DateSent%3E=2026-01-13&PageSize=10&Page=1&PageToken=PA/);
    let uri: string | null = next;
    let seen = 10;
    for (let guard = 0; uri && guard < 20; guard += 1) {
      const page = await getJson(emulator.url, uri, main);
      seen += (page.body['messages'] as unknown[]).length;
      expect(page.body['previous_page_uri']).not.toBeNull();
      uri = page.body['next_page_uri'] as string | null;
    }
    expect(seen).toBe(31); // messages 0, 2, …, 60 hours old reach back to midnight 2026-01-13
    const tampered = await getJson(emulator.url, next.replace(/PageToken=PA./, 'PageToken=PAx'), main);
    expect(tampered.status).toBe(400);
    expect(tampered.body['code']).toBe(21481);
  });

  it('lists only in-progress conferences unless Status is given', async () => {
    const base = `/2010-04-01/Accounts/${main[0]}/Conferences.json`;
    expect(((await getJson(emulator.url, base, main)).body['conferences'] as unknown[]).length).toBe(1);
    expect(((await getJson(emulator.url, `${base}?Status=completed`, main)).body['conferences'] as unknown[]).length).toBe(1);
  });

  it('serves Voice Insights summaries with the v1 meta envelope and annotations', async () => {
    const reply = await getJson(emulator.url, '/v1/Voice/Summaries?PageSize=5', main);
    expect(reply.body['meta']).toMatchObject({ page: 0, page_size: 5, key: 'call_summaries', next_page_url: null });
    expect(String((reply.body['meta'] as Record<string, unknown>)['url'])).toBe(`${emulator.url}/v1/Voice/Summaries?PageSize=5&Page=0`);
    expect((reply.body['call_summaries'] as unknown[]).length).toBe(1);
    const annotation = await getJson(emulator.url, '/v1/Voice/CA00000000000000000000000000000007/Annotation', main);
    expect(annotation.body['call_score']).toBe(4);
  });
});
