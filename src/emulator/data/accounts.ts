// The main account and its subaccounts, with deterministic SIDs, auth tokens and one standard API key each.
import type { EmulatedAccount } from './emulated-data.js';
import { Rng, hex32, mixSeed, randomSid } from './random.js';
import { DAY, rfc2822 } from './time-format.js';

const SUBRESOURCES: Record<string, string> = {
  available_phone_numbers: 'AvailablePhoneNumbers',
  calls: 'Calls',
  conferences: 'Conferences',
  incoming_phone_numbers: 'IncomingPhoneNumbers',
  notifications: 'Notifications',
  outgoing_caller_ids: 'OutgoingCallerIds',
  recordings: 'Recordings',
  transcriptions: 'Transcriptions',
  addresses: 'Addresses',
  signing_keys: 'SigningKeys',
  connect_apps: 'ConnectApps',
  sip: 'SIP',
  authorized_connect_apps: 'AuthorizedConnectApps',
  usage: 'Usage',
  keys: 'Keys',
  applications: 'Applications',
  short_codes: 'SMS/ShortCodes',
  queues: 'Queues',
  messages: 'Messages',
  balance: 'Balance',
};
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function secret(rng: Rng): string {
  let s = '';
  for (let k = 0; k < 32; k++) s += ALPHANUMERIC[rng.int(0, ALPHANUMERIC.length - 1)] as string;
  return s;
}

/** Accounts for a dataset whose history starts at `historyStart` (epoch seconds): main first, then subaccounts. */
export function makeAccounts(seed: number, subaccounts: number, historyStart: number): EmulatedAccount[] {
  const accounts: EmulatedAccount[] = [];
  for (let k = 0; k <= subaccounts; k++) {
    const rng = new Rng(mixSeed(seed, 0xacc0, k));
    const sid = randomSid('AC', rng);
    const authToken = hex32(rng.u32()) + hex32(rng.u32()) + hex32(rng.u32()) + hex32(rng.u32());
    const apiKeys = [{ sid: randomSid('SK', rng), secret: secret(rng) }];
    const parentSid = k === 0 ? null : (accounts[0] as EmulatedAccount).sid;
    const created = k === 0 ? historyStart - 60 * DAY : historyStart - 30 * DAY + k * 3600;
    const base = `/2010-04-01/Accounts/${sid}`;
    const json = {
      auth_token: authToken,
      date_created: rfc2822(created),
      date_updated: rfc2822(created + 3600),
      friendly_name: k === 0 ? 'Emulated main account' : `Emulated subaccount ${k}`,
      // Twilio: "The OwnerAccountSid of a parent account is its own sid."
      owner_account_sid: parentSid ?? sid,
      sid,
      status: 'active',
      subresource_uris: Object.fromEntries(Object.entries(SUBRESOURCES).map(([key, path]) => [key, `${base}/${path}.json`])),
      type: 'Full',
      uri: `${base}.json`,
    };
    accounts.push({ sid, authToken, parentSid, apiKeys, json });
  }
  return accounts;
}
