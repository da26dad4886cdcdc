// Paging and routing against fake Twilio servers: both envelopes, links followed verbatim, auth headers.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sendJson, startFakeTwilio, type FakeTwilio } from './testing/fake-twilio-server.js';
import { TwilioClient, type TwilioPage } from './twilio-client.js';
import { TwilioEnvelopeError } from './twilio-errors.js';

const SID = 'AC0123456789abcdef0123456789abcdef';
const MESSAGES = `/2010-04-01/Accounts/${SID}/Messages.json`;
const servers: FakeTwilio[] = [];

async function fake(handler: Parameters<typeof startFakeTwilio>[0]): Promise<FakeTwilio> {
  const server = await startFakeTwilio(handler);
  servers.push(server);
  return server;
}

function client(baseUrl: string): TwilioClient {
  return new TwilioClient({ credentials: { accountSid: SID, authToken: 'token-xyz' }, baseUrl, backoffBaseMs: 1, backoffCapMs: 5 });
}

async function collect(pages: AsyncIterable<TwilioPage>): Promise<TwilioPage[]> {
  const all: TwilioPage[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('listPages', () => {
  it('follows next_page_uri of the 2010 envelope exactly as given, and sends PageSize=1000 and the filters first', async () => {
    // Tokens with characters that re-encoding would change: the client must send them back byte for byte.
    const second = `${MESSAGES}?DateSent%3E=2024-01-01T00%3A00%3A00Z&PageSize=1000&Page=1&PageToken=PASM%2Fab%2Bc%3D`;
    const third = `${MESSAGES}?PageSize=1000&Page=2&PageToken=PASMzz~_.-`;
    const server = await fake((_request, response, index) => {
      const pages = [
        { messages: [{ sid: 'SM1' }, { sid: 'SM2' }], next_page_uri: second, page: 0 },
        { messages: [{ sid: 'SM3' }], next_page_uri: third, page: 1 },
        { messages: [{ sid: 'SM4' }], next_page_uri: null, page: 2 },
      ];
      sendJson(response, pages[index]);
    });
    const twilio = client(server.baseUrl);
    const pages = await collect(twilio.listPages(MESSAGES, { 'DateSent>': new Date('2024-01-01T00:00:00Z') }, 'messages'));

    expect(server.requests.map((request) => request.url)).toEqual([
      `${MESSAGES}?DateSent%3E=2024-01-01T00:00:00Z&PageSize=1000`,
      second,
      third,
    ]);
    expect(pages.flatMap((page) => page.records())).toEqual([{ sid: 'SM1' }, { sid: 'SM2' }, { sid: 'SM3' }, { sid: 'SM4' }]);
    expect(pages.map((page) => page.pageUri)).toEqual([`${MESSAGES}?DateSent%3E=2024-01-01T00:00:00Z&PageSize=1000`, second, third]);
    expect(twilio.stats).toMatchObject({ requests: 3, pages: 3, retries: 0, failures: 0 });
    expect(twilio.stats.bytes).toBeGreaterThan(0);
  });

  it('follows meta.next_page_url of the v1 envelope to the configured insights base, keeping path and query', async () => {
    const next = 'https://insights.twilio.com/v1/Voice/Summaries?StartTime=2024-01-01T00%3A00%3A00Z&PageSize=1000&Page=1&PageToken=PAxyz';
    const api = await fake((_request, response) => sendJson(response, {}, 500));
    const insights = await fake((_request, response, index) => {
      const meta = { page: index, page_size: 1000, key: 'call_summaries', next_page_url: index === 0 ? next : null };
      sendJson(response, { meta, call_summaries: [{ call_sid: `CA${index}` }] });
    });
    const twilio = new TwilioClient({
      credentials: { accountSid: SID, authToken: 'token-xyz' },
      apiBaseUrl: api.baseUrl,
      insightsBaseUrl: `${insights.baseUrl}/`,
    });
    const pages = await collect(twilio.listPages('/v1/Voice/Summaries', { StartTime: '2024-01-01T00:00:00Z' }, 'call_summaries'));

    expect(insights.requests.map((request) => request.url)).toEqual([
      '/v1/Voice/Summaries?StartTime=2024-01-01T00:00:00Z&PageSize=1000',
      '/v1/Voice/Summaries?StartTime=2024-01-01T00%3A00%3A00Z&PageSize=1000&Page=1&PageToken=PAxyz',
    ]);
    expect(api.requests).toEqual([]);
    expect(pages.flatMap((page) => page.records())).toEqual([{ call_sid: 'CA0' }, { call_sid: 'CA1' }]);
  });

  it('keeps a PageSize the caller gives', async () => {
    const server = await fake((_request, response) => sendJson(response, { messages: [], next_page_uri: null }));
    await collect(client(server.baseUrl).listPages(MESSAGES, { PageSize: 50 }, 'messages'));
    expect(server.requests[0]?.url).toBe(`${MESSAGES}?PageSize=50`);
  });

  it.each(['addresses', 'transcriptions'])('reads the old 2023 %s envelope with total, num_pages and last_page_uri', async (name) => {
    const fixture = JSON.parse(readFileSync(new URL(`../../twilio-spec/sdk-fixtures-2023/${name}.json`, import.meta.url), 'utf8')) as {
      twilio_node_list: { read_full: Record<string, unknown[]> };
    };
    const body = fixture.twilio_node_list.read_full;
    const server = await fake((_request, response) => sendJson(response, body));
    const pages = await collect(client(server.baseUrl).listPages(`/2010-04-01/Accounts/${SID}/${name}.json`, {}, name));
    expect(pages).toHaveLength(1);
    expect(pages[0]?.records()).toEqual(body[name]);
  });

  it('leaves a large page of objects as the bytes Twilio sent, parsed only when asked; one with anything else parsed', async () => {
    const records = Array.from({ length: 400 }, (_, i) => ({ sid: `SM${i}`, body: `caf\u00e9 ${'x'.repeat(200)}` }));
    const listed = JSON.stringify(records, null, 1);
    const bodies = [`{"messages": ${listed}, "next_page_uri": "${MESSAGES}?Page=1"}`, `{"messages":${JSON.stringify([...records, 7])},"next_page_uri":null}`];
    const server = await fake((request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(bodies[request.url?.includes('Page=1') === true ? 1 : 0]);
    });
    const [bytes, mixed] = await collect(client(server.baseUrl).listPages(MESSAGES, {}, 'messages'));
    expect(bytes?.recordsJson?.bytes.toString('utf8')).toBe(listed);
    expect(bytes?.count).toBe(400);
    expect(bytes?.records()).toEqual(records);
    expect(mixed?.recordsJson).toBeUndefined();
    expect(mixed?.count).toBe(401);
    expect(mixed?.records()).toEqual([...records, 7]);
  });

  it('names a missing envelope key instead of crashing', async () => {
    const server = await fake((_request, response) => sendJson(response, { calls: [], next_page_uri: null }));
    const read = collect(client(server.baseUrl).listPages(MESSAGES, {}, 'messages'));
    await expect(read).rejects.toThrow(TwilioEnvelopeError);
    await expect(read).rejects.toThrow(
      `Twilio's answer for ${MESSAGES} has no "messages" list (found: calls, next_page_uri): the path or envelope key is wrong, or the API changed`,
    );
  });

  it('stops with an error when a page links back to a page already read', async () => {
    const server = await fake((_request, response) => sendJson(response, { messages: [{}], next_page_uri: `${MESSAGES}?PageSize=1000` }));
    await expect(collect(client(server.baseUrl).listPages(MESSAGES, {}, 'messages'))).rejects.toThrow(/links back to a page already read/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('getJson', () => {
  it('sends /2010-04-01/ paths to the API base and /v1/ paths to the insights base, with Basic auth', async () => {
    const api = await fake((_request, response) => sendJson(response, { where: 'api' }));
    const insights = await fake((_request, response) => sendJson(response, { where: 'insights' }));
    const twilio = new TwilioClient({
      credentials: { accountSid: SID, apiKey: 'SK0123456789abcdef0123456789abcdef', apiSecret: 'secret-abc' },
      apiBaseUrl: api.baseUrl,
      insightsBaseUrl: insights.baseUrl,
    });
    await expect(twilio.getJson(`/2010-04-01/Accounts/${SID}.json`)).resolves.toEqual({ where: 'api' });
    await expect(twilio.getJson('/v1/Voice/CA1/Annotation', { 'StartTime<': 'x y' })).resolves.toEqual({ where: 'insights' });
    expect(insights.requests[0]?.url).toBe('/v1/Voice/CA1/Annotation?StartTime%3C=x%20y');
    const basic = `Basic ${Buffer.from('SK0123456789abcdef0123456789abcdef:secret-abc').toString('base64')}`;
    expect([...api.requests, ...insights.requests].map((request) => request.authorization)).toEqual([basic, basic]);
  });

  it('authenticates with the Account SID and Auth Token', async () => {
    const server = await fake((_request, response) => sendJson(response, {}));
    await client(server.baseUrl).getJson(`/2010-04-01/Accounts/${SID}.json`);
    expect(server.requests[0]?.authorization).toBe(`Basic ${Buffer.from(`${SID}:token-xyz`).toString('base64')}`);
  });
});
