import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEmulator } from './describe-emulator.js';
import type { RunningEmulator } from './running-emulator.js';
import { getJson } from './testing/request-emulator.js';
import { pair, startSmallEmulator } from './testing/small-emulator.js';

type Json = Record<string, unknown>;
let emulator: RunningEmulator;
let main: readonly [string, string];
let sub: readonly [string, string];
let mainKey: readonly [string, string];

beforeAll(async () => {
  const started = await startSmallEmulator();
  emulator = started.emulator;
  main = pair(started.main);
  sub = pair(started.sub);
  mainKey = [started.main.apiKeySid, started.main.apiKeySecret];
});
afterAll(() => emulator.close());

const messagesPath = (sid: string, query = ''): string => `/2010-04-01/Accounts/${sid}/Messages.json${query}`;

describe('auth', () => {
  it('answers 401 with code 20003 and a Basic challenge without or with wrong credentials', async () => {
    for (const credentials of [undefined, [main[0], 'wrong'] as const, [mainKey[0], 'wrong'] as const, ['SKnope', 'x'] as const]) {
      const reply = await getJson(emulator.url, messagesPath(main[0]), credentials);
      expect(reply.status).toBe(401);
      expect(Object.keys(reply.body).sort()).toEqual(['code', 'message', 'more_info', 'status']);
      expect(reply.body).toMatchObject({ code: 20003, more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
      expect(reply.headers.get('www-authenticate')).toBe('Basic realm="Twilio API"');
    }
  });

  it('lets parent credentials read subaccounts but not the reverse', async () => {
    expect((await getJson(emulator.url, messagesPath(sub[0]), main)).status).toBe(200);
    expect((await getJson(emulator.url, messagesPath(sub[0]), sub)).status).toBe(200);
    expect((await getJson(emulator.url, messagesPath(main[0]), sub)).status).toBe(401);
    expect((await getJson(emulator.url, `/2010-04-01/Accounts/${main[0]}.json`, sub)).status).toBe(401);
  });

  it('accepts a standard API key for resources but not for Accounts', async () => {
    expect((await getJson(emulator.url, `/2010-04-01/Accounts/${main[0]}/Calls.json`, mainKey)).status).toBe(200);
    const list = await getJson(emulator.url, '/2010-04-01/Accounts.json', mainKey);
    expect(list.status).toBe(401);
    expect(list.body['code']).toBe(20003);
    expect((await getJson(emulator.url, `/2010-04-01/Accounts/${main[0]}.json`, mainKey)).status).toBe(401);
  });

  it('lists the parent and its subaccounts for the parent, only itself for a subaccount', async () => {
    const parent = await getJson(emulator.url, '/2010-04-01/Accounts.json', main);
    expect((parent.body['accounts'] as Json[]).map((a) => a['sid']).sort()).toEqual([main[0], sub[0]].sort());
    const own = await getJson(emulator.url, '/2010-04-01/Accounts.json?Status=active', sub);
    expect((own.body['accounts'] as Json[]).map((a) => a['sid'])).toEqual([sub[0]]);
    expect((await getJson(emulator.url, `/2010-04-01/Accounts/${sub[0]}.json`, main)).body['sid']).toBe(sub[0]);
  });
});

describe('describeEmulator', () => {
  it('gives the one JSON line of --json: the URL and every account with its credentials', () => {
    const line = JSON.parse(JSON.stringify(describeEmulator(emulator))) as Json;
    expect(line).toEqual({ url: emulator.url, accounts: emulator.accounts });
    expect(Object.keys((line['accounts'] as Json[])[0] ?? {}).sort()).toEqual(['apiKeySecret', 'apiKeySid', 'authToken', 'parentSid', 'sid']);
  });
});

describe('errors and headers', () => {
  it('answers unknown routes and records with 404 code 20404, and Call Feedback as retired', async () => {
    const calls = await getJson(emulator.url, `/2010-04-01/Accounts/${main[0]}/Calls.json?PageSize=1`, main);
    const callSid = String((calls.body['calls'] as Json[])[0]?.['sid']);
    for (const path of [
      '/2010-04-01/Nope.json',
      `/2010-04-01/Accounts/${main[0]}/Queues.json`,
      `/2010-04-01/Accounts/${main[0]}/Messages/SM${'0'.repeat(32)}.json`,
      `/2010-04-01/Accounts/${main[0]}/Calls/${callSid}/Feedback.json`,
      `/v1/Voice/CA${'0'.repeat(32)}/Annotation`,
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

  it('refuses PageSize outside 1–1000, malformed dates and bad enums, naming the parameter', async () => {
    for (const [query, name] of [
      ['PageSize=1001', 'PageSize'],
      ['PageSize=0', 'PageSize'],
      ['PageSize=ten', 'PageSize'],
      ['DateSent%3E=yesterday', 'DateSent>'],
    ] as const) {
      const reply = await getJson(emulator.url, messagesPath(main[0], `?${query}`), main);
      expect(reply.status, query).toBe(400);
      expect(reply.body['status']).toBe(400);
      expect(String(reply.body['message'])).toContain(name);
    }
    const status = await getJson(emulator.url, `/2010-04-01/Accounts/${main[0]}/Calls.json?Status=done`, main);
    expect(status.status).toBe(400);
  });

  it('refuses a DateSent range reaching back more than 400 days with code 20004', async () => {
    const past = new Date(emulator.data.now().getTime() - 401 * 86_400_000).toISOString().slice(0, 10);
    for (const query of [`?DateSent%3E=${past}`, `?DateSent%3C=${past}`, `?DateSent=${past}`]) {
      const reply = await getJson(emulator.url, messagesPath(main[0], query), main);
      expect(reply.status, query).toBe(400);
      expect(reply.body['code']).toBe(20004);
    }
  });
});

describe('paging and filters', () => {
  it('pages with the 2010 envelope, carries filters in next_page_uri and refuses tampered tokens', async () => {
    const since = new Date(emulator.data.now().getTime() - 10 * 86_400_000).toISOString().slice(0, 10);
    const first = await getJson(emulator.url, messagesPath(main[0], `?DateSent%3E=${since}&PageSize=10`), main);
    expect(first.body).toMatchObject({ page: 0, page_size: 10, start: 0, end: 9, previous_page_uri: null });
    expect(first.body['uri']).toBe(messagesPath(main[0], `?DateSent%3E=${since}&PageSize=10&Page=0`));
    expect(first.body['first_page_uri']).toBe(first.body['uri']);
    const next = String(first.body['next_page_uri']);
    expect(next.startsWith(messagesPath(main[0], `?DateSent%3E=${since}&PageSize=10&Page=1&PageToken=PA`))).toBe(true);

    const sids = (first.body['messages'] as Json[]).map((m) => m['sid']);
    let uri: string | null = next;
    for (let page = 1; uri && page < 200; page += 1) {
      const reply = await getJson(emulator.url, uri, main);
      expect(reply.body).toMatchObject({ page, start: page * 10 });
      expect(reply.body['previous_page_uri']).not.toBeNull();
      sids.push(...(reply.body['messages'] as Json[]).map((m) => m['sid']));
      uri = reply.body['next_page_uri'] as string | null;
    }
    const whole = await getJson(emulator.url, messagesPath(main[0], '?PageSize=1000'), main);
    const expected = (whole.body['messages'] as Json[]).filter((m) => Date.parse(String(m['date_sent'])) >= Date.parse(since));
    expect(sids).toEqual(expected.map((m) => m['sid']));
    expect(sids.length).toBeGreaterThan(20);

    const tampered = await getJson(emulator.url, next.replace(/PageToken=PA./, 'PageToken=PAx'), main);
    expect(tampered.status).toBe(400);
    expect(tampered.body['code']).toBe(21481);
    const elsewhere = await getJson(emulator.url, next.replace(main[0], sub[0]), main);
    expect(elsewhere.body['code']).toBe(21481);
  });

  it('lists only in-progress conferences unless Status is given', async () => {
    const base = `/2010-04-01/Accounts/${main[0]}/Conferences.json?PageSize=1000`;
    const statuses = async (query: string): Promise<unknown[]> =>
      ((await getJson(emulator.url, base + query, main)).body['conferences'] as Json[]).map((c) => c['status']);
    const unfiltered = await statuses('');
    expect(unfiltered.every((status) => status === 'in-progress')).toBe(true);
    expect(unfiltered.length).toBe((await statuses('&Status=in-progress')).length);
    const completed = await statuses('&Status=completed');
    expect(completed.length).toBeGreaterThan(0);
    expect(new Set(completed)).toEqual(new Set(['completed']));
  });

  it('serves Voice Insights summaries with the v1 meta envelope, and annotations', async () => {
    const path = '/v1/Voice/Summaries?StartTime=40d&PageSize=5';
    const first = await getJson(emulator.url, path, main);
    expect(first.body['meta']).toMatchObject({ page: 0, page_size: 5, key: 'call_summaries', previous_page_url: null });
    const meta = first.body['meta'] as Json;
    expect(meta['url']).toBe(`${emulator.url}/v1/Voice/Summaries?StartTime=40d&PageSize=5&Page=0`);
    expect(String(meta['next_page_url']).startsWith(`${emulator.url}/v1/Voice/Summaries?StartTime=40d&PageSize=5&Page=1&PageToken=PA`)).toBe(true);
    let next = meta['next_page_url'] as string | null;
    const summaries = [...(first.body['call_summaries'] as Json[])];
    for (let guard = 0; next && guard < 100; guard += 1) {
      const reply = await getJson(emulator.url, next.slice(emulator.url.length), main);
      summaries.push(...(reply.body['call_summaries'] as Json[]));
      next = (reply.body['meta'] as Json)['next_page_url'] as string | null;
    }
    expect(summaries.every((s) => 'annotation' in s)).toBe(true);
    const annotated = summaries.find((s) => s['annotation'] !== null);
    expect(annotated).toBeDefined();
    const annotation = await getJson(emulator.url, `/v1/Voice/${String(annotated?.['call_sid'])}/Annotation`, main);
    expect(annotation.body).toMatchObject({ call_sid: annotated?.['call_sid'], ...(annotated?.['annotation'] as Json) });
    const invalid = await getJson(emulator.url, '/v1/Voice/Summaries?StartTime=soon', main);
    expect(invalid.status).toBe(400);
  });
});
