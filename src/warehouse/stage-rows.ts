// Writes a load's rows to scratch files chunk by chunk, so a load of any size holds one chunk in memory at a time.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ByteWriter } from '../byte-writer.js';
import { lastRowPerId } from './last-row-per-id.js';
import type { LoadMarker, StagedLoad } from './destination.js';
import type { Row } from './table.js';
import { textRowsOf, type TextRows } from './text-rows.js';
import { StagingWriteError } from './warehouse-errors.js';

/** A load's rows on disk, one file per chunk in chunk order; each chunk holds an id at most once. */
export interface StagedRows {
  readonly files: readonly string[];
  /** The distinct ids staged. */
  readonly ids: readonly string[];
  /** The same ids, as `encodeIds` wrote them; absent without it. */
  readonly idsFile?: string;
  /** Some id is in more than one chunk: the engine keeps the row of the latest chunk. */
  readonly repeats: boolean;
  /** Removes the files; safe to call twice. */
  remove(): Promise<void>;
}

/** The chunk file names sort in chunk order, which the engines rely on to let the latest chunk win. */
const chunkFile = (dir: string, index: number): string => join(dir, `${String(index).padStart(8, '0')}.chunk`);

export interface StageRowsOptions {
  readonly tableName: string;
  /** The folder the load's own folder is made in (default: the system's temp directory). */
  readonly dir: string | undefined;
  /** Writes a chunk's rows (one id at most once) as the engine reads them; `out` is empty at each call. */
  readonly encode: (rows: TextRows, chunk: number, out: ByteWriter) => void;
  readonly encodeIds?: (ids: readonly string[], out: ByteWriter) => void;
  /** Takes no further chunk once the chunks taken hold this many bytes of long values: the load is those chunks. */
  readonly maxLongValueBytes?: number;
}

/** A chunk of rows: as objects (an id may repeat; its last row wins), or already unique and able to write itself. */
export type RowChunk = readonly Row[] | TextRows;

export async function stageRows(chunks: Iterable<RowChunk> | AsyncIterable<RowChunk>, options: StageRowsOptions): Promise<StagedRows> {
  const { tableName, encode, encodeIds, maxLongValueBytes = Infinity } = options;
  const parent = options.dir ?? tmpdir();
  const dir = await mkdir(parent, { recursive: true })
    .then(() => mkdtemp(join(parent, 'stage-')))
    .catch((error: unknown) => {
      throw new StagingWriteError(parent, error);
    });
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const files: string[] = [];
  let longValueBytes = 0;
  // Only the ids are kept across chunks (a few MB for a large load), to learn whether the engine must dedupe.
  const ids = new Set<string>();
  let repeats = false;
  // One buffer for every file of the load: each is written out before the next is encoded.
  const out = new ByteWriter();
  const writeOut = async (file: string): Promise<void> => {
    await writeFile(file, out.bytes()).catch((error: unknown) => {
      throw new StagingWriteError(dir, error);
    });
  };
  try {
    for await (const chunk of chunks) {
      const rows = isRowList(chunk) ? textRowsOf(lastRowPerId(chunk, tableName)) : chunk;
      if (rows.ids.length === 0) continue;
      for (const id of rows.ids) {
        if (ids.has(id)) repeats = true;
        else ids.add(id);
      }
      out.clear();
      encode(rows, files.length, out);
      // Nothing holds the rows while the file is written: other streams shape theirs meanwhile, and each young
      // object still reachable is copied at every scavenge.
      const file = chunkFile(dir, files.length);
      await writeOut(file);
      files.push(file);
      longValueBytes += rows.longValueBytes;
      if (longValueBytes >= maxLongValueBytes) break;
    }
    const list = [...ids];
    if (encodeIds === undefined || files.length === 0) return { files, ids: list, repeats, remove };
    const idsFile = join(dir, 'ids');
    out.clear();
    encodeIds(list, out);
    await writeOut(idsFile);
    return { files, ids: list, repeats, idsFile, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

function isRowList(chunk: RowChunk): chunk is readonly Row[] {
  return Array.isArray(chunk);
}

/** The engines' StagedLoad: `commit` runs the engine's load of these files, and either way the files go. */
export function stagedLoad(staged: StagedRows, commit: (marker: LoadMarker) => Promise<void>): StagedLoad {
  return { rows: staged.ids.length, commit: (marker) => commit(marker).finally(() => staged.remove()), discard: () => staged.remove() };
}
