// The client's HTTP transport against fake Twilio servers: kept-alive connections, compressed bodies, aborts mid-request.
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { sendJson } from './testing/fake-twilio-server.js';
import { clientAgainst, closeFakeTwilios, PATH, SID } from './testing/fake-twilio-client.js';
import { TwilioClient } from './twilio-client.js';

const OK = { messages: [{ sid: 'SM1', body: 'héllo 🎉' }], next_page_uri: null };
const setup = clientAgainst;

afterEach(closeFakeTwilios);

describe('transport', () => {
  it('keeps connections alive: sequential pages share one, parallel ones at most maxConcurrency', async () => {
    const ports: number[] = [];
    const { twilio } = await setup((request, response) => {
      ports.push(request.socket.remotePort ?? 0);
      sendJson(response, OK);
    }, { maxConcurrency: 3 });
    for (let i = 0; i < 5; i += 1) await twilio.getJson(PATH);
    expect(new Set(ports).size).toBe(1);
    ports.length = 0;
    await Promise.all(Array.from({ length: 30 }, () => twilio.getJson(PATH)));
    expect(new Set(ports).size).toBeLessThanOrEqual(3);
  });

  it('asks for compression and reads a gzip body; bytes counts what came over the wire', async () => {
    const zipped = gzipSync(JSON.stringify(OK));
    const seen: (string | undefined)[] = [];
    const { twilio } = await setup((request, response) => {
      seen.push(request.headers['accept-encoding']);
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': zipped.length });
      response.end(zipped);
    });
    await expect(twilio.getJson(PATH)).resolves.toEqual(OK);
    expect(seen).toEqual(['gzip, br']);
    expect(twilio.stats.bytes).toBe(zipped.length);
  });

  it('retries a gzip body cut short as incomplete', async () => {
    const zipped = gzipSync(JSON.stringify(OK));
    const { twilio, retries } = await setup((_q, response, index) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(index === 0 ? zipped.subarray(0, 20) : zipped);
    });
    await expect(twilio.getJson(PATH)).resolves.toEqual(OK);
    expect(retries.map((event) => event.reason)).toEqual(['HTTP 200 with a body that is not complete JSON (20 bytes)']);
  });

  it('names how much of the body came before a reset (RST) and retries', async () => {
    const { twilio, retries } = await setup((_q, response, index) => {
      if (index > 0) return sendJson(response, OK);
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      response.write('{"messages": [{"sid": "SM', () => response.socket?.resetAndDestroy());
    });
    await expect(twilio.getJson(PATH)).resolves.toEqual(OK);
    expect(retries[0]?.reason).toMatch(/^connection broke while reading an HTTP 200 body \(after 25 of 5000 bytes: .+\)$/);
    expect(retries[0]?.status).toBe(200);
  });

  it('rethrows an abort that comes while the body streams in, and does not retry it', async () => {
    const controller = new AbortController();
    const { twilio, retries } = await setup((_q, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"messages": [', () => controller.abort(new Error('run cancelled')));
    }, { signal: controller.signal });
    await expect(twilio.getJson(PATH)).rejects.toThrow('run cancelled');
    expect(retries).toEqual([]);
  });

  it('calls a refused connection a failed connection', async () => {
    const twilio = new TwilioClient({ credentials: { accountSid: SID, authToken: 'token-xyz' }, baseUrl: 'http://127.0.0.1:1', maxRetries: 0 });
    await expect(twilio.getJson(PATH)).rejects.toThrow(/^Twilio did not answer GET .+ after 1 attempt \(last: connection failed \(connect ECONNREFUSED 127\.0\.0\.1:1\)\): try again later$/);
  });
});
