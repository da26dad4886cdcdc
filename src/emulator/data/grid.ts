// The time grid of one collection: record i is created at a time monotone in i, so "newest first" is descending
// index and a date range is an index range found by binary search.
import { Rng, fmix32 } from './random.js';

/** Counts and times in whole epoch seconds; `interval` is the mean gap between records (Infinity when empty). */
export class Grid {
  constructor(
    readonly start: number,
    readonly interval: number,
    readonly salt: number,
  ) {}

  /** The PRNG of record i: its first draw is the record's place in its grid cell. */
  rng(i: number, stream = 0): Rng {
    return new Rng(fmix32(this.salt ^ fmix32(i + Math.imul(stream, 0x9e3779b9))));
  }

  /** Creation time from the first draw: within [lower(i), upper(i)], so monotone in i. */
  placed(i: number, draw: number): number {
    return Math.floor(this.start + (i + draw * 0.999) * this.interval);
  }

  /** No time of record i that must stay monotone may exceed this; record i + 1 is created no earlier. */
  upper(i: number): number {
    return Math.floor(this.start + (i + 1) * this.interval);
  }

  /** Smallest index whose anchor is >= t, searching [0, end). */
  firstAtOrAfter(t: number, end: number, anchor: (i: number) => number): number {
    let lo = 0;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (anchor(mid) >= t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** How many records exist at `now`: those created at or before it. */
  countAt(now: number, anchor: (i: number) => number): number {
    if (!Number.isFinite(this.interval) || now < this.start) return 0;
    const bound = Math.ceil((now - this.start + 1) / this.interval) + 1;
    return this.firstAtOrAfter(now + 1, bound, anchor);
  }
}
