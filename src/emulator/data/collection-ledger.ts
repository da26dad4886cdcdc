// Ground truth and change counts of one account's collection: what a complete listing returns at a given time,
// and what changed between two times. Both scan indexes only where something can have happened.
import { createHash } from 'node:crypto';
import type { CollectionView } from './collection-view.js';
import type { CollectionTruth } from './emulated-data.js';
import type { CoreRecord } from './record-model.js';
import { DAY } from './time-format.js';

/** Deletions happen at most this long after a record's creation (see the models' deleteAt). */
const MAX_DELETE_DELAY = 2 * DAY;

/** Orders SIDs as strings do: the two prefix letters, then the first eight hex digits (exact in a double). */
function sortKey(sid: string): number {
  return (sid.charCodeAt(0) * 256 + sid.charCodeAt(1)) * 4294967296 + parseInt(sid.slice(2, 10), 16);
}

export interface ChangeCounts {
  created: number;
  updated: number;
  deleted: number;
}

export interface LedgerSpec<C extends CoreRecord> {
  /** Whether the record belongs to this collection at `now` (call_feedback: the call has an annotation). */
  include(core: C, now: number): boolean;
  /** The version ground truth reports: date_updated in epoch seconds, or the annotation's call_score. */
  version(core: C, now: number): string;
  /** Seconds after creation within which `include` or `version` may still change. */
  readonly window: number;
  /** Whether new records count as created (call_feedback's appear as updates of their calls). */
  readonly countsCreations: boolean;
}

export class CollectionLedger<C extends CoreRecord> {
  constructor(
    private readonly view: CollectionView<C>,
    private readonly spec: LedgerSpec<C>,
  ) {}

  truth(now: number): CollectionTruth {
    const n = this.view.count(now);
    const retention = this.view.model.retention;
    const from = retention === undefined ? 0 : this.view.firstAtOrAfter(now - retention.days * DAY - retention.maxOffset, n);
    const lines: string[] = [];
    const keys = new Float64Array(Math.max(0, n - from));
    for (let i = from; i < n; i++) {
      const core = this.view.model.core(i);
      if (this.view.listed(core, now) && this.spec.include(core, now)) {
        keys[lines.length] = sortKey(core.sid);
        lines.push(`${core.sid}|${this.spec.version(core, now)}`);
      }
    }
    // Sorting positions by a numeric key is several times faster than sorting the strings themselves.
    const order = new Uint32Array(lines.length).map((_, k) => k);
    order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || ((lines[a] as string) < (lines[b] as string) ? -1 : 1));
    const hash = createHash('md5');
    const chunk: string[] = [];
    for (let k = 0; k < order.length; k++) {
      chunk.push(lines[order[k] as number] as string);
      if (chunk.length === 10_000 || k === order.length - 1) {
        hash.update(chunk.join('\n') + (k < order.length - 1 ? '\n' : ''));
        chunk.length = 0;
      }
    }
    return { count: lines.length, checksum: hash.digest('hex'), deleted: this.deletedBetween(this.view.origin, now) };
  }

  /** SIDs deleted in (from, to] that belonged to the collection when they were deleted. */
  private deletedBetween(from: number, to: number): string[] {
    const sids: string[] = [];
    this.scan(from - MAX_DELETE_DELAY, to, (core) => {
      const at = core.deleteAt;
      if (at !== null && at > from && at > this.view.origin && at <= to && this.spec.include(core, at)) sids.push(core.sid);
    });
    return sids;
  }

  changes(from: number, to: number): ChangeCounts {
    const created = this.spec.countsCreations ? this.view.count(to) - this.view.count(from) : 0;
    let updated = 0;
    this.scan(from - this.spec.window, from, (core) => {
      if (!this.view.listed(core, to) || !this.view.listed(core, from)) return;
      const before = this.spec.include(core, from) ? this.spec.version(core, from) : null;
      const after = this.spec.include(core, to) ? this.spec.version(core, to) : null;
      if (before !== after) updated++;
    });
    if (!this.spec.countsCreations) {
      // Records created during the advance that already joined the collection (an annotated new call).
      this.scan(from + 1, to, (core) => {
        if (this.view.listed(core, to) && this.spec.include(core, to)) updated++;
      });
    }
    return { created, updated, deleted: this.deletedBetween(from, to).length };
  }

  /** Calls `fn` for each record created in [since, until]. */
  private scan(since: number, until: number, fn: (core: C) => void): void {
    const n = this.view.count(until);
    for (let i = this.view.firstAtOrAfter(since, n); i < n; i++) fn(this.view.model.core(i));
  }
}
