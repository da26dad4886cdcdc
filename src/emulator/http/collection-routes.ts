// List and fetch for Messages, Calls, Conferences, Addresses and Transcriptions under one account.
import type { EmulatedAccount } from '../data/emulated-data.js';
import type { ApiContext, ApiResult } from './api-context.js';
import type { CollectionSpec } from './collection-specs.js';
import { envelope2010Body } from './page-bodies.js';
import { parsePaging, readPage } from './paging.js';
import { parseListFilter } from './parse-list-filter.js';
import { DAY_MS, startOfUtcDay } from './parse-twilio-date.js';
import { TwilioApiError, notFound } from './twilio-api-error.js';

/** Twilio's Messages API shows message records for 400 days (13 months); older ones only through Bulk Export. */
const MESSAGE_RETENTION_DAYS = 400;

/** A listing narrowed by its path rather than by query parameters (`/Recordings/{Sid}/Transcriptions.json`). */
export interface SubListing {
  readonly path: string;
  readonly equals: Readonly<Record<string, string>>;
}

export function listCollection(context: ApiContext, account: EmulatedAccount, spec: CollectionSpec, sub?: SubListing): ApiResult {
  const parsed = parseListFilter(context.query, spec.params, spec.defaults);
  const { echo } = parsed;
  const filter = sub ? { ...parsed.filter, equals: { ...parsed.filter.equals, ...sub.equals } } : parsed.filter;
  if (spec.list === 'messages') checkMessageRetention(filter.ranges, context.data.now().getTime());
  const paging = parsePaging(context.query);
  const page = readPage(
    {
      base: sub?.path ?? `/2010-04-01/Accounts/${account.sid}/${spec.resource}.json`,
      echo,
      paging,
      signer: context.signer,
      scope: String(context.generation),
    },
    (position, limit) => context.data.list(account.sid, spec.list, filter, position?.after ?? null, limit),
  );
  return { status: 200, body: envelope2010Body(spec.key, paging, page), records: page.records.length };
}

export function fetchFromCollection(context: ApiContext, account: EmulatedAccount, spec: CollectionSpec, sid: string): ApiResult {
  const record = context.data.fetch(account.sid, spec.list, sid);
  if (!record) throw notFound(`/2010-04-01/Accounts/${account.sid}/${spec.resource}/${sid}.json`);
  return { status: 200, body: JSON.stringify(record), records: 1 };
}

/**
 * A DateSent range that starts before the retention cutoff (or ends before it) gives 400 with code 20004. The cutoff is
 * the start of the UTC day 400 days ago, so a date-only lower bound computed as "today minus 400 days" is accepted.
 * A listing without a lower bound is allowed: the data layer serves what the API would show.
 */
function checkMessageRetention(ranges: readonly { field: string; gte?: number; lt?: number }[] | undefined, nowMs: number): void {
  const cutoff = startOfUtcDay(nowMs) - MESSAGE_RETENTION_DAYS * DAY_MS;
  const range = ranges?.find((r) => r.field === 'date_sent');
  if (!range) return;
  if ((range.gte !== undefined && range.gte < cutoff) || (range.lt !== undefined && range.lt <= cutoff)) {
    throw new TwilioApiError(
      400,
      20004,
      `DateSent reaches back more than ${MESSAGE_RETENTION_DAYS} days (before ${new Date(cutoff).toISOString().slice(0, 10)}); read older messages through Bulk Export`,
    );
  }
}
