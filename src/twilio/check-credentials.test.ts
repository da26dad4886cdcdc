// checkCredentials and listSubaccounts against a fake Twilio that knows one main account, its subaccounts, and keys.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendJson, sendTwilioError, startFakeTwilio, type FakeTwilio } from './testing/fake-twilio-server.js';
import { TwilioClient } from './twilio-client.js';
import { TwilioAuthError } from './twilio-errors.js';

const MAIN = 'AC0123456789abcdef0123456789abcdef';
const SUBS = ['AC11111111111111111111111111111111', 'AC22222222222222222222222222222222', 'AC33333333333333333333333333333333'];
const TOKEN = 'main-token-secret';
const STANDARD_KEY = 'SK0123456789abcdef0123456789abcdef';
const MAIN_KEY = 'SKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const KEY_SECRET = 'key-secret-value';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const account = (sid: string) => ({ sid, friendly_name: `Account ${sid.slice(-4)}`, status: 'active', type: 'Full', auth_token: 'not-read' });

let server: FakeTwilio;

beforeEach(async () => {
  server = await startFakeTwilio((request, response) => {
    const auth = request.headers.authorization;
    const url = request.url ?? '';
    const full = auth === basic(MAIN, TOKEN) || auth === basic(MAIN_KEY, KEY_SECRET);
    if (!full && auth !== basic(STANDARD_KEY, KEY_SECRET)) return sendTwilioError(response, 401, 20003, 'Authenticate');
    if (url.startsWith('/2010-04-01/Accounts.json') || url === `/2010-04-01/Accounts/${MAIN}.json`) {
      // Twilio refuses standard keys on the Accounts resource.
      if (!full) return sendTwilioError(response, 401, 20003, 'Authenticate');
      if (url.startsWith(`/2010-04-01/Accounts/${MAIN}.json`)) return sendJson(response, account(MAIN));
      const second = '/2010-04-01/Accounts.json?PageSize=1000&Page=1&PageToken=PAAC22';
      if (url === second) return sendJson(response, { accounts: SUBS.slice(1).map(account), next_page_uri: null });
      return sendJson(response, { accounts: [account(MAIN), account(SUBS[0] ?? '')], next_page_uri: second });
    }
    if (url.startsWith(`/2010-04-01/Accounts/${MAIN}/Messages.json`)) return sendJson(response, { messages: [], next_page_uri: null });
    return sendTwilioError(response, 404, 20404, 'The requested resource was not found');
  });
});

afterEach(async () => {
  await server.close();
});

const client = (credentials: ConstructorParameters<typeof TwilioClient>[0]['credentials']) =>
  new TwilioClient({ credentials, baseUrl: server.baseUrl, backoffBaseMs: 1, backoffCapMs: 2 });

describe('checkCredentials', () => {
  it('returns the account name, status and type', async () => {
    await expect(client({ accountSid: MAIN, authToken: TOKEN }).checkCredentials()).resolves.toEqual({
      sid: MAIN,
      friendlyName: 'Account cdef',
      status: 'active',
      type: 'Full',
    });
  });

  it('throws TwilioAuthError with one line for a wrong token, after one request', async () => {
    const twilio = client({ accountSid: MAIN, authToken: 'wrong' });
    await expect(twilio.checkCredentials()).rejects.toThrow(TwilioAuthError);
    await expect(twilio.checkCredentials()).rejects.toThrow(
      `Twilio rejected the credentials for ${MAIN} (error 20003): check the Account SID and Auth Token`,
    );
    expect(server.requests).toHaveLength(2);
  });

  it('accepts a standard API key, which may not read the Account resource', async () => {
    await expect(client({ accountSid: MAIN, apiKey: STANDARD_KEY, apiSecret: KEY_SECRET }).checkCredentials()).resolves.toEqual({
      sid: MAIN,
      friendlyName: null,
      status: null,
      type: null,
    });
  });

  it('rejects a wrong API secret', async () => {
    await expect(client({ accountSid: MAIN, apiKey: STANDARD_KEY, apiSecret: 'wrong' }).checkCredentials()).rejects.toThrow(
      `Twilio rejected the credentials for ${MAIN} (error 20003): check the Account SID and API key (${STANDARD_KEY}) and API secret`,
    );
  });
});

describe('listSubaccounts', () => {
  it('lists every account across pages except the main one', async () => {
    const subaccounts = await client({ accountSid: MAIN, authToken: TOKEN }).listSubaccounts();
    expect(subaccounts.map((sub) => sub.sid)).toEqual(SUBS);
    expect(subaccounts[0]).toEqual({ sid: SUBS[0], friendlyName: 'Account 1111', status: 'active' });
  });

  it('works with a main API key', async () => {
    await expect(client({ accountSid: MAIN, apiKey: MAIN_KEY, apiSecret: KEY_SECRET }).listSubaccounts()).resolves.toHaveLength(3);
  });

  it('tells a standard API key user to use the Auth Token or a main key', async () => {
    const error = await client({ accountSid: MAIN, apiKey: STANDARD_KEY, apiSecret: KEY_SECRET })
      .listSubaccounts()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TwilioAuthError);
    expect((error as Error).message).toBe(
      `Twilio would not list the accounts of ${MAIN} with API key ${STANDARD_KEY} (error 20003): a standard API key cannot read Accounts; use the Auth Token or a main API key`,
    );
    expect((error as Error).cause).toBeInstanceOf(TwilioAuthError);
  });
});
