// Voice Insights v1: a call's Annotation and the Call Summaries list (each summary carries its annotation).
import type { EmulatedAccount, ListFilter } from '../data/emulated-data.js';
import type { ApiContext, ApiResult } from './api-context.js';
import { readableAccount } from './authenticate.js';
import type { ParamRule } from './collection-specs.js';
import { envelopeV1Body } from './page-bodies.js';
import { parsePaging, readPage } from './paging.js';
import { parseListFilter } from './parse-list-filter.js';
import { parseTwilioDate } from './parse-twilio-date.js';
import { invalidParameter, notFound } from './twilio-api-error.js';

/** Equality filters; dotted fields reach into the summary's nested objects. */
const SUMMARY_FILTERS: Readonly<Record<string, ParamRule>> = {
  From: { kind: 'text', field: 'from.caller' },
  To: { kind: 'text', field: 'to.callee' },
  FromCarrier: { kind: 'text', field: 'from.carrier' },
  ToCarrier: { kind: 'text', field: 'to.carrier' },
  FromCountryCode: { kind: 'text', field: 'from.country_code' },
  ToCountryCode: { kind: 'text', field: 'to.country_code' },
  CallType: { kind: 'text', field: 'call_type' },
  CallState: { kind: 'text', field: 'call_state' },
  Direction: { kind: 'text', field: 'properties.direction' },
  AnsweredBy: { kind: 'text', field: 'answered_by' },
};
/** Parameters repeated in page URLs besides the filters above. */
const ECHOED = new Set(['StartTime', 'EndTime', 'ProcessingState', 'Subaccount', ...Object.keys(SUMMARY_FILTERS)]);
// The SDK also offers `started`; summaries still being assembled are the `partial` ones.
const PROCESSING_STATES: Readonly<Record<string, string | null>> = { completed: 'complete', started: 'partial', partial: 'partial', all: null };
const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function fetchAnnotation(context: ApiContext, callSid: string): ApiResult {
  // The URL names no account: look in the caller's account, then in the subaccounts it may read.
  for (const account of readableAccounts(context)) {
    const annotation = context.data.annotation(account.sid, callSid);
    if (annotation) return { status: 200, body: JSON.stringify(annotation), records: 1 };
  }
  throw notFound(`/v1/Voice/${callSid}/Annotation`);
}

export function listSummaries(context: ApiContext): ApiResult {
  const { query, data } = context;
  const get = (name: string): string | undefined => query.find(([key]) => key === name)?.[1];
  const subaccount = get('Subaccount');
  const account = subaccount ? readableAccount(data, context.principal, subaccount) : context.principal.account;
  const { filter } = parseListFilter(query, SUMMARY_FILTERS);
  const processing = get('ProcessingState');
  const state = processing === undefined ? null : PROCESSING_STATES[processing];
  if (state === undefined) throw invalidParameter('ProcessingState', `'${processing}' is not one of completed, started, partial, all`);
  const echo = query.filter(([key], i) => ECHOED.has(key) && query.findIndex(([other]) => other === key) === i);
  const paging = parsePaging(query);
  const nowMs = data.now().getTime();
  // StartTime/EndTime are relative to now: resolve them once, on the first page, and keep them in the PageToken.
  const fresh: readonly [number, number] = [timeBound('StartTime', get('StartTime') ?? '4h', nowMs), timeBound('EndTime', get('EndTime') ?? '0m', nowMs)];
  if (fresh[0] > fresh[1]) throw invalidParameter('StartTime', 'it is after EndTime');
  const page = readPage(
    { base: `${context.baseUrl}/v1/Voice/Summaries`, echo, paging, signer: context.signer, scope: `${context.generation}|${account.sid}` },
    (position, limit) => {
      const [gte, end] = position?.window ?? fresh;
      const narrowed: ListFilter = {
        equals: { ...filter.equals, ...(state ? { processing_state: state } : {}) },
        ranges: [{ field: 'start_time', gte, lt: end + 1 }],
      };
      return data.list(account.sid, 'summaries', narrowed, position?.after ?? null, limit);
    },
    fresh,
  );
  return { status: 200, body: envelopeV1Body('call_summaries', paging, page), records: page.records.length };
}

/** `30m`, `4h`, `3d`, `1w` before now, or an ISO 8601 datetime. */
function timeBound(name: string, value: string, nowMs: number): number {
  const relative = /^(\d{1,6})([mhdw])$/.exec(value);
  if (relative) return nowMs - Number(relative[1]) * (UNIT_MS[relative[2] ?? 'm'] ?? 0);
  const span = parseTwilioDate(value);
  if (!span) throw invalidParameter(name, `'${value}' is neither a relative time (30m, 4h, 3d, 1w) nor an ISO 8601 datetime`);
  return span.startMs;
}

function readableAccounts(context: ApiContext): EmulatedAccount[] {
  const own = context.principal.account;
  return [own, ...context.data.accounts().filter((account) => account.parentSid === own.sid)];
}
