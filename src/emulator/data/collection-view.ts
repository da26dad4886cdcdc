// Listing and fetching one account's collection without materialising it: newest first is descending index, date
// ranges are index ranges found by binary search, and the position after a record is its index.
import type { ListFilter, ListPage, TwilioJson } from './emulated-data.js';
import { InvalidPositionError } from './dataset-errors.js';
import { fmix32, hex32 } from './random.js';
import { isDeleted, type CoreRecord, type DateField, type RecordModel } from './record-model.js';
import { DAY } from './time-format.js';

/** A model whose lists only reach back so far (messages: 400 days by date_sent). */
export interface Retention<C> extends DateField<C> {
  readonly days: number;
}

export type ListedModel<C extends CoreRecord> = RecordModel<C> & { readonly retention?: Retention<C> };

type Range = NonNullable<ListFilter['ranges']>[number];

function fieldOf(json: TwilioJson, path: string): unknown {
  let value: unknown = json;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function equalsMatch(json: TwilioJson, equals: Readonly<Record<string, string | boolean>>): boolean {
  for (const [field, expected] of Object.entries(equals)) {
    const value = fieldOf(json, field);
    if (value !== expected && !(typeof value === 'number' && String(value) === expected)) return false;
  }
  return true;
}

function inRange(seconds: number | null, range: Range): boolean {
  if (seconds === null || Number.isNaN(seconds)) return false;
  const ms = seconds * 1000;
  return (range.gte === undefined || ms >= range.gte) && (range.lt === undefined || ms < range.lt);
}

export class CollectionView<C extends CoreRecord> {
  private readonly anchor: (i: number) => number;

  constructor(
    readonly model: ListedModel<C>,
    /** When the dataset was made: deletions before it never happened. */
    readonly origin: number,
    /** Distinguishes this list's positions from every other list's. */
    private readonly key: number,
  ) {
    this.anchor = (i) => model.anchor(i);
  }

  /** Records created at or before `now` (deleted ones included). */
  count(now: number): number {
    return this.model.grid.countAt(now, this.anchor);
  }

  /** Smallest index created at or after `t`, below `end`. */
  firstAtOrAfter(t: number, end: number): number {
    return this.model.grid.firstAtOrAfter(t, end, this.anchor);
  }

  /** Whether the record is in listings at `now` (not deleted, not past retention). */
  listed(core: C, now: number): boolean {
    if (isDeleted(core, this.origin, now)) return false;
    const r = this.model.retention;
    return r === undefined || (r.at(core, now) ?? core.created) >= now - r.days * DAY;
  }

  fetch(sid: string, now: number): C | undefined {
    const i = this.model.indexOf(sid);
    if (i === null || i >= this.count(now)) return undefined;
    const core = this.model.core(i);
    return core.sid === sid && !isDeleted(core, this.origin, now) ? core : undefined;
  }

  list(filter: ListFilter, after: string | null, limit: number, now: number): ListPage {
    const n = this.count(now);
    let hi = after === null ? n : Math.min(n, this.decode(after));
    let lo = 0;
    const r = this.model.retention;
    if (r !== undefined) lo = this.firstAtOrAfter(now - r.days * DAY - r.maxOffset, n);
    const ranges = filter.ranges ?? [];
    for (const range of ranges) {
      const field = this.model.dates[range.field];
      if (field === undefined) continue; // checked record by record below
      if (range.gte !== undefined) lo = Math.max(lo, this.firstAtOrAfter(Math.ceil(range.gte / 1000) - field.maxOffset, n));
      if (range.lt !== undefined) hi = Math.min(hi, this.firstAtOrAfter(Math.ceil(range.lt / 1000), n));
    }
    const records: TwilioJson[] = [];
    const size = Math.max(1, limit);
    let last = hi;
    for (let i = hi - 1; i >= lo; i--) {
      const core = this.model.core(i);
      if (!this.listed(core, now)) continue;
      let json: TwilioJson | undefined;
      const matches = ranges.every((range) => {
        const field = this.model.dates[range.field];
        if (field !== undefined) return inRange(field.at(core, now), range);
        json ??= this.model.json(core, now);
        const value = json[range.field];
        return typeof value === 'string' && inRange(Date.parse(value) / 1000, range);
      });
      if (!matches) continue;
      json ??= this.model.json(core, now);
      if (filter.equals !== undefined && !equalsMatch(json, filter.equals)) continue;
      // One match past a full page proves there is a next page, which starts below the page's last record.
      if (records.length === size) return { records, next: this.encode(last) };
      records.push(json);
      last = i;
    }
    return { records, next: null };
  }

  /** The position "continue below index `end`", signed so a tampered one is detected. */
  private encode(end: number): string {
    return `${end.toString(36)}.${hex32(fmix32(end ^ this.key))}`;
  }

  private decode(position: string): number {
    const match = /^([0-9a-z]{1,10})\.([0-9a-f]{8})$/.exec(position);
    const end = match ? parseInt(match[1] as string, 36) : NaN;
    if (!match || !Number.isSafeInteger(end) || hex32(fmix32(end ^ this.key)) !== match[2]) {
      throw new InvalidPositionError(position);
    }
    return end;
  }
}
