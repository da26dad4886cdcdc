// The contract between the emulator's data (generator, clock, ground truth) and its HTTP face.
// The HTTP layer parses and validates requests, then asks this interface; it never touches records directly.

/** A Twilio resource as its JSON is served: snake_case fields, RFC 2822 dates, numeric strings. */
export type TwilioJson = Record<string, unknown>;

/** The lists the emulator serves. `summaries` are Voice Insights call summaries (each with its `annotation`). */
export type ListName = 'messages' | 'calls' | 'conferences' | 'addresses' | 'transcriptions' | 'summaries';

export interface EmulatedApiKey {
  readonly sid: string; // SK + 32 hex
  readonly secret: string;
}

export interface EmulatedAccount {
  readonly sid: string;
  readonly authToken: string;
  /** Null for the main account; the owner's SID for a subaccount. */
  readonly parentSid: string | null;
  readonly apiKeys: readonly EmulatedApiKey[];
  /** The account as GET /2010-04-01/Accounts/{Sid}.json returns it. */
  readonly json: TwilioJson;
}

/** A filter already parsed and validated by the HTTP layer, in terms of the records' own JSON fields. */
export interface ListFilter {
  /** Exact matches on a JSON field: `{ to: '+1555…' }`, `{ status: 'completed' }`, `{ emergency_enabled: true }`. */
  readonly equals?: Readonly<Record<string, string | boolean>>;
  /** Ranges on a date field (epoch milliseconds): `gte` inclusive, `lt` exclusive. A record whose field is null never matches. */
  readonly ranges?: readonly { readonly field: string; readonly gte?: number; readonly lt?: number }[];
}

export interface ListPage {
  /** Newest first, at most `limit` records. */
  readonly records: readonly TwilioJson[];
  /**
   * An opaque position just after the last record, or null when nothing more matches. Passing it back as `after`
   * continues the listing exactly there, even if records were created, changed or deleted in between.
   */
  readonly next: string | null;
}

/** Ground truth for one account and collection: what a complete listing would return now. */
export interface CollectionTruth {
  readonly count: number;
  /**
   * md5 (hex) of the sorted lines `${id}|${version}` joined by '\n', where id is the SID (for call_feedback, the
   * call SID) and version is date_updated in epoch seconds (for call_feedback, the annotation's call_score or '').
   */
  readonly checksum: string;
  /** SIDs deleted since the last reset: they no longer appear in listings. */
  readonly deleted: readonly string[];
}

/** Collections as the connector names them (call_feedback = Voice Insights annotations). */
export type TruthCollection = 'messages' | 'calls' | 'conferences' | 'addresses' | 'transcriptions' | 'call_feedback';

export type Truth = Record<string, Record<TruthCollection, CollectionTruth>>;

export interface AdvanceReport {
  readonly from: string; // ISO 8601
  readonly to: string;
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
}

export interface EmulatedData {
  /** The emulator's own clock. */
  now(): Date;
  accounts(): readonly EmulatedAccount[];
  account(sid: string): EmulatedAccount | undefined;
  list(accountSid: string, list: ListName, filter: ListFilter, after: string | null, limit: number): ListPage;
  /** One record by SID; for `summaries` the SID is the call SID. */
  fetch(accountSid: string, list: ListName, sid: string): TwilioJson | undefined;
  /** The Voice Insights annotation of a call, or undefined when the call has none. */
  annotation(accountSid: string, callSid: string): TwilioJson | undefined;
  /** Moves the clock forward: creates, changes and deletes records as Twilio would over that time. */
  advance(ms: number): AdvanceReport;
  truth(): Truth;
}
