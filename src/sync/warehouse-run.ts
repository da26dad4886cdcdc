// A warehouse run: loads the hub's pending batches into the warehouse in order, each load one transaction that
// also records the batch as loaded, then prunes what is loaded. Running it twice loads nothing twice.
import { allCollections } from '../collections/all-collections.js';
import { collectionNames, type CollectionName } from '../collections/collection.js';
import type { Hub } from '../hub/hub.js';
import type { Destination } from '../warehouse/destination.js';
import type { Row } from '../warehouse/table.js';
import { crashPoint } from '../crash-point.js';
import { flatten } from './flatten.js';
import { TableShape } from './table-shape.js';

export interface WarehouseRunInput {
  readonly hub: Hub;
  readonly destination: Destination;
  readonly schema: string;
  /** Loaded batches are kept this long before they are pruned. */
  readonly retentionMs: number;
  /** Rows per load transaction (several hub batches are loaded together). */
  readonly maxRowsPerLoad?: number;
  readonly onProgress?: (table: string, rows: number) => void;
  /** While this is pending (a source run going on), keep loading batches as they are appended. */
  readonly follow?: Promise<unknown>;
}

export interface TableLoad {
  readonly table: string;
  rows: number;
  batches: number;
}

export interface WarehouseRunReport {
  readonly tables: readonly TableLoad[];
  readonly notices: readonly string[];
}

export async function runWarehouse(input: WarehouseRunInput): Promise<WarehouseRunReport> {
  const { hub, destination, schema } = input;
  const loaded = new Map(await destination.loadedSeqs(schema));
  const tables = new Map<CollectionName, TableLoad>();
  const shapes = new Map<CollectionName, TableShape>();
  const notices = new Set<string>();
  let following = input.follow !== undefined;
  const followEnded = input.follow?.then(
    () => void (following = false),
    () => void (following = false),
  );
  for (;;) {
    // Taken before the pass, so an append during the pass wakes the next one instead of being missed.
    const appended = hub.appended();
    const lastPass = !following;
    for (const stream of await hub.streams()) {
      if (!isCollectionName(stream)) {
        notices.add(`The hub holds batches for an unknown collection "${stream}"; they were left as they are`);
        continue;
      }
      const table = tables.get(stream) ?? { table: stream, rows: 0, batches: 0 };
      tables.set(stream, table);
      const shape = shapes.get(stream) ?? new TableShape(schema, allCollections[stream]);
      shapes.set(stream, shape);
      await loadPending(input, stream, shape, table, loaded, notices, lastPass ? 1 : FOLLOW_MIN_BATCHES);
    }
    if (lastPass) break;
    await Promise.race([appended, followEnded]);
  }
  for (const stream of tables.keys()) await hub.prune(stream, loaded.get(hub.streamKey(stream)) ?? 0, input.retentionMs);
  return { tables: [...tables.values()], notices: [...notices] };
}

/** While following a source run, a stream waits for this many batches so that loads stay large. */
const FOLLOW_MIN_BATCHES = 10;

/** Loads a stream's pending batches in order, several per transaction, each load recording the last one's seq. */
async function loadPending(
  input: WarehouseRunInput,
  stream: CollectionName,
  shape: TableShape,
  table: TableLoad,
  loaded: Map<string, number>,
  notices: Set<string>,
  minBatches: number,
): Promise<void> {
  const { hub, destination } = input;
  const key = hub.streamKey(stream);
  const pending = await hub.pending(stream, loaded.get(key) ?? 0);
  if (pending.length < minBatches) return;
  let rows: Row[] = [];
  // One load is in flight while the next one's rows are shaped: DuckDB and PostgreSQL work on their own threads or
  // server while this thread parses. Loads still start in sequence order, each after the previous has committed.
  let inFlight: Promise<void> = Promise.resolve();
  for (const [index, seq] of pending.entries()) {
    const batch = await hub.read(stream, seq);
    const flat = batch.records.map((record) => flatten(record));
    shape.discover(flat);
    // New fields are typed by the warehouse first: an existing column keeps its type.
    if (shape.changed) {
      await inFlight;
      shape.adopt(await destination.ensureTable(shape.def));
    }
    const shaped = shape.toRows(flat, batch.receivedAt, new Date().toISOString());
    for (const notice of shaped.notices) notices.add(notice);
    for (const row of shaped.rows) rows.push(row);
    table.batches++;
    if (rows.length < (input.maxRowsPerLoad ?? 10_000) && index < pending.length - 1) continue;
    await inFlight;
    if (shape.changed) shape.adopt(await destination.ensureTable(shape.def));
    const group = rows;
    rows = [];
    crashPoint('warehouse:before-load');
    inFlight = destination.load(shape.def, group, { stream: key, seq }).then(() => {
      crashPoint('warehouse:after-load');
      loaded.set(key, seq);
      table.rows += group.length;
      input.onProgress?.(stream, table.rows);
    });
    // Its failure surfaces at the next await of it; until then it must not count as unhandled.
    inFlight.catch(() => undefined);
  }
  await inFlight;
}

function isCollectionName(name: string): name is CollectionName {
  return (collectionNames as readonly string[]).includes(name);
}
