// The hub: durable, compressed, ordered record batches per source and collection, between source runs (which
// append) and warehouse runs (which load what is pending, in order). A batch is durable once append resolves.
import { mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { ByteWriter } from '../byte-writer.js';
import { crashPoint } from '../crash-point.js';
import { parseJsonBytes } from '../parse-json-bytes.js';
import { HubError, HubWriteError } from './hub-errors.js';
import { SourceState } from './source-state.js';
import { syncDirectory, writeFileDurably, writeTempFile } from './write-file-durably.js';

const batchSchema = z.object({
  accountSid: z.string(),
  receivedAt: z.string(),
  // Each record is checked to be an object, not parsed field by field: the batch is ours and gzip's CRC guards it.
  records: z.array(z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value))),
});
export type HubBatch = z.infer<typeof batchSchema>;

/** A batch to append: its records, or (a page as listed) their JSON array as Twilio sent it, each element an object. */
export interface HubAppend {
  readonly accountSid: string;
  readonly receivedAt: string;
  readonly records: readonly Record<string, unknown>[] | Buffer;
}

const batchFile = /^(\d{12})\.json\.gz$/;
/** Beside a stream's batches: the highest sequence pruned so far. */
const PRUNED = 'pruned-up-to';
const fileName = (seq: number): string => `${String(seq).padStart(12, '0')}.json.gz`;

/** An append whose file is being written; it gets its sequence when it is renamed into place, in append order. */
interface PendingAppend {
  /** The written and flushed temp file. */
  readonly temp: Promise<string>;
  readonly resolve: (seq: number) => void;
  readonly reject: (error: unknown) => void;
}

export class Hub {
  readonly dir: string;
  readonly state: SourceState;
  readonly #nextSeq = new Map<string, number>();
  /** Per stream: appends not yet in place, in append order, and whether they are being put in place. */
  readonly #pending = new Map<string, PendingAppend[]>();
  readonly #placing = new Set<string>();
  #temps = 0;
  /** The buffer each batch is written into before it is compressed, reused (see ByteWriter). */
  readonly #json = new ByteWriter();
  /** Stream folders this process made or found. */
  readonly #folders = new Set<string>();
  #waiters: (() => void)[] = [];

  private constructor(dir: string, state: SourceState) {
    this.dir = dir;
    this.state = state;
  }

  static async open(dir: string): Promise<Hub> {
    try {
      await mkdir(join(dir, 'batches'), { recursive: true });
      return new Hub(dir, await SourceState.open(dir));
    } catch (error) {
      if (error instanceof HubError) throw error;
      throw new HubWriteError(dir, error);
    }
  }

  /** The stream name a warehouse records loads under: unique to this hub, so a new hub never looks loaded. */
  streamKey(stream: string): string {
    return `${this.state.data.hubId}.${stream}`;
  }

