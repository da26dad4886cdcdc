// Splits a collection's read into listings (one page chain each) that can run in parallel: date windows over
// the range to read, the last one open-ended so records dated after our clock are never missed.
import type { Collection } from '../collections/collection.js';

const DAY = 86_400_000;
/** A window spans at least this much, so an incremental run of a week and a day is one listing, not two half-empty ones. */
const MIN_WINDOW = 7 * DAY;
/** How much recent history a first sync without a start date splits into windows (Twilio keeps 400 days of messages). */
const HISTORY_DAYS = 400;

export interface Listing {
  readonly collection: Collection;
  readonly accountSid: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Stop paging after a page whose every record has `field` before `at` (a newest-first list read incrementally). */
  readonly stopBefore?: { readonly field: string; readonly at: Date };
}

export interface PlanInput {
  readonly collection: Collection;
  readonly accountSid: string;
  /** Whether the account is a subaccount read with its parent's credentials (Voice Insights needs to be told). */
  readonly viaParent: boolean;
  /** Twilio's clock now. */
  readonly now: Date;
  /** Read records dated from here on; null = everything Twilio keeps. */
  readonly from: Date | null;
  /** A cursor exists: `from` is the cursor minus the lookback, not a first run's start date. */
  readonly incremental: boolean;
  /** At most this many windows per listing. */
  readonly maxWindows: number;
}

export interface Plan {
  readonly listings: Listing[];
  readonly notices: string[];
}

export function planListings(input: PlanInput): Plan {
  const { collection, accountSid, now } = input;
  const path = collection.path.replace('{AccountSid}', accountSid);
  const read = collection.read;
  const listing = (query: Record<string, string>): Listing => ({ collection, accountSid, path, query });
  switch (read.kind) {
    case 'full': {
      const stop = read.stopWhenOlder;
      if (stop === undefined || !input.incremental || input.from === null) return { listings: [listing({})], notices: [] };
      return { listings: [{ ...listing({}), stopBefore: { field: stop.field, at: input.from } }], notices: [] };
    }
    case 'summaries': {
      const from = new Date(Math.min(input.from?.getTime() ?? now.getTime() - 400 * DAY, now.getTime() - read.minWindowDays * DAY));
      const extra: Record<string, string> = input.viaParent ? { Subaccount: accountSid } : {};
      const windows = splitRange(from, now, input.maxWindows, 'datetime');
      return {
        listings: windows.map(([start, end]) =>
          listing({ ...extra, StartTime: format(start, 'datetime'), ...(end ? { EndTime: format(end, 'datetime') } : {}) }),
        ),
        notices: [],
      };
    }
    case 'windows': {
      const notices: string[] = [];
      let from = input.from;
      if (read.minWindowDays !== undefined && from !== null) from = new Date(Math.min(from.getTime(), now.getTime() - read.minWindowDays * DAY));
      // Without a start, everything before the last HISTORY_DAYS is one listing and those days are windowed, so a
      // first sync of a big account still reads in parallel.
      let split = new Date(now.getTime() - HISTORY_DAYS * DAY);
      if (read.retentionDays !== undefined) {
        // Twilio refuses (error 20004) lists reaching back further; keep an hour's margin for clock skew. Reading
        // from there would miss that hour's records, which Twilio still lists: the listing before it has no lower
        // bound instead, as one that reads everything Twilio keeps.
        split = new Date(now.getTime() - read.retentionDays * DAY + 3_600_000);
        if (from !== null && from < split) {
          notices.push(`${collection.name}: Twilio keeps ${read.retentionDays} days; reading from ${split.toISOString()} instead of ${from.toISOString()}`);
          from = null;
        }
      }
      const windows: (readonly [Date | null, Date | null])[] =
        from === null ? [[null, split], ...splitRange(split, now, input.maxWindows - 1, read.granularity)] : splitRange(from, now, input.maxWindows, read.granularity);
      const listings = read.listings.flatMap((extra) =>
        windows.map(([start, end]) =>
          listing({
            ...extra,
            ...(start ? { [`${read.filter}>`]: format(start, read.granularity) } : {}),
            ...(end ? { [`${read.filter}<`]: format(end, read.granularity) } : {}),
          }),
        ),
      );
      return { listings, notices };
    }
  }
}

/** Windows covering [from, ∞): whole days at `date` granularity, the last one open-ended. */
function splitRange(from: Date, now: Date, maxWindows: number, granularity: 'date' | 'datetime'): (readonly [Date, Date | null])[] {
  const start = granularity === 'date' ? Math.floor(from.getTime() / DAY) * DAY : from.getTime();
  const span = Math.max(0, now.getTime() - start);
  const count = Math.max(1, Math.min(maxWindows, Math.floor(span / MIN_WINDOW)));
  let step = span / count;
  if (granularity === 'date') step = Math.max(DAY, Math.ceil(step / DAY) * DAY);
  const windows: (readonly [Date, Date | null])[] = [];
  let cursor = start;
  while (windows.length < count - 1 && cursor + step < now.getTime()) {
    windows.push([new Date(cursor), new Date(cursor + step)]);
    cursor += step;
  }
  windows.push([new Date(cursor), null]);
  return windows;
}

function format(date: Date, granularity: 'date' | 'datetime'): string {
  const iso = date.toISOString();
  return granularity === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}
