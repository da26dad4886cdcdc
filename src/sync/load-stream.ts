// One stream's share of a warehouse run: stages its pending batches (and, while a source run goes on, each batch as
// it is appended) and commits them in loads of bounded size, in sequence order, each recording the last batch.
import type { CollectionName } from '../collections/collection.js';
import type { Hub, HubBatch } from '../hub/hub.js';
import type { Destination } from '../warehouse/destination.js';
import type { RowChunk } from '../warehouse/stage-rows.js';
import { crashPoint } from '../crash-point.js';
import type { TableShape } from './table-shape.js';

export interface TableLoad {
  readonly table: string;
  rows: number;
  batches: number;
}

export interface StreamLoadInput {
  readonly hub: Hub;
  readonly destination: Destination;
  readonly stream: CollectionName;
  readonly shape: TableShape;
  readonly table: TableLoad;
  /** The highest loaded seq per stream key, as the warehouse records it; updated as loads commit. */
  readonly loaded: Map<string, number>;
  readonly notices: Set<string>;
  /** Rows a load holds at most (default: the destination's rowsPerLoad). */
  readonly maxRowsPerLoad?: number;
  readonly onProgress?: (table: string, rows: number) => void;
  /** True while a source run may still append batches. */
  following(): boolean;
  /** Resolves at the next append, or once following ends. */
  wake(): Promise<void>;
}

interface ReadBatch {
  readonly seq: number;
  readonly batch: HubBatch;
}

/**
 * The next load is shaped and staged while the previous one commits: the engine works on its own threads or server
 * while this thread shapes. Commits happen one after the other, in sequence order.
 */
export async function loadStream(input: StreamLoadInput): Promise<void> {
  const { hub, destination, stream, shape, table } = input;
  const key = hub.streamKey(stream);
  const maxRows = input.maxRowsPerLoad ?? destination.rowsPerLoad;
  const nextBatch = batchReader(input, input.loaded.get(key) ?? 0);
  /** A batch read but left for the next load: it changed the table's shape, or would take a load past its rows. */
  let carried: ReadBatch | undefined;
  let committing: Promise<void> = Promise.resolve();
  for (;;) {
    const first = carried ?? (await nextBatch());
    if (first === undefined) break;
    carried = first;
    // New fields are typed by the warehouse first: an existing column keeps its type. A batch with fields the table
    // lacks ends the load before it (shape.changed), and so comes here first in the next.
    if (shape.changed) {
      shape.discover(first.batch.records());
      await committing;
      shape.adopt(await destination.ensureTable(shape.def));
    }
    let lastSeq: number | undefined;
    let staged = 0;
    async function* chunks(): AsyncGenerator<RowChunk> {
      while (staged < maxRows) {
        const read = carried ?? (await nextBatch());
        carried = undefined;
        if (read === undefined) return;
        const { batch } = read;
        // A load ends before the batch that would take it past its rows (unless it is the load's first).
        if (staged > 0 && staged + (batch.recordsJson?.count ?? batch.records().length) > maxRows) {
          carried = read;
          return;
        }
        const uuidTs = new Date().toISOString();
        // Most batches become lines straight from their bytes; the rest are parsed and shaped as objects.
        const lines = batch.recordsJson === undefined ? undefined : shape.toTextRows(batch.recordsJson, batch.receivedAt, uuidTs);
        if (lines !== undefined) {
          lastSeq = read.seq;
          staged += lines.ids.length;
          table.batches++;
          yield lines;
          continue;
        }
        const shaped = shape.toRows(batch.records(), batch.receivedAt, uuidTs);
        // A new column (or a `_raw` one for a value that did not fit) ends this load; the batch starts the next one.
        if (shape.changed) {
          carried = read;
          return;
        }
        for (const notice of shaped.notices) input.notices.add(notice);
        lastSeq = read.seq;
        staged += shaped.rows.length;
        table.batches++;
        yield shaped.rows;
      }
    }
    const load = await destination.stage(shape.def, chunks());
    if (lastSeq === undefined) {
      await load.discard();
      continue;
    }
    const marker = { stream: key, seq: lastSeq };
    await committing;
    crashPoint('warehouse:before-load');
    committing = load.commit(marker).then(() => {
      crashPoint('warehouse:after-load');
      input.loaded.set(key, marker.seq);
      table.rows += load.rows;
      input.onProgress?.(stream, table.rows);
    });
    // Its failure surfaces at the next await of it; until then it must not count as unhandled.
    committing.catch(() => undefined);
  }
  await committing;
}

/** The stream's batches after `afterSeq`, in order; while following, waits for the next append instead of ending. */
function batchReader(input: StreamLoadInput, afterSeq: number): () => Promise<ReadBatch | undefined> {
  let queue: number[] = [];
  let lastSeen = afterSeq;
  return async () => {
    for (;;) {
      const seq = queue.shift();
      if (seq !== undefined) {
        return { seq, batch: await input.hub.read(input.stream, seq) };
      }
      // Both taken before listing, so an append or the source run's end meanwhile is not missed.
      const woken = input.wake();
      const following = input.following();
      queue = await input.hub.pending(input.stream, lastSeen);
      lastSeen = queue.at(-1) ?? lastSeen;
      if (queue.length === 0 && !following) return undefined;
      if (queue.length === 0) await woken;
    }
  };
}
