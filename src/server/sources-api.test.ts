// /api/sources over real HTTP, against the in-memory service and the real one alike: every bad input is a 400 naming
// its field and changes nothing, the token is required everywhere, and no secret appears in an answer or a log line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceService, SourceView } from '../service/source-service.js';
import { errorOf, startApi, type ApiHarness } from './testing/api-harness.js';
import { createFakeSourceService } from './testing/fake-source-service.js';
import { startRealService } from './testing/real-source-service.js';

const secret = 'f00dfeedcafe0123456789abcdef4242';
const apiSecret = 'beadbeadbeadbeadbeadbeadbead5151';
const accountSid = `AC${'1'.repeat(32)}`;
const valid = { name: 'Twilio Prod', accountSid, authToken: secret, labels: { env: 'prod' }, collections: ['messages', 'calls'] };

const services: [string, () => Promise<{ service: SourceService; close(): Promise<void> }>][] = [
  ['the in-memory service', () => Promise.resolve({ service: createFakeSourceService(), close: () => Promise.resolve() })],
  ['the real service', () => startRealService()],
];

describe.each(services)('/api/sources over %s', (_, open) => {
  let api: ApiHarness;
  let close: () => Promise<void>;
  let created: SourceView;

  beforeAll(async () => {
    const opened = await open();
    close = () => opened.close();
    api = await startApi(opened.service);
  });
  afterAll(async () => {
    await api.close();
    await close();
    for (const text of api.seen) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(apiSecret);
      expect(text).not.toContain('test-admin-token');
    }
  });

  it('creates, reads, lists, updates, disables and enables, masking the secret', async () => {
    const answer = await api.call('POST', '/api/sources', valid);
    expect(answer.status).toBe(201);
    created = answer.json as SourceView;
    expect(created).toMatchObject({ name: 'Twilio Prod', schema: 'twilio_prod', secretMasked: '••••4242', collections: ['messages', 'calls'], labels: { env: 'prod' } });
    expect((await api.call('GET', `/api/sources/${created.id}`)).json).toMatchObject({ id: created.id });
    expect(await api.list()).toHaveLength(1);
    const patched = await api.call('PATCH', `/api/sources/${created.id}`, { schedule: '30m', labels: { env: 'staging' } });
    expect(patched.json).toMatchObject({ schedule: '30m', labels: { env: 'staging' }, name: 'Twilio Prod', collections: ['messages', 'calls'], secretMasked: '••••4242' });
    expect((await api.call('POST', `/api/sources/${created.id}/disable`)).json).toMatchObject({ enabled: false });
    expect((await api.call('POST', `/api/sources/${created.id}/enable`)).json).toMatchObject({ enabled: true });
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
    ['a bad API key', { ...valid, authToken: undefined, apiKey: 'SK1', apiSecret }, 'apiKey'],
    ['both credentials', { ...valid, apiKey: `SK${'2'.repeat(32)}`, apiSecret }, 'authToken'],
    ['no credentials', { ...valid, authToken: undefined }, 'authToken'],
    ['a schedule too short', { ...valid, schedule: 'x' }, 'schedule'],
    ['a subaccount and all subaccounts', { ...valid, subaccount: `AC${'5'.repeat(32)}`, includeSubaccounts: true }, 'subaccount'],
    ['an array body', [valid], null],
  ])('refuses %s with a 400 naming the field, and creates nothing', async (_, body, field) => {
    const before = await api.list();
    const answer = await api.call('POST', '/api/sources', body);
    expect(answer.status).toBe(400);
    expect(errorOf(answer.json)).toMatchObject({ code: 'invalid_input', field });
    if (field) expect(errorOf(answer.json).message).toContain(field);
    expect(await api.list()).toEqual(before);
  });

  it('refuses a body that is not JSON, and creates nothing', async () => {
    const before = await api.list();
    const answer = await api.call('POST', '/api/sources', '{"name": ');
    expect(answer.status).toBe(400);
    expect(errorOf(answer.json)).toMatchObject({ code: 'invalid_json', field: null });
    expect(await api.list()).toEqual(before);
  });

  it('answers 409 for a schema already used, and creates nothing', async () => {
    const before = await api.list();
    const answer = await api.call('POST', '/api/sources', { ...valid, name: 'Other', schema: 'twilio_prod' });
    expect(answer.status).toBe(409);
    expect(errorOf(answer.json).code).toBe('conflict');
    expect(await api.list()).toEqual(before);
  });

  it.each([
    ['a bad schema', { schema: 'Nope!' }, 'schema'],
    ['an unknown field', { nmae: 'x' }, 'nmae'],
    ['enabled as text', { enabled: 'no' }, 'enabled'],
    ['an unknown collection', { collections: ['faxes'] }, 'collections.0'],
    ['a bad subaccount', { subaccount: 'AC1' }, 'subaccount'],
    ['a bad schedule', { schedule: 'every now and then' }, 'schedule'],
  ])('refuses an update with %s and changes nothing', async (_, body, field) => {
    const before = await api.call('GET', `/api/sources/${created.id}`);
    const answer = await api.call('PATCH', `/api/sources/${created.id}`, body);
    expect(answer.status).toBe(400);
    expect(errorOf(answer.json)).toMatchObject({ code: 'invalid_input', field });
    expect((await api.call('GET', `/api/sources/${created.id}`)).json).toEqual(before.json);
  });

  it.each([
    ['GET', ''],
    ['PATCH', ''],
    ['DELETE', ''],
    ['POST', '/enable'],
    ['POST', '/runs'],
    ['GET', '/overview'],
  ])('answers 404 for %s of an unknown source%s', async (method, suffix) => {
    const answer = await api.call(method, `/api/sources/no-such-source${suffix}`, method === 'GET' || method === 'DELETE' ? undefined : {});
    expect(answer.status).toBe(404);
    expect(errorOf(answer.json).code).toBe('not_found');
  });

  it('refuses an id that cannot be one, and a bad run request', async () => {
    expect(errorOf((await api.call('GET', '/api/sources/bad%20id!')).json)).toMatchObject({ code: 'invalid_input', field: 'id' });
    expect(errorOf((await api.call('POST', `/api/sources/${created.id}/runs`, { full: 'yes' })).json)).toMatchObject({ code: 'invalid_input', field: 'full' });
    for (const [query, field] of [['limit=0', 'limit'], ['limit=many', 'limit'], ['sauce=x', 'sauce']] as const) {
      expect(errorOf((await api.call('GET', `/api/runs?${query}`)).json).field).toBe(field);
    }
    expect((await api.call('GET', '/api/runs')).json).toEqual({ runs: [] });
  });

  it.each([
    ['GET', '/api/sources'],
    ['POST', '/api/sources'],
    ['GET', '/api/sources/x'],
    ['PATCH', '/api/sources/x'],
    ['DELETE', '/api/sources/x'],
    ['POST', '/api/sources/x/runs'],
    ['POST', '/api/authenticate'],
    ['GET', '/api/collections'],
    ['GET', '/api/runs'],
    ['GET', '/metrics'],
  ])('requires the admin token for %s %s', async (method, path) => {
    const before = await api.list();
    for (const token of [null, 'wrong-token-of-some-length']) {
      const answer = await api.call(method, path, method === 'GET' || method === 'DELETE' ? undefined : valid, token);
      expect(answer.status).toBe(401);
      expect(errorOf(answer.json)).toMatchObject({ code: 'unauthorized', field: 'authorization' });
    }
    expect(await api.list()).toEqual(before);
  });

  it('deletes', async () => {
    expect((await api.call('DELETE', `/api/sources/${created.id}`)).status).toBe(204);
    expect(await api.list()).toEqual([]);
  });
});
