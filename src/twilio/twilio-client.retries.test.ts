// Retries and refusals against fake Twilio servers: what is retried, what is not, and the exact lines users see.
import { afterEach, describe, expect, it } from 'vitest';
import { sendJson, sendTwilioError, type FakeHandler } from './testing/fake-twilio-server.js';
import { clientAgainst, closeFakeTwilios, PATH, SID } from './testing/fake-twilio-client.js';
import { TwilioAuthError, TwilioNotFoundError, TwilioRequestError, TwilioUnavailableError } from './twilio-errors.js';

const OK = { messages: [{ sid: 'SM1' }], next_page_uri: null };
const setup = clientAgainst;

/** Fails the first `failures` requests with `fail`, then answers OK. */
function flaky(failures: number, fail: FakeHandler): FakeHandler {
  return (request, response, index) => (index < failures ? fail(request, response, index) : sendJson(response, OK));
}

afterEach(closeFakeTwilios);

describe('retries', () => {
  it('retries a 429 (code 20429) without Retry-After using backoff', async () => {
    const { twilio, retries } = await setup(flaky(2, (_q, response) => sendTwilioError(response, 429, 20429, 'Too many requests')));
    await expect(twilio.getJson(PATH)).resolves.toEqual(OK);
    expect(twilio.stats).toMatchObject({ requests: 3, retries: 2, rateLimited: 2, failures: 0 });
    expect(retries.map((event) => event.reason)).toEqual(['HTTP 429 (error 20429: Too many requests)', 'HTTP 429 (error 20429: Too many requests)']);
    expect(retries.every((event) => event.delayMs <= 5 && event.path === PATH && event.status === 429)).toBe(true);
  });

  it('honours Retry-After seconds on a 429', async () => {
    const { twilio, retries } = await setup(
      flaky(1, (_q, response) => sendTwilioError(response, 429, 20429, 'Too many requests', { 'retry-after': '1' })),
    );
    await expect(twilio.getJson(PATH)).resolves.toEqual(OK);
    expect(retries.map((event) => event.delayMs)).toEqual([1000]);
  });

  it('retries 500 and 503', async () => {
    const { twilio, retries } = await setup(
      flaky(2, (_q, response, index) => sendTwilioError(response, index === 0 ? 500 : 503, 20500, 'Internal Server Error')),
    );
    await expect(twilio.getJson(PATH)).resolves.toEqual(OK);
    expect(retries.map((event) => event.status)).toEqual([500, 503]);
    expect(twilio.stats).toMatchObject({ retries: 2, rateLimited: 0 });
  });

  it('retries a connection reset in the middle of the body', async () => {
    const { twilio, retries } = await setup(
      flaky(1, (_q, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
        response.write('{"messages": [{"sid": "SM');
        setTimeout(() => response.socket?.destroy(), 20);
      }),
    );
    await expect(twilio.getJson(PATH)).resolves.toEqual(OK);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.reason).toMatch(/^connection broke while reading an HTTP 200 body/);
  });

  it('retries a socket closed before any answer', async () => {
    const { twilio, retries } = await setup(flaky(1, (_q, response) => void response.socket?.destroy()));
    await expect(twilio.getJson(PATH)).resolves.toEqual(OK);
    expect(retries[0]?.reason).toMatch(/^connection failed/);
  });

  it('retries a complete 200 whose JSON is truncated', async () => {
    const { twilio, retries } = await setup(
      flaky(1, (_q, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"messages": [{"sid": "SM1"}, {"si');
      }),
    );
    await expect(twilio.getJson(PATH)).resolves.toEqual(OK);
    expect(retries[0]?.reason).toBe('HTTP 200 with a body that is not complete JSON (34 bytes)');
  });

  it('times out a server that never answers, and one that stalls mid-body, then retries', async () => {
    const { twilio, retries } = await setup(
      flaky(2, (_q, response, index) => {
        if (index === 1) {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('{"messages": [');
        }
      }),
      { timeoutMs: 200 },
    );
    await expect(twilio.getJson(PATH)).resolves.toEqual(OK);
    expect(retries.map((event) => event.reason)).toEqual(['timed out after 200 ms', 'timed out after 200 ms']);
  });

  it('gives up after maxRetries with one line naming the attempts and the last cause', async () => {
    const { twilio } = await setup((_q, response) => sendTwilioError(response, 503, 20503, 'Service Unavailable'), { maxRetries: 2 });
    const error = await twilio.getJson(PATH).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TwilioUnavailableError);
    expect((error as TwilioUnavailableError).message).toBe(
      `Twilio did not answer GET ${PATH} after 3 attempts (last: HTTP 503 (error 20503: Service Unavailable)): try again later`,
    );
    expect((error as TwilioUnavailableError).attempts).toBe(3);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(twilio.stats).toMatchObject({ requests: 3, retries: 2, failures: 1 });
  });

  it('stops waiting at once when the signal aborts, without calling it unavailable', async () => {
    const controller = new AbortController();
    const { twilio } = await setup((_q, response) => sendTwilioError(response, 503, 20503, 'Service Unavailable'), {
      backoffBaseMs: 60_000,
      backoffCapMs: 60_000,
      signal: controller.signal,
      onRetry: () => controller.abort(new Error('run cancelled')),
    });
    await expect(twilio.getJson(PATH)).rejects.toThrow('run cancelled');
  });
});

describe('refusals are not retried', () => {
  const cases: [number, number, string, new (...args: never[]) => Error, string][] = [
    [401, 20003, 'Authenticate', TwilioAuthError, `Twilio rejected the credentials for ${SID} (error 20003): check the Account SID and Auth Token`],
    [403, 20003, 'Forbidden', TwilioAuthError, `Twilio denied ${SID} access to ${PATH} (error 20003: Forbidden): check that the Account SID and Auth Token may read it`],
    [404, 20404, 'The requested resource was not found', TwilioNotFoundError, `Twilio found nothing at ${PATH} (error 20404): check the Account SID or subaccount SID`],
    [
      400,
      20004,
      'Unable to fetch messages older than 400 days',
      TwilioRequestError,
      `Twilio refused GET ${PATH} (HTTP 400, error 20004: Unable to fetch messages older than 400 days): see https://www.twilio.com/docs/errors/20004`,
    ],
  ];
  it.each(cases)('HTTP %i (error %i) gives one clear line', async (status, code, message, type, line) => {
    const { twilio, retries } = await setup((_q, response) => sendTwilioError(response, status, code, message));
    const error = await twilio.getJson(PATH, { 'DateSent>=': '2020-01-01' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toBe(line);
    expect(retries).toEqual([]);
    expect(twilio.stats).toMatchObject({ requests: 1, failures: 1 });
  });

  it('names the API key when a key was used', async () => {
    const { twilio } = await setup((_q, response) => sendTwilioError(response, 401, 20003, 'Authenticate'), {
      credentials: { accountSid: SID, apiKey: 'SK0123456789abcdef0123456789abcdef', apiSecret: 'secret-abc' },
    });
    await expect(twilio.getJson(PATH)).rejects.toThrow(
      `Twilio rejected the credentials for ${SID} (error 20003): check the Account SID and API key (SK0123456789abcdef0123456789abcdef) and API secret`,
    );
  });

  it('copes with an error body that is not Twilio JSON', async () => {
    const { twilio } = await setup((_q, response) => {
      response.writeHead(401, { 'content-type': 'text/html' });
      response.end('<html>nope</html>');
    });
    await expect(twilio.getJson(PATH)).rejects.toThrow(`Twilio rejected the credentials for ${SID} (HTTP 401): check the Account SID and Auth Token`);
  });
});
