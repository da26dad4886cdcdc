// How one collection's records are made: a pure function of the index for the record's fixed facts (core), and
// of the clock for its state now (status, dates, price). Nothing is stored per record.
import type { TwilioJson } from './emulated-data.js';
import type { Grid } from './grid.js';

/** The facts of record i that never change. Times are epoch seconds. */
export interface CoreRecord {
  readonly i: number;
  readonly sid: string;
  /** Creation time, monotone in i: the record exists from this second on. */
  readonly created: number;
  /** When the record gets deleted, or null if never. */
  readonly deleteAt: number | null;
}

/** A date field of the JSON, at most `maxOffset` seconds after `created` when not null. */
export interface DateField<C> {
  at(core: C, now: number): number | null;
  readonly maxOffset: number;
}

export interface RecordModel<C extends CoreRecord> {
  readonly grid: Grid;
  /** `created` of record i, cheaper than the whole core (used by binary searches). */
  anchor(i: number): number;
  core(i: number): C;
  /** The record's JSON as the API serves it at `now`. */
  json(core: C, now: number): TwilioJson;
  /** date_updated at `now`, in epoch seconds: the version ground truth reports. */
  updatedAt(core: C, now: number): number;
  /** Seconds after `created` within which a record may still change. */
  readonly maxLife: number;
  /** Date fields usable in range filters, in terms of the JSON's own field names. */
  readonly dates: Readonly<Record<string, DateField<C>>>;
  /** The index a SID would have in this collection, or null when it cannot be one of its SIDs. */
  indexOf(sid: string): number | null;
}

/** A record is deleted when its deletion time falls after the dataset was made and not after `now`. */
export function isDeleted(core: CoreRecord, origin: number, now: number): boolean {
  return core.deleteAt !== null && core.deleteAt > origin && core.deleteAt <= now;
}