  /**
   * Appends a batch and resolves with its sequence once it is durable. Batches of one stream get their sequences in
   * the order append was called and are renamed into place in that order, so a reader never sees a later batch
   * without the earlier ones. Records given as bytes are written as they are.
   *
   * Files are written and flushed concurrently; only the renames take turns, and the batches renamed together share
   * one flush of the folder. Each step's callback waits its turn on a busy event loop, so nine in a row per batch
   * made appends of one stream queue behind each other.
   */
  append(stream: string, batch: HubAppend): Promise<number> {
    const dir = join(this.dir, 'batches', stream);
    const compressed = this.#compress(batch);
    const temp = this.#folder(dir).then(() => writeTempFile(join(dir, `.append-${process.pid}-${++this.#temps}.tmp`), compressed));
    // Its failure is the append's, reported when its turn comes.
    temp.catch(() => undefined);
    return new Promise((resolve, reject) => {
      const queue = this.#pending.get(stream) ?? [];
      this.#pending.set(stream, queue);
      queue.push({ temp, resolve, reject });
      if (!this.#placing.has(stream)) void this.#place(stream, dir, queue);
    });
  }

  /** Renames the written batches into place in append order, then flushes the folder once for all of them. */
  async #place(stream: string, dir: string, queue: PendingAppend[]): Promise<void> {
    this.#placing.add(stream);
    try {
      while (queue.length > 0) {
        const placed: { entry: PendingAppend; seq: number }[] = [];
        for (const entry of queue.splice(0)) {
          try {
            const temp = await entry.temp;
            const seq = (await this.#lastSeq(stream)) + 1;
            crashPoint('batch:before-rename');
            await rename(temp, join(dir, fileName(seq)));
            this.#nextSeq.set(stream, seq);
            placed.push({ entry, seq });
          } catch (error) {
            entry.reject(new HubWriteError(dir, error));
          }
        }
        if (placed.length === 0) continue;
        try {
          for (let n = 0; n < placed.length; n++) crashPoint('batch:before-dir-sync');
          await syncDirectory(dir);
        } catch (error) {
          for (const { entry } of placed) entry.reject(new HubWriteError(dir, error));
          continue;
        }
        for (const { entry, seq } of placed) entry.resolve(seq);
        for (const wake of this.#waiters.splice(0)) wake();
      }
    } finally {
      this.#placing.delete(stream);
    }
  }

  async #folder(dir: string): Promise<void> {
    if (this.#folders.has(dir)) return;
    await mkdir(dir, { recursive: true });
    this.#folders.add(dir);
  }

  /**
   * The batch's JSON, gzipped; the records as given or written one by one, so no string is as large as the batch.
   * Compressed at once on this thread (~1 ms a page): zlib's async form hands each 16 KB of output back through the
   * event loop, and behind a busy loop that made an append wait ~80 ms.
   */
  #compress(batch: HubAppend): Buffer {
    const out = this.#json;
    out.clear();
    out.write(`{"accountSid":${JSON.stringify(batch.accountSid)},"receivedAt":${JSON.stringify(batch.receivedAt)},"records":`);
    if (Buffer.isBuffer(batch.records)) out.writeBytes(batch.records);
    else {
      out.write('[');
      for (const [index, record] of batch.records.entries()) out.write(index === 0 ? JSON.stringify(record) : `,${JSON.stringify(record)}`);
      out.write(']');
    }
    out.write('}');
    return gzipSync(out.bytes(), { level: 1 });
  }

  async #lastSeq(stream: string): Promise<number> {
    const known = this.#nextSeq.get(stream);
    if (known !== undefined) return known;
    const seqs = await this.#seqs(stream);
    const last = Math.max(await this.#prunedUpTo(stream), seqs.at(-1) ?? 0);
    this.#nextSeq.set(stream, last);
    return last;
  }

  async #prunedUpTo(stream: string): Promise<number> {
    const text = await readFile(join(this.dir, 'batches', stream, PRUNED), 'utf8').catch(() => '0');
    return Number.parseInt(text, 10) || 0;
  }

  async #seqs(stream: string): Promise<number[]> {
    const names = await readdir(join(this.dir, 'batches', stream)).catch(() => [] as string[]);
    return names.flatMap((name) => {
      const match = batchFile.exec(name);
      return match?.[1] === undefined ? [] : [Number(match[1])];
    }).sort((a, b) => a - b);
  }

  /** Resolves at the next durable append in this process: a warehouse run following a source run waits on it. */
  appended(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  async streams(): Promise<string[]> {
    const names = await readdir(join(this.dir, 'batches')).catch(() => [] as string[]);
    return names.filter((name) => !name.startsWith('.')).sort();
  }

  /** Sequences of the batches after `afterSeq`, in order. */
  async pending(stream: string, afterSeq: number): Promise<number[]> {
    return (await this.#seqs(stream)).filter((seq) => seq > afterSeq);
  }

  /**
   * Read from disk even right after this process appended it: a warehouse run lags its source run by more than a few
   * batches (measured: 2–11 % of reads would hit a cache of the last 8), and parsed records kept for it cost memory.
   */
  async read(stream: string, seq: number): Promise<HubBatch> {
    const path = join(this.dir, 'batches', stream, fileName(seq));
    try {
      return batchSchema.parse(parseJsonBytes(gunzipSync(await readFile(path))));
    } catch (error) {
      throw new HubError(`The hub batch ${path} is unreadable: delete it and run a full resync of this collection`, { cause: error });
    }
  }

  /**
   * Deletes loaded batches older than the retention. The highest sequence deleted is written first (only warehouse
   * runs write it), so a later append never reuses a sequence a warehouse has already recorded as loaded.
   */
  async prune(stream: string, loadedSeq: number, retentionMs: number, now = Date.now()): Promise<number> {
    const seqs = (await this.#seqs(stream)).filter((seq) => seq <= loadedSeq);
    const last = seqs.at(-1);
    if (last === undefined) return 0;
    const marker = join(this.dir, 'batches', stream, PRUNED);
    if ((await this.#prunedUpTo(stream)) < last) await writeFileDurably(marker, String(last), 'pruned').catch((error: unknown) => {
      throw new HubWriteError(marker, error);
    });
    let pruned = 0;
    for (const seq of seqs) {
      const path = join(this.dir, 'batches', stream, fileName(seq));
      const { mtimeMs } = await stat(path);
      // A zero retention prunes at once, even a file whose mtime is a hair ahead of Date.now().
      if (retentionMs > 0 && now - mtimeMs < retentionMs) continue;
      crashPoint('hub:prune');
      await unlink(path);
      pruned++;
    }
    return pruned;
  }
}
