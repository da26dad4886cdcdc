// The 2010-04-01 collections the emulator lists: path segment, envelope key and each filter parameter's meaning.
import type { ListName } from '../data/emulated-data.js';

/** How one query parameter narrows a listing, in terms of the records' own JSON field. */
export type ParamRule =
  | { readonly kind: 'text'; readonly field: string }
  | { readonly kind: 'enum'; readonly field: string; readonly values: readonly string[] }
  | { readonly kind: 'boolean'; readonly field: string }
  | { readonly kind: 'date'; readonly field: string; readonly bound: 'on' | 'before' | 'after' };

export interface CollectionSpec {
  readonly list: ListName;
  /** Path segment and envelope key: `Messages` → `messages`. */
  readonly resource: string;
  readonly key: string;
  readonly params: Readonly<Record<string, ParamRule>>;
  /** Filters Twilio applies when the request leaves their field unset. */
  readonly defaults?: Readonly<Record<string, string>>;
}

/** `DateSent`, `DateSent<` and `DateSent>` (the wire form of `DateSent<=` and `DateSent>=`) on one field. */
function dateParams(name: string, field: string): Record<string, ParamRule> {
  return {
    [name]: { kind: 'date', field, bound: 'on' },
    [`${name}<`]: { kind: 'date', field, bound: 'before' },
    [`${name}>`]: { kind: 'date', field, bound: 'after' },
  };
}

const CALL_STATUSES = ['queued', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled'];
const CONFERENCE_STATUSES = ['init', 'in-progress', 'completed'];
export const ACCOUNT_STATUSES = ['active', 'suspended', 'closed'];

export const COLLECTIONS: readonly CollectionSpec[] = [
  {
    list: 'messages',
    resource: 'Messages',
    key: 'messages',
    params: { To: { kind: 'text', field: 'to' }, From: { kind: 'text', field: 'from' }, ...dateParams('DateSent', 'date_sent') },
  },
  {
    list: 'calls',
    resource: 'Calls',
    key: 'calls',
    params: {
      To: { kind: 'text', field: 'to' },
      From: { kind: 'text', field: 'from' },
      ParentCallSid: { kind: 'text', field: 'parent_call_sid' },
      Status: { kind: 'enum', field: 'status', values: CALL_STATUSES },
      ...dateParams('StartTime', 'start_time'),
      ...dateParams('EndTime', 'end_time'),
    },
  },
  {
    list: 'conferences',
    resource: 'Conferences',
    key: 'conferences',
    params: {
      ...dateParams('DateCreated', 'date_created'),
      ...dateParams('DateUpdated', 'date_updated'),
      FriendlyName: { kind: 'text', field: 'friendly_name' },
      Status: { kind: 'enum', field: 'status', values: CONFERENCE_STATUSES },
    },
    // Since 2026-09-30 Twilio lists only in-progress conferences unless Status says otherwise.
    defaults: { status: 'in-progress' },
  },
  {
    list: 'addresses',
    resource: 'Addresses',
    key: 'addresses',
    params: {
      CustomerName: { kind: 'text', field: 'customer_name' },
      FriendlyName: { kind: 'text', field: 'friendly_name' },
      IsoCountry: { kind: 'text', field: 'iso_country' },
      EmergencyEnabled: { kind: 'boolean', field: 'emergency_enabled' },
    },
  },
  { list: 'transcriptions', resource: 'Transcriptions', key: 'transcriptions', params: {} },
];

export const COLLECTIONS_BY_RESOURCE: ReadonlyMap<string, CollectionSpec> = new Map(COLLECTIONS.map((c) => [c.resource, c]));
