// The Accounts resource: the caller's own account and its subaccounts, never with a standard API key.
import type { EmulatedAccount } from '../data/emulated-data.js';
import type { ApiContext, ApiResult } from './api-context.js';
import { canRead, readableAccount, requireAccountCredentials } from './authenticate.js';
import { ACCOUNT_STATUSES } from './collection-specs.js';
import { envelope2010Body } from './page-bodies.js';
import { parsePaging, readPage } from './paging.js';
import { parseListFilter } from './parse-list-filter.js';

const ACCOUNT_FILTERS = {
  FriendlyName: { kind: 'text', field: 'friendly_name' },
  Status: { kind: 'enum', field: 'status', values: ACCOUNT_STATUSES },
} as const;

export function listAccounts(context: ApiContext): ApiResult {
  requireAccountCredentials(context.principal);
  const { filter, echo } = parseListFilter(context.query, ACCOUNT_FILTERS);
  const matches = context.data
    .accounts()
    .filter((account) => canRead(context.principal, account) && matchesEquals(account, filter.equals ?? {}));
  const paging = parsePaging(context.query);
  const page = readPage(
    { base: '/2010-04-01/Accounts.json', echo, paging, signer: context.signer, scope: String(context.generation) },
    // Accounts are few and fixed per generation: an index is a stable position.
    (position, limit) => {
      const from = position ? Number(position.after) : 0;
      const to = from + limit;
      return { records: matches.slice(from, to).map((a) => a.json), next: to < matches.length ? String(to) : null };
    },
  );
  return { status: 200, body: envelope2010Body('accounts', paging, page), records: page.records.length };
}

export function fetchAccount(context: ApiContext, sid: string): ApiResult {
  requireAccountCredentials(context.principal);
  return { status: 200, body: JSON.stringify(readableAccount(context.data, context.principal, sid).json), records: 1 };
}

function matchesEquals(account: EmulatedAccount, equals: Readonly<Record<string, string | boolean>>): boolean {
  return Object.entries(equals).every(([field, value]) => account.json[field] === value);
}
