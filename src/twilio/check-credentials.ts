// Validates credentials with one cheap read of the account itself, for `twilio-source check` and before a sync.
import { z } from 'zod';
import type { TwilioClient } from './twilio-client.js';
import { TwilioAuthError, TwilioEnvelopeError } from './twilio-errors.js';

export interface AccountInfo {
  readonly sid: string;
  /** Null only when a standard API key was used: such a key works but may not read the Account resource. */
  readonly friendlyName: string | null;
  /** `active`, `suspended` or `closed`; null as above. */
  readonly status: string | null;
  /** `Full` or `Trial`; null as above. */
  readonly type: string | null;
}

const accountSchema = z.object({
  friendly_name: z.string().nullish(),
  status: z.string().nullish(),
  type: z.string().nullish(),
});

export async function checkCredentials(client: TwilioClient): Promise<AccountInfo> {
  const sid = client.accountSid;
  let body: unknown;
  try {
    body = await client.getJson(`/2010-04-01/Accounts/${sid}.json`);
  } catch (error) {
    if (!(error instanceof TwilioAuthError) || client.apiKey === undefined) throw error;
    // Standard API keys are refused on /Accounts but read everything else: one small list tells a working
    // standard key from a wrong one (which is refused here too, with the same clear TwilioAuthError).
    await client.getJson(`/2010-04-01/Accounts/${sid}/Messages.json`, { PageSize: 1 });
    return { sid, friendlyName: null, status: null, type: null };
  }
  const parsed = accountSchema.safeParse(body);
  if (!parsed.success) {
    throw new TwilioEnvelopeError(`Twilio's answer for /2010-04-01/Accounts/${sid}.json is not an account: the API base URL may be wrong`);
  }
  const { friendly_name, status, type } = parsed.data;
  return { sid, friendlyName: friendly_name ?? null, status: status ?? null, type: type ?? null };
}
