// A warehouse run: loads the hub's pending batches into the warehouse in order, each load one transaction that
// also records the batch as loaded, then prunes what is loaded. Running it twice loads nothing twice.
import { allCollections } from '../collections/all-collections.js';
import { collectionNames, type CollectionName } from '../collections/collection.js';
import type { Hub } from '../hub/hub.js';
import type { Destination } from '../warehouse/destination.js';
import { loadStream, type TableLoad } from './load-stream.js';
import { TableShape } from './table-shape.js';

export interface WarehouseRunInput {
  readonly hub: Hub;
  readonly destination: Destination;
  readonly schema: string;
  /** Loaded batches are kept this long before they are pruned. */
  readonly retentionMs: number;
  /** Rows a load transaction holds at most (several hub batches are loaded together; default: the destination's). */
  readonly maxRowsPerLoad?: number;
  readonly onProgress?: (table: string, rows: number) => void;
  /** While this is pending (a source run going on), keep loading batches as they are appended. */
  readonly follow?: Promise<unknown>;
}

export type { TableLoad } from './load-stream.js';

export interface WarehouseRunReport {
  readonly tables: readonly TableLoad[];
  readonly notices: readonly string[];
}

export async function runWarehouse(input: WarehouseRunInput): Promise<WarehouseRunReport> {
  const { hub, destination, schema } = input;
  const loaded = new Map(await destination.loadedSeqs(schema));
  const tables = new Map<CollectionName, TableLoad>();
  const notices = new Set<string>();
  let following = input.follow !== undefined;
  const followEnded = (input.follow ?? Promise.resolve()).then(
    () => void (following = false),
    () => void (following = false),
  );
  const wake = (): Promise<void> => Promise.race([hub.appended(), followEnded]);
  // One loader per stream, started as its first batch appears; each stages batches as they come and commits in order.
  const loaders = new Map<string, Promise<void>>();
  for (;;) {
    // Taken before the pass, so an append during the pass wakes the next one instead of being missed.
    const woken = wake();
    const lastPass = !following;
    for (const stream of await hub.streams()) {
      if (loaders.has(stream)) continue;
      if (!isCollectionName(stream)) {
        notices.add(`The hub holds batches for an unknown collection "${stream}"; they were left as they are`);
        loaders.set(stream, Promise.resolve());
        continue;
      }
      const table: TableLoad = { table: stream, rows: 0, batches: 0 };
      tables.set(stream, table);
      const shape = new TableShape(schema, allCollections[stream]);
      const loader = loadStream({ ...input, stream, shape, table, loaded, notices, following: () => following, wake });
      // Awaited below with the others; until then its failure must not count as unhandled.
      loader.catch(() => undefined);
      loaders.set(stream, loader);
    }
    if (lastPass) break;
    await woken;
  }
  const outcomes = await Promise.allSettled(loaders.values());
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  for (const stream of tables.keys()) await hub.prune(stream, loaded.get(hub.streamKey(stream)) ?? 0, input.retentionMs);
  return { tables: [...tables.values()], notices: [...notices] };
}

function isCollectionName(name: string): name is CollectionName {
  return (collectionNames as readonly string[]).includes(name);
}
