// A source run's durable bookkeeping beside its hub: cursors per account and collection and the start date fixed
// by the first run. Only source runs write it (they hold the source lock), so no update is ever lost.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { HubError, HubWriteError } from './hub-errors.js';
import { writeFileDurably } from './write-file-durably.js';

const stateSchema = z.object({
  version: z.literal(1),
  hubId: z.string().min(1),
  startDate: z.string().nullable(),
  startDateFixed: z.boolean(),
  cursors: z.record(z.string(), z.string()),
});
export type SourceStateData = z.infer<typeof stateSchema>;

export class SourceState {
  readonly #path: string;
  #data: SourceStateData;
  #writes: Promise<void> = Promise.resolve();

  private constructor(path: string, data: SourceStateData) {
    this.#path = path;
    this.#data = data;
  }

  static async open(dir: string): Promise<SourceState> {
    const path = join(dir, 'state.json');
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (text === null) {
      const fresh: SourceStateData = { version: 1, hubId: randomUUID().slice(0, 8), startDate: null, startDateFixed: false, cursors: {} };
      const state = new SourceState(path, fresh);
      await state.update(() => undefined);
      return state;
    }
    const parsed = stateSchema.safeParse(safeJson(text));
    if (!parsed.success) throw new HubError(`The source state at ${path} is unreadable: restore it or delete the folder and run with --full`);
    return new SourceState(path, parsed.data);
  }

  get data(): Readonly<SourceStateData> {
    return this.#data;
  }

  /** Applies a change and writes it durably; writes are serialised so none is lost. */
  update(change: (data: SourceStateData) => void): Promise<void> {
    const next = structuredClone(this.#data);
    change(next);
    this.#data = next;
    const snapshot = JSON.stringify(next, null, 1);
    // A failed write (a full disk) must not block the ones after it: each starts once the previous has settled.
    const write = this.#writes
      .catch(() => undefined)
      .then(() => writeFileDurably(this.#path, snapshot, 'state'))
      .catch((error: unknown) => {
        throw new HubWriteError(this.#path, error);
      });
    this.#writes = write;
    return write;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
