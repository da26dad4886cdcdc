// The per-account cap on requests in flight, counted by the fake server itself.
import { afterEach, expect, it } from 'vitest';
import { sendJson, startFakeTwilio, type FakeTwilio } from './testing/fake-twilio-server.js';
import { TwilioClient } from './twilio-client.js';

const MAIN = 'AC0123456789abcdef0123456789abcdef';
const SUB = 'ACfedcba9876543210fedcba9876543210';
let server: FakeTwilio | undefined;

afterEach(async () => {
  await server?.close();
});

it('never has more than maxConcurrency requests in flight per account; Insights counts for the credentials account', async () => {
  // The budget a request spends: the subaccount's for its paths, the main account's for the rest (Insights too).
  const inFlight = { main: 0, sub: 0 };
  const max = { main: 0, sub: 0 };
  server = await startFakeTwilio((request, response) => {
    const budget = request.url?.includes(SUB) ? 'sub' : 'main';
    inFlight[budget] += 1;
    max[budget] = Math.max(max[budget], inFlight[budget]);
    response.on('close', () => (inFlight[budget] -= 1));
    // Holding every answer a little makes requests pile up, so the cap is what limits them.
    setTimeout(() => sendJson(response, { ok: true }), 10);
  });
  const twilio = new TwilioClient({ credentials: { accountSid: MAIN, authToken: 'token-xyz' }, baseUrl: server.baseUrl, maxConcurrency: 3 });
  const paths = [`/2010-04-01/Accounts/${MAIN}/Calls.json`, `/2010-04-01/Accounts/${SUB}/Calls.json`, '/v1/Voice/Summaries'];
  await Promise.all(Array.from({ length: 60 }, (_, index) => twilio.getJson(paths[index % 3] ?? '')));

  expect(server.requests).toHaveLength(60);
  expect(max.main).toBeGreaterThanOrEqual(1);
  expect(max.main).toBeLessThanOrEqual(3);
  expect(max.sub).toBeLessThanOrEqual(3);
  expect(twilio.stats).toMatchObject({ requests: 60, failures: 0 });
});
