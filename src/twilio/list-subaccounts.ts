// Lists the subaccounts of the credentials' account, for `--include-subaccounts`.
import { z } from 'zod';
import type { TwilioClient } from './twilio-client.js';
import { TwilioAuthError, TwilioEnvelopeError } from './twilio-errors.js';

export interface Subaccount {
  readonly sid: string;
  readonly friendlyName: string | null;
  /** `active`, `suspended` or `closed`: the caller decides which to read. */
  readonly status: string | null;
}

const accountItemSchema = z.object({
  sid: z.string().regex(/^AC[0-9a-fA-F]{32}$/),
  friendly_name: z.string().nullish(),
  status: z.string().nullish(),
});

const ACCOUNTS_PATH = '/2010-04-01/Accounts.json';

/** Every account /Accounts.json lists (all pages) except the credentials' own. */
export async function listSubaccounts(client: TwilioClient): Promise<Subaccount[]> {
  const subaccounts: Subaccount[] = [];
  try {
    for await (const page of client.listPages(ACCOUNTS_PATH, {}, 'accounts')) {
      for (const item of page.records()) {
        const parsed = accountItemSchema.safeParse(item);
        if (!parsed.success) {
          throw new TwilioEnvelopeError(`Twilio's ${ACCOUNTS_PATH} listed an item without a valid account sid: the API base URL may be wrong`);
        }
        const { sid, friendly_name, status } = parsed.data;
        if (sid !== client.accountSid) subaccounts.push({ sid, friendlyName: friendly_name ?? null, status: status ?? null });
      }
    }
  } catch (error) {
    if (!(error instanceof TwilioAuthError) || client.apiKey === undefined) throw error;
    const code = error.code === undefined ? `HTTP ${error.status ?? '?'}` : `error ${error.code}`;
    throw new TwilioAuthError(
      `Twilio would not list the accounts of ${client.accountSid} with API key ${client.apiKey} (${code}): a standard API key cannot read Accounts; use the Auth Token or a main API key`,
      { cause: error, ...(error.status === undefined ? {} : { status: error.status }), ...(error.code === undefined ? {} : { code: error.code }) },
    );
  }
  return subaccounts;
}
