// The hub: durable, compressed, ordered record batches per source and collection, between source runs (which
// append) and warehouse runs (which load what is pending, in order). A batch is durable once append resolves.
import { mkdir, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ByteWriter } from '../byte-writer.js';
import { crashPoint } from '../crash-point.js';
import { batchFileName, batchSeqOf, decodeBatchFile, encodeBatchFile, olderBatchFileName } from './batch-file.js';
import { parseJsonBytes, parseJsonLeaving, type JsonObjects } from '../parse-json-bytes.js';
import { HubError, HubWriteError } from './hub-errors.js';
import { SourceState } from './source-state.js';
import { syncDirectory, writeFileDurably, writeTempFile } from './write-file-durably.js';

type HubRecord = Record<string, unknown>;
// Each record is checked to be an object, not parsed field by field: the batch is ours and its checksum guards it.
const recordsSchema = z.array(z.custom<HubRecord>((value) => typeof value === 'object' && value !== null && !Array.isArray(value)));
const batchSchema = z.object({
  accountSid: z.string(),
  receivedAt: z.string(),
  // Absent when the records were left as bytes.
  records: recordsSchema.optional(),
});

/** A batch read back. */
export interface HubBatch {
  readonly accountSid: string;
  readonly receivedAt: string;
  /**
   * The records' JSON array as this hub wrote it, not checked again (its checksum guards it): whoever reads it as bytes
   * must stop at anything that is not JSON, and records() then reports the batch unreadable.
   */
  readonly recordsJson: JsonObjects | undefined;
  /** The records; parsed from recordsJson at the first call when the batch has it. */
  records(): readonly HubRecord[];
}

/** A batch to append: its records, or (a page as listed) their JSON array as Twilio sent it, checked. */
export interface HubAppend {
  readonly accountSid: string;
  readonly receivedAt: string;
  readonly records: readonly Record<string, unknown>[] | JsonObjects;
}

/** The last member of a batch as #compress writes it, after accountSid, receivedAt and count; the array runs to the end. */
const RECORDS_KEY = '"records":';
const headerSchema = z.object({ accountSid: z.string(), receivedAt: z.string(), count: z.number().int().nonnegative() });

/**
 * The batch's header and its records as bytes, found by its layout instead of by checking every record's JSON again;
 * undefined for any other layout. A JSON string cannot hold `"records":` (its quotes are escaped), so the first one
 * is the member's.
 */
function asWritten(bytes: Buffer): { accountSid: string; receivedAt: string; records: JsonObjects } | undefined {
  const key = bytes.indexOf(RECORDS_KEY);
  const start = key + RECORDS_KEY.length;
  if (key < 0 || bytes[start] !== 0x5b || bytes.at(-1) !== 0x7d) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(`${bytes.toString('utf8', 0, key - 1)}}`);
  } catch {
    return undefined;
  }
  const parsed = headerSchema.safeParse(header);
  if (!parsed.success) return undefined;
  const { accountSid, receivedAt, count } = parsed.data;
  return { accountSid, receivedAt, records: { bytes: bytes.subarray(start, bytes.length - 1), count } };
}

function isJsonObjects(records: HubAppend['records']): records is JsonObjects {
  return !Array.isArray(records);
}

/** Beside a stream's batches: the highest sequence pruned so far. */
const PRUNED = 'pruned-up-to';

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
            await rename(temp, join(dir, batchFileName(seq)));
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
   * The batch's JSON, compressed (batch-file.ts); the records as given or written one by one, so no string is as
   * large as the batch. Compressed at once on this thread (~1 ms a page): zlib's async form hands each 16 KB of output back through the
   * event loop, and behind a busy loop that made an append wait ~80 ms.
   */
  #compress(batch: HubAppend): Buffer {
    const out = this.#json;
    out.clear();
    const { accountSid, receivedAt, records } = batch;
    const count = isJsonObjects(records) ? records.count : records.length;
    out.write(`{"accountSid":${JSON.stringify(accountSid)},"receivedAt":${JSON.stringify(receivedAt)},"count":${count},${RECORDS_KEY}`);
    if (isJsonObjects(records)) out.writeBytes(records.bytes);
    else {
      out.write('[');
      for (const [index, record] of records.entries()) out.write(index === 0 ? JSON.stringify(record) : `,${JSON.stringify(record)}`);
      out.write(']');
    }
    out.write('}');
    return encodeBatchFile(out.bytes());
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
      const seq = batchSeqOf(name);
      return seq === undefined ? [] : [seq];
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
    let path = join(this.dir, 'batches', stream, batchFileName(seq));
    const unreadable = (error: unknown): HubError =>
      new HubError(`The hub batch ${path} is unreadable: delete it and run a full resync of this collection`, { cause: error });
    try {
      const file = await readFile(path).catch(async (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        path = join(this.dir, 'batches', stream, olderBatchFileName(seq));
        return readFile(path);
      });
      const bytes = decodeBatchFile(path, file);
      /** Records left as bytes, parsed at the first call. */
      const asBytes = (accountSid: string, receivedAt: string, json: JsonObjects): HubBatch => {
        let parsed: readonly HubRecord[] | undefined;
        const parse = (): readonly HubRecord[] => {
          try {
            return recordsSchema.parse(parseJsonBytes(json.bytes));
          } catch (error) {
            throw unreadable(error);
          }
        };
        return { accountSid, receivedAt, recordsJson: json, records: () => (parsed ??= parse()) };
      };
      const written = asWritten(bytes);
      if (written !== undefined) return asBytes(written.accountSid, written.receivedAt, written.records);
      // A batch written before batches held their count.
      const { value, left } = parseJsonLeaving(bytes, 'records');
      const { accountSid, receivedAt, records } = batchSchema.parse(value);
      if (left !== undefined) return asBytes(accountSid, receivedAt, left);
      if (records === undefined) throw new Error('the batch has no records member');
      return { accountSid, receivedAt, recordsJson: undefined, records: () => records };
    } catch (error) {
      throw unreadable(error);
    }
  }

  /** The batch's file: as this version names it, or as an earlier one did when only that is there. */
  async #path(stream: string, seq: number): Promise<string> {
    const dir = join(this.dir, 'batches', stream);
    const path = join(dir, batchFileName(seq));
    const found = await stat(path).then(() => true, () => false);
    return found ? path : join(dir, olderBatchFileName(seq));
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
      const path = await this.#path(stream, seq);
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
