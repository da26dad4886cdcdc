// The HTTP API over real HTTP on 127.0.0.1 against the in-memory service: every bad input is a 4xx naming its field
// and changes nothing, the token is required, and no secret ever appears in an answer or a log line.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import type { SourceView } from '../service/source-service.js';
import { startServer, type RunningServer } from './start-server.js';
import { createFakeSourceService, fakeGoodToken } from './testing/fake-source-service.js';

const adminToken = 'test-admin-token-0123456789';
const secret = 'f00dfeedcafe0123456789abcdef4242';
const accountSid = `AC${'1'.repeat(32)}`;
const logs: string[] = [];
const answers: string[] = [];
let server: RunningServer;

async function call(method: string, path: string, body?: unknown, token: string | null = adminToken): Promise<{ status: number; json: unknown; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(`${server.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const text = await response.text();
  answers.push(text);
  const json: unknown = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null;
  return { status: response.status, json, text };
}

const list = async (): Promise<SourceView[]> => ((await call('GET', '/api/sources')).json as { sources: SourceView[] }).sources;
const errorOf = (json: unknown): { code: string; field: string | null; message: string } => (json as { error: { code: string; field: string | null; message: string } }).error;
const valid = { name: 'Twilio Prod', accountSid, authToken: secret, labels: { env: 'prod' }, collections: ['messages', 'calls'] };

beforeAll(async () => {
  const destination = new PassThrough();
  destination.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  server = await startServer({ service: createFakeSourceService(), adminToken, logger: createLogger({ destination, level: 'debug' }) });
});
afterAll(async () => {
  await server.close();
  // Secrets appear in no answer and no log line, whatever happened above.
  for (const text of [...answers, ...logs]) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(adminToken);
  }
});

describe('sources', () => {
  let created: SourceView;

  it('creates, reads, lists, updates and masks the secret', async () => {
    const answer = await call('POST', '/api/sources', valid);
    expect(answer.status).toBe(201);
    created = answer.json as SourceView;
    expect(created).toMatchObject({ name: 'Twilio Prod', schema: 'twilio_prod', secretMasked: '••••4242', collections: ['messages', 'calls'] });
    expect((await call('GET', `/api/sources/${created.id}`)).json).toMatchObject({ id: created.id });
    expect(await list()).toHaveLength(1);
    const patched = await call('PATCH', `/api/sources/${created.id}`, { schedule: '30m', labels: { env: 'staging' } });
    expect(patched.json).toMatchObject({ schedule: '30m', labels: { env: 'staging' }, name: 'Twilio Prod', collections: ['messages', 'calls'] });
    expect((await call('POST', `/api/sources/${created.id}/disable`)).json).toMatchObject({ enabled: false });
    expect((await call('POST', `/api/sources/${created.id}/enable`)).json).toMatchObject({ enabled: true });
  });

  it.each([
    ['no name', { ...valid, name: undefined }, 'name'],
    ['an empty name', { ...valid, name: '  ' }, 'name'],
    ['a numeric name', { ...valid, name: 5 }, 'name'],
    ['a bad Account SID', { ...valid, accountSid: 'AC123' }, 'accountSid'],
    ['a bad schema', { ...valid, schema: 'Bad Schema' }, 'schema'],
    ['an unknown collection', { ...valid, collections: ['messages', 'faxes'] }, 'collections.1'],
    ['no collections', { ...valid, collections: [] }, 'collections'],
    ['a bad start date', { ...valid, startDate: '2024/01/31' }, 'startDate'],
    ['a label that is not text', { ...valid, labels: { team: 5 } }, 'labels.team'],
    ['enabled as text', { ...valid, enabled: 'yes' }, 'enabled'],
    ['a bad API base URL', { ...valid, apiBaseUrl: 'not a url' }, 'apiBaseUrl'],
    ['an unknown field', { ...valid, colections: ['calls'] }, 'colections'],
    ['a bad API key', { ...valid, authToken: undefined, apiKey: 'SK1', apiSecret: secret }, 'apiKey'],
    ['both credentials', { ...valid, apiKey: `SK${'2'.repeat(32)}`, apiSecret: secret }, 'authToken'],
    ['no credentials', { ...valid, authToken: undefined }, 'authToken'],
    ['a schedule too short', { ...valid, schedule: 'x' }, 'schedule'],
    ['an array body', [valid], null],
  ])('refuses %s with a 400 naming the field, and creates nothing', async (_, body, field) => {
    const before = await list();
    const answer = await call('POST', '/api/sources', body);
    expect(answer.status).toBe(400);
    expect(errorOf(answer.json)).toMatchObject({ code: 'invalid_input', field });
    if (field) expect(errorOf(answer.json).message).toContain(field);
    expect(await list()).toEqual(before);
  });

  it('refuses a body that is not JSON', async () => {
    const before = await list();
    const answer = await call('POST', '/api/sources', '{"name": ');
    expect(answer.status).toBe(400);
    expect(errorOf(answer.json)).toMatchObject({ code: 'invalid_json', field: null });
    expect(await list()).toEqual(before);
  });

  it('answers 409 for a schema already used, and creates nothing', async () => {
    const before = await list();
    const answer = await call('POST', '/api/sources', { ...valid, name: 'Other', schema: 'twilio_prod' });
    expect(answer.status).toBe(409);
    expect(errorOf(answer.json).code).toBe('conflict');
    expect(await list()).toEqual(before);
  });

  it.each([
    ['a bad schema', { schema: 'Nope!' }, 'schema'],
    ['an unknown field', { nmae: 'x' }, 'nmae'],
    ['enabled as text', { enabled: 'no' }, 'enabled'],
    ['an unknown collection', { collections: ['faxes'] }, 'collections.0'],
    ['a bad subaccount', { subaccount: 'AC1' }, 'subaccount'],
  ])('refuses an update with %s and changes nothing', async (_, body, field) => {
    const before = await call('GET', `/api/sources/${created.id}`);
    const answer = await call('PATCH', `/api/sources/${created.id}`, body);
    expect(answer.status).toBe(400);
    expect(errorOf(answer.json)).toMatchObject({ code: 'invalid_input', field });
    expect((await call('GET', `/api/sources/${created.id}`)).json).toEqual(before.json);
  });

  it.each([
    ['GET', ''],
    ['PATCH', ''],
    ['DELETE', ''],
    ['POST', '/enable'],
    ['POST', '/runs'],
    ['GET', '/overview'],
  ])('answers 404 for %s of an unknown source%s', async (method, suffix) => {
    const answer = await call(method, `/api/sources/no-such-source${suffix}`, method === 'GET' || method === 'DELETE' ? undefined : {});
    expect(answer.status).toBe(404);
    expect(errorOf(answer.json).code).toBe('not_found');
  });

  it('refuses an id that cannot be one', async () => {
    const answer = await call('GET', '/api/sources/bad%20id!');
    expect(answer.status).toBe(400);
    expect(errorOf(answer.json).field).toBe('id');
  });

  it('runs, lists runs and shows the overview', async () => {
    expect((await call('POST', `/api/sources/${created.id}/runs`, { full: 'yes' })).json).toMatchObject({ error: { field: 'full' } });
    expect((await call('GET', '/api/runs')).json).toEqual({ runs: [] });
    const run = await call('POST', `/api/sources/${created.id}/runs`, { full: true });
    expect(run.status).toBe(202);
    expect(run.json).toMatchObject({ trigger: 'full', sourceId: created.id });
    await call('POST', `/api/sources/${created.id}/runs`);
    const runs = (await call('GET', `/api/runs?source=${created.id}&limit=1`)).json as { runs: unknown[] };
    expect(runs.runs).toHaveLength(1);
    for (const [query, field] of [['limit=0', 'limit'], ['limit=many', 'limit'], ['sauce=x', 'sauce']] as const) {
      expect(errorOf((await call('GET', `/api/runs?${query}`)).json).field).toBe(field);
    }
    const overview = (await call('GET', `/api/sources/${created.id}/overview`)).json as { collections: { name: string; rowsTotal: number }[]; history: unknown[] };
    expect(overview.collections.map((c) => [c.name, c.rowsTotal])).toEqual([['messages', 20], ['calls', 20]]);
    expect(overview.history).toHaveLength(2);
  });

  it('deletes', async () => {
    expect((await call('DELETE', `/api/sources/${created.id}`)).status).toBe(204);
    expect(await list()).toEqual([]);
  });
});

describe('authenticate and collections', () => {
  it('checks credentials and names the field at fault', async () => {
    expect((await call('POST', '/api/authenticate', { accountSid, authToken: fakeGoodToken })).json).toMatchObject({ accountSid, friendlyName: 'Fake account' });
    const refused = await call('POST', '/api/authenticate', { accountSid, authToken: secret });
    expect(refused.status).toBe(400);
    expect(errorOf(refused.json).field).toBe('authToken');
    expect(errorOf((await call('POST', '/api/authenticate', { authToken: secret })).json).field).toBe('accountSid');
    expect(errorOf((await call('POST', '/api/authenticate', { accountSid, authToken: secret, name: 'x' })).json).field).toBe('name');
  });

  it('lists every collection with its columns', async () => {
    const { collections } = (await call('GET', '/api/collections')).json as { collections: { table: string; columns: { name: string }[] }[] };
    expect(collections.map((c) => c.table)).toContain('messages');
    expect(collections.find((c) => c.table === 'messages')?.columns.map((c) => c.name)).toContain('sid');
  });
});

describe('the admin token', () => {
  it.each([
    ['GET', '/api/sources'],
    ['POST', '/api/sources'],
    ['GET', '/api/sources/x'],
    ['DELETE', '/api/sources/x'],
    ['POST', '/api/authenticate'],
    ['GET', '/api/collections'],
    ['GET', '/api/runs'],
    ['GET', '/metrics'],
  ])('is required for %s %s', async (method, path) => {
    for (const token of [null, 'wrong-token']) {
      const answer = await call(method, path, method === 'POST' ? valid : undefined, token);
      expect(answer.status).toBe(401);
      expect(errorOf(answer.json)).toMatchObject({ code: 'unauthorized', field: 'authorization' });
    }
    expect(await list()).toEqual([]);
  });

  it('is not required for health or the UI page', async () => {
    expect((await call('GET', '/api/health', undefined, null)).json).toEqual({ status: 'ok' });
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/ui/app.js');
    expect((await fetch(`${server.url}/ui/app.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${server.url}/ui/..%2Fui-routes.ts`)).status).toBe(404);
  });

  it('guards Prometheus metrics', async () => {
    const answer = await call('GET', '/metrics');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('twilio_source_runs_total');
  });
});
