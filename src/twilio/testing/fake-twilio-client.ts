// A TwilioClient against a fake Twilio server, with millisecond backoff and its retries recorded; the tests that use
// it close every server it started with closeFakeTwilios after each test.
import type { RetryEvent, TwilioClientOptions } from '../twilio-client-options.js';
import { TwilioClient } from '../twilio-client.js';
import { startFakeTwilio, type FakeHandler, type FakeTwilio } from './fake-twilio-server.js';

export const SID = 'AC0123456789abcdef0123456789abcdef';
export const PATH = `/2010-04-01/Accounts/${SID}/Messages.json`;

const servers: FakeTwilio[] = [];

export async function clientAgainst(handler: FakeHandler, options: Partial<TwilioClientOptions> = {}) {
  const server = await startFakeTwilio(handler);
  servers.push(server);
  const retries: RetryEvent[] = [];
  const twilio = new TwilioClient({
    credentials: { accountSid: SID, authToken: 'token-xyz' },
    baseUrl: server.baseUrl,
    backoffBaseMs: 1,
    backoffCapMs: 5,
    onRetry: (event) => retries.push(event),
    ...options,
  });
  return { server, twilio, retries };
}

export async function closeFakeTwilios(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => server.close()));
}
