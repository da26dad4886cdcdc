// Option validation: clear one-line errors before any request, and the base URL override.
import { describe, expect, it } from 'vitest';
import { resolveTwilioClientOptions } from './twilio-client-options.js';
import { TwilioConfigError } from './twilio-errors.js';

const SID = 'AC0123456789abcdef0123456789abcdef';

describe('resolveTwilioClientOptions', () => {
  it('applies the defaults', () => {
    expect(resolveTwilioClientOptions({ credentials: { accountSid: SID, authToken: 't' } })).toMatchObject({
      apiBaseUrl: 'https://api.twilio.com',
      insightsBaseUrl: 'https://insights.twilio.com',
      maxConcurrency: 10,
      timeoutMs: 60_000,
      maxRetries: 8,
    });
  });

  it('sends both APIs to baseUrl, without a trailing slash', () => {
    const options = resolveTwilioClientOptions({
      credentials: { accountSid: SID, authToken: 't' },
      baseUrl: 'http://127.0.0.1:4010/',
      insightsBaseUrl: 'https://elsewhere.example',
    });
    expect([options.apiBaseUrl, options.insightsBaseUrl]).toEqual(['http://127.0.0.1:4010', 'http://127.0.0.1:4010']);
  });

  it.each([
    [{ accountSid: 'AC123', authToken: 't' }, 'Invalid Twilio client options: credentials.accountSid: must be AC followed by 32 hex digits'],
    [{ accountSid: SID }, 'Invalid Twilio client options: credentials: give either authToken, or apiKey and apiSecret'],
    [
      { accountSid: SID, authToken: 't', apiKey: 'SK0123456789abcdef0123456789abcdef', apiSecret: 's' },
      'Invalid Twilio client options: credentials: give either authToken, or apiKey and apiSecret',
    ],
    [{ accountSid: SID, apiKey: 'SK0123456789abcdef0123456789abcdef' }, 'Invalid Twilio client options: credentials: apiKey and apiSecret go together'],
  ])('rejects bad credentials with one line', (credentials, line) => {
    expect(() => resolveTwilioClientOptions({ credentials })).toThrow(TwilioConfigError);
    expect(() => resolveTwilioClientOptions({ credentials })).toThrow(line);
  });

  it('rejects a base URL that is not http(s) and a zero concurrency', () => {
    expect(() =>
      resolveTwilioClientOptions({ credentials: { accountSid: SID, authToken: 't' }, baseUrl: 'ftp://x', maxConcurrency: 0 }),
    ).toThrow(/^Invalid Twilio client options: baseUrl: must be an http\(s\) URL; maxConcurrency: /);
  });
});
