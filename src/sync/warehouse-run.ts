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
  const loaded = await destination.loadedSeqs(schema);
  const tables: TableLoad[] = [];
  const notices = new Set<string>();
  for (const stream of await hub.streams()) {
    if (!isCollectionName(stream)) {
      notices.add(`The hub holds batches for an unknown collection "${stream}"; they were left as they are`);
      continue;
    }
    const key = hub.streamKey(stream);
    const loadedSeq = loaded.get(key) ?? 0;
    const pending = await hub.pending(stream, loadedSeq);
    const load: TableLoad = { table: stream, rows: 0, batches: 0 };
    tables.push(load);
    if (pending.length > 0) {
      const shape = new TableShape(schema, allCollections[stream]);
      let rows: Row[] = [];
      for (const [index, seq] of pending.entries()) {
        const batch = await hub.read(stream, seq);
        const flat = batch.records.map((record) => flatten(record));
        shape.discover(flat);
        // New fields are typed by the warehouse first: an existing column keeps its type.
        if (shape.changed) shape.adopt(await destination.ensureTable(shape.def));
        const shaped = shape.toRows(flat, batch.receivedAt, new Date().toISOString());
        for (const notice of shaped.notices) notices.add(notice);
        rows = rows.concat(shaped.rows);
        load.batches++;
        if (rows.length < (input.maxRowsPerLoad ?? 20_000) && index < pending.length - 1) continue;
        if (shape.changed) shape.adopt(await destination.ensureTable(shape.def));
        crashPoint('warehouse:before-load');
        await destination.load(shape.def, rows, { stream: key, seq });
        crashPoint('warehouse:after-load');
        load.rows += rows.length;
        input.onProgress?.(stream, load.rows);
        rows = [];
      }
    }
    await hub.prune(stream, pending.at(-1) ?? loadedSeq, input.retentionMs);
  }
  return { tables, notices: [...notices] };
}

function isCollectionName(name: string): name is CollectionName {
  return (collectionNames as readonly string[]).includes(name);
}
