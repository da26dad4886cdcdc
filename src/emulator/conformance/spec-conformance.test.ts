// Every list page and fetched record validates against Twilio's own schemas (twilio-spec/), envelope included.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAgainstSpec } from '../data/spec-validator.js';
import type { RunningEmulator } from '../running-emulator.js';
import { getJson } from '../testing/request-emulator.js';
import { pair, startSmallEmulator } from '../testing/small-emulator.js';

type Json = Record<string, unknown>;
interface PropertySpec {
  type?: string;
  nullable?: boolean;
}
const slice = JSON.parse(readFileSync(new URL('../../../twilio-spec/openapi-slice.json', import.meta.url), 'utf8')) as {
  paths: Record<string, { get: { responses: { 200: { content: { 'application/json': { schema: { properties: Record<string, PropertySpec> } } } } } } }>;
};

/** The 2010 envelope's properties as the spec's list response declares them. */
function envelopeSpec(listPath: string): Record<string, PropertySpec> {
  const operation = slice.paths[listPath];
  if (!operation) throw new Error(`no ${listPath} in the spec slice`);
  return operation.get.responses[200].content['application/json'].schema.properties;
}

function checkEnvelope(body: Json, properties: Record<string, PropertySpec>): void {
  expect(Object.keys(body).sort()).toEqual(Object.keys(properties).sort());
  for (const [name, spec] of Object.entries(properties)) {
    const value = body[name];
    if (value === null) expect(spec.nullable, `${name} is null`).toBe(true);
    else if (spec.type === 'integer') expect(Number.isInteger(value), name).toBe(true);
    else if (spec.type === 'string') expect(typeof value, name).toBe('string');
    else if (spec.type === 'array') expect(Array.isArray(value), name).toBe(true);
  }
}

let emulator: RunningEmulator;
let credentials: readonly [string, string];
let accountSid: string;
beforeAll(async () => {
  const started = await startSmallEmulator();
  emulator = started.emulator;
  credentials = pair(started.main);
  accountSid = started.main.sid;
});
afterAll(() => emulator.close());

const RESOURCES = [
  ['Messages', 'messages', 'api.v2010.account.message'],
  ['Calls', 'calls', 'api.v2010.account.call'],
  ['Conferences', 'conferences', 'api.v2010.account.conference'],
  ['Addresses', 'addresses', 'api.v2010.account.address'],
  ['Transcriptions', 'transcriptions', 'api.v2010.account.transcription'],
] as const;

describe('schema conformance', () => {
  it.each(RESOURCES)('%s: two list pages and a fetch validate against the spec', async (resource, key, schema) => {
    const query = resource === 'Conferences' ? '?Status=completed&PageSize=3' : '?PageSize=3';
    const first = await getJson(emulator.url, `/2010-04-01/Accounts/${accountSid}/${resource}.json${query}`, credentials);
    const second = await getJson(emulator.url, String(first.body['next_page_uri']), credentials);
    for (const page of [first, second]) {
      expect(page.status).toBe(200);
      checkEnvelope(page.body, envelopeSpec(`/2010-04-01/Accounts/{AccountSid}/${resource}.json`));
      const records = page.body[key] as Json[];
      expect(records.length).toBe(3);
      for (const record of records) expect(validateAgainstSpec(schema, record), String(record['sid'])).toEqual([]);
    }
    const sid = String((first.body[key] as Json[])[0]?.['sid']);
    const fetched = await getJson(emulator.url, `/2010-04-01/Accounts/${accountSid}/${resource}/${sid}.json`, credentials);
    expect(fetched.body).toEqual((first.body[key] as Json[])[0]);
    expect(validateAgainstSpec(schema, fetched.body)).toEqual([]);
  });

  it('Accounts: list and fetch validate against the spec', async () => {
    const list = await getJson(emulator.url, '/2010-04-01/Accounts.json?PageSize=1', credentials);
    checkEnvelope(list.body, envelopeSpec('/2010-04-01/Accounts.json'));
    for (const account of list.body['accounts'] as Json[]) expect(validateAgainstSpec('api.v2010.account', account)).toEqual([]);
    const fetched = await getJson(emulator.url, `/2010-04-01/Accounts/${accountSid}.json`, credentials);
    expect(validateAgainstSpec('api.v2010.account', fetched.body)).toEqual([]);
  });

  it('Voice Insights: summaries pages (meta envelope) and annotations validate against the spec', async () => {
    const page = await getJson(emulator.url, '/v1/Voice/Summaries?StartTime=40d&PageSize=50', credentials);
    expect(Object.keys(page.body).sort()).toEqual(['call_summaries', 'meta']);
    const meta = page.body['meta'] as Json;
    expect(Object.keys(meta).sort()).toEqual(['first_page_url', 'key', 'next_page_url', 'page', 'page_size', 'previous_page_url', 'url']);
    const summaries = page.body['call_summaries'] as Json[];
    expect(summaries.length).toBe(50);
    for (const summary of summaries) expect(validateAgainstSpec('insights.v1.call_summaries', summary)).toEqual([]);
    const annotated = summaries.filter((s) => s['annotation'] !== null);
    expect(annotated.length).toBeGreaterThan(0);
    for (const summary of annotated.slice(0, 5)) {
      const annotation = await getJson(emulator.url, `/v1/Voice/${String(summary['call_sid'])}/Annotation`, credentials);
      expect(validateAgainstSpec('insights.v1.call.annotation', annotation.body)).toEqual([]);
    }
  });

  it('error bodies carry exactly code, message, more_info and status', async () => {
    const reply = await getJson(emulator.url, `/2010-04-01/Accounts/${accountSid}/Messages.json?PageSize=5000`, credentials);
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body).sort()).toEqual(['code', 'message', 'more_info', 'status']);
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});
