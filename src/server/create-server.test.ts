// The rest of the HTTP API on the in-memory service: runs, the Overview, authenticate, collections, health, metrics
// and the web UI's files.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceView } from '../service/source-service.js';
import { errorOf, startApi, testAdminToken, type ApiHarness } from './testing/api-harness.js';
import { createFakeSourceService, fakeGoodToken } from './testing/fake-source-service.js';

const secret = 'f00dfeedcafe0123456789abcdef4242';
const accountSid = `AC${'1'.repeat(32)}`;
let api: ApiHarness;

beforeAll(async () => {
  api = await startApi(createFakeSourceService());
});
afterAll(async () => {
  await api.close();
  for (const text of api.seen) expect(text).not.toContain(secret);
});

describe('runs and the Overview', () => {
  it('triggers runs, lists them newest first with a limit, and shows the Overview', async () => {
    const source = (await api.call('POST', '/api/sources', { name: 'Prod', accountSid, authToken: secret, collections: ['messages', 'calls'] })).json as SourceView;
    const run = await api.call('POST', `/api/sources/${source.id}/runs`, { full: true });
    expect(run.status).toBe(202);
    expect(run.json).toMatchObject({ trigger: 'full', sourceId: source.id });
    await api.call('POST', `/api/sources/${source.id}/runs`);
    const { runs } = (await api.call('GET', `/api/runs?source=${source.id}&limit=1`)).json as { runs: { trigger: string }[] };
    expect(runs.map((r) => r.trigger)).toEqual(['manual']);
    const overview = (await api.call('GET', `/api/sources/${source.id}/overview`)).json as { collections: { name: string; rowsTotal: number }[]; history: unknown[] };
    expect(overview.collections.map((c) => [c.name, c.rowsTotal])).toEqual([['messages', 20], ['calls', 20]]);
    expect(overview.history).toHaveLength(2);
  });
});

describe('authenticate and collections', () => {
  it('checks credentials and names the field at fault', async () => {
    expect((await api.call('POST', '/api/authenticate', { accountSid, authToken: fakeGoodToken })).json).toMatchObject({ accountSid, friendlyName: 'Fake account' });
    const refused = await api.call('POST', '/api/authenticate', { accountSid, authToken: secret });
    expect(refused.status).toBe(400);
    expect(errorOf(refused.json).field).toBe('authToken');
    expect(errorOf((await api.call('POST', '/api/authenticate', { authToken: secret })).json).field).toBe('accountSid');
    expect(errorOf((await api.call('POST', '/api/authenticate', { accountSid, authToken: secret, name: 'x' })).json).field).toBe('name');
  });

  it('lists every collection with its columns', async () => {
    const { collections } = (await api.call('GET', '/api/collections')).json as { collections: { table: string; columns: { name: string }[] }[] };
    expect(collections.map((c) => c.table)).toContain('messages');
    expect(collections.find((c) => c.table === 'messages')?.columns.map((c) => c.name)).toContain('sid');
  });
});

describe('health, metrics and the UI', () => {
  it('answers health and the UI page without the token', async () => {
    expect((await api.call('GET', '/api/health', undefined, null)).json).toEqual({ status: 'ok' });
    const page = await fetch(`${api.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/ui/app.js');
    expect((await fetch(`${api.url}/ui/app.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${api.url}/ui/..%2Fui-routes.ts`)).status).toBe(404);
    expect((await fetch(`${api.url}/ui/tsconfig.json`)).status).toBe(404);
  });

  it('serves Prometheus metrics with the token', async () => {
    const answer = await api.call('GET', '/metrics');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('twilio_source_runs_total');
  });

  it('refuses a body over 256 KiB with a 413, and creates nothing', async () => {
    const before = (await api.call('GET', '/api/sources')).json;
    // node:http, not fetch: the server answers before reading the whole body, and fetch reports that as a failure.
    const body = JSON.stringify({ name: 'x'.repeat(300_000), accountSid, authToken: secret });
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(`${api.url}/api/sources`, { method: 'POST', headers: { authorization: `Bearer ${testAdminToken}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      request.on('error', reject);
      request.end(body);
    });
    expect(answer.status).toBe(413);
    expect(errorOf(JSON.parse(answer.text)).code).toBe('too_large');
    expect((await api.call('GET', '/api/sources')).json).toEqual(before);
  });

  it('answers an unknown route with a JSON 404', async () => {
    expect(errorOf((await api.call('GET', '/api/nothing')).json).code).toBe('not_found');
  });
});
