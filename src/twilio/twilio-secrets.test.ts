// Secrets never leak: every error the client can throw, its causes, and the client itself are checked for them.
import { inspect } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { sendJson, sendTwilioError, startFakeTwilio, type FakeTwilio } from './testing/fake-twilio-server.js';
import { TwilioClient } from './twilio-client.js';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'tok3n-that-must-never-show';
const SECRET = 's3cret-that-must-never-show';
const servers: FakeTwilio[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function expectNoSecrets(value: unknown): void {
  const texts = [String(value), inspect(value, { depth: 10 }), JSON.stringify(value) ?? ''];
  if (value instanceof Error) texts.push(value.message, inspect(value.cause, { depth: 10 }));
  for (const text of texts) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(`${SID}:${TOKEN}`).toString('base64'));
  }
}

it('keeps the token and secret out of every error and out of the client', async () => {
  const server = await startFakeTwilio((request, response) => {
    const status = Number(/status=(\d+)/.exec(request.url ?? '')?.[1] ?? 200);
    if (request.url?.includes('reset')) return void response.socket?.destroy();
    if (status === 200) return sendJson(response, { nothing: true });
    return sendTwilioError(response, status, 20000 + status, `failed with ${status}`);
  });
  servers.push(server);
  // A port that was just freed: connections to it are refused.
  const gone = await startFakeTwilio(() => undefined);
  await gone.close();
  const refused = gone.baseUrl;
  const errors: unknown[] = [];
  for (const credentials of [
    { accountSid: SID, authToken: TOKEN },
    { accountSid: SID, apiKey: 'SK0123456789abcdef0123456789abcdef', apiSecret: SECRET },
  ]) {
    const twilio = new TwilioClient({ credentials, baseUrl: server.baseUrl, maxRetries: 1, backoffBaseMs: 1, backoffCapMs: 1 });
    expectNoSecrets(twilio);
    for (const status of [400, 401, 403, 404, 503]) {
      errors.push(await twilio.getJson(`/2010-04-01/Accounts/${SID}/Calls.json`, { status }).catch((error: unknown) => error));
    }
    errors.push(await twilio.getJson(`/2010-04-01/Accounts/${SID}/Calls.json`, { reset: 1 }).catch((error: unknown) => error));
    errors.push(await twilio.listPages(`/2010-04-01/Accounts/${SID}/Calls.json`, {}, 'calls').next().catch((error: unknown) => error));
    errors.push(await twilio.listSubaccounts().catch((error: unknown) => error));
    const unreachable = new TwilioClient({ credentials, baseUrl: refused, maxRetries: 1, backoffBaseMs: 1, backoffCapMs: 1 });
    errors.push(await unreachable.checkCredentials().catch((error: unknown) => error));
  }
  errors.push(
    (() => {
      try {
        return new TwilioClient({ credentials: { accountSid: TOKEN, authToken: SECRET, apiSecret: SECRET } });
      } catch (error) {
        return error;
      }
    })(),
  );
  expect(errors.every((error) => error instanceof Error)).toBe(true);
  for (const error of errors) expectNoSecrets(error);
});
