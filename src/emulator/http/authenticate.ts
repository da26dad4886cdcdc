// HTTP Basic auth as Twilio does it: AccountSid:AuthToken or an API key SK…:secret, and who may read which account.
import { timingSafeEqual } from 'node:crypto';
import type { EmulatedAccount, EmulatedData } from '../data/emulated-data.js';
import { TwilioApiError, authenticationError } from './twilio-api-error.js';

/** Who sent a request: the account the credentials belong to, and whether they were a (standard) API key. */
export interface Principal {
  readonly account: EmulatedAccount;
  readonly viaApiKey: boolean;
}

interface KeyOwner {
  readonly account: EmulatedAccount;
  readonly secret: string;
}

const keyIndexes = new WeakMap<EmulatedData, Map<string, KeyOwner>>();

export function authenticate(data: EmulatedData, authorization: string | undefined): Principal {
  const match = /^Basic\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) throw authenticationError();
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (colon < 0) throw authenticationError();
  if (username.startsWith('SK')) {
    const owner = keyIndex(data).get(username);
    if (owner && sameSecret(owner.secret, password)) return { account: owner.account, viaApiKey: true };
    throw authenticationError();
  }
  const account = data.account(username);
  if (account && sameSecret(account.authToken, password)) return { account, viaApiKey: false };
  throw authenticationError();
}

/** Parent credentials read their subaccounts; any credentials read their own account. */
export function canRead(principal: Principal, account: EmulatedAccount): boolean {
  return account.sid === principal.account.sid || account.parentSid === principal.account.sid;
}

/** The account named in a URL, if these credentials may read it; otherwise Twilio's 401 (code 20003). */
export function readableAccount(data: EmulatedData, principal: Principal, accountSid: string): EmulatedAccount {
  const account = data.account(accountSid);
  if (!account || !canRead(principal, account)) throw authenticationError();
  return account;
}

/** Standard API keys may not touch the Accounts resource: Twilio answers 401, code 20003. */
export function requireAccountCredentials(principal: Principal): void {
  if (principal.viaApiKey) {
    throw new TwilioApiError(401, 20003, 'Authentication Error - invalid username', {
      'WWW-Authenticate': 'Basic realm="Twilio API"',
    });
  }
}

function keyIndex(data: EmulatedData): Map<string, KeyOwner> {
  let index = keyIndexes.get(data);
  if (!index) {
    index = new Map();
    for (const account of data.accounts()) {
      for (const key of account.apiKeys) index.set(key.sid, { account, secret: key.secret });
    }
    keyIndexes.set(data, index);
  }
  return index;
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
