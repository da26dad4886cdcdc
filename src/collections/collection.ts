// What a collection is: where Twilio lists it, how to read it incrementally, and how its rows are typed.
import type { Column } from '../warehouse/table.js';

export const collectionNames = ['addresses', 'calls', 'conferences', 'transcriptions', 'messages', 'call_feedback'] as const;
export type CollectionName = (typeof collectionNames)[number];

/**
 * How a collection is read.
 * - `windows`: date windows on a filter parameter (`DateSent` → `DateSent>=` / `DateSent<=` on the wire). `date`
 *   granularity sends YYYY-MM-DD (Twilio accepts only dates there); `datetime` sends ISO 8601 instants. Each
 *   listing in `listings` is read separately with its extra parameters (conferences: one per Status).
 * - `full`: the API has no date filter; list everything on every run, unless `stopWhenOlder` says the list is
 *   newest first by a date field after which a record soon stops changing: then an incremental run stops paging
 *   once a whole page is older than the cursor minus the lookback.
 * - `summaries`: Voice Insights call summaries over a rolling window (StartTime/EndTime), one row per summary
 *   that carries an annotation.
 */
export type ReadStrategy =
  | {
      readonly kind: 'windows';
      readonly filter: string;
      readonly granularity: 'date' | 'datetime';
      readonly listings: readonly Readonly<Record<string, string>>[];
      /** Twilio refuses lists reaching back further (messages: 400 days, error 20004). */
      readonly retentionDays?: number;
      /** Every run reads at least this far back, whatever the cursor (annotations come up to 30 days late). */
      readonly minWindowDays?: number;
    }
  | {
      readonly kind: 'full';
      /** The list is newest first by `field` (a date), and a record changes only within the lookback after it. */
      readonly stopWhenOlder?: { readonly field: string };
    }
  | { readonly kind: 'summaries'; readonly minWindowDays: number };

export interface Collection {
  readonly name: CollectionName;
  /** The list path; `{AccountSid}` is replaced by the account read. */
  readonly path: string;
  /** The key of the records' array in the list envelope. */
  readonly envelopeKey: string;
  readonly read: ReadStrategy;
  /**
   * The fields Twilio documents with their warehouse types, after flattening (`subresource_uris_media`).
   * Fields not listed still land: their type is inferred from the first value seen.
   */
  readonly columns: readonly Column[];
  /** Turns one listed item into the record stored as a row; absent = the item itself. Returns null to skip it. */
  readonly toRecord?: (item: Readonly<Record<string, unknown>>) => Record<string, unknown> | null;
  /** The item field holding the Twilio SID that becomes `id`. */
  readonly idField: string;
  /**
   * Each listed item is fetched again at `path(item)` (a 404 means it has none) and `combine` makes the record
   * `toRecord` then maps.
   */
  readonly expand?: {
    readonly path: (item: Readonly<Record<string, unknown>>) => string;
    readonly combine: (item: Readonly<Record<string, unknown>>, fetched: unknown) => Record<string, unknown>;
  };
  /**
   * The only fields of a listed item that `expand` (or else `toRecord`) reads: a page's items are then parsed for
   * these alone. A collection made from another lists its own (call feedback read call by call reads calls).
   */
  readonly itemFields?: readonly string[];
}

/** Shorthand for column lists: `{ sid: 'text', price: 'double' }`. */
export function columns(types: Readonly<Record<string, Column['type']>>): readonly Column[] {
  return Object.entries(types).map(([name, type]) => ({ name, type }));
}
