// A Bloom filter of the ids loaded into a table that was empty when the session began: a load none of whose ids it
// might hold has nothing to delete, so it skips the scan of the whole table that a DELETE without an index costs.

/** 32 bits and 22 probes per id: a false positive about once in five million ids, so one load in 40 of 122,880 pays. */
const BITS_PER_ID = 32;
const PROBES = 22;
const FIRST_CAPACITY = 1 << 16;
/** Layers double up to this many ids (4 MB) and stay that size: the filter costs 4 bytes an id, plus one layer's slack. */
const MAX_LAYER_CAPACITY = 1 << 20;
/**
 * Ids a filter takes by default (16 MB of layers), so a first sync's memory stays flat however large the table (at 4
 * bytes an id, 100 million ids took 400 MB). Past it the caller drops the filter and each load deletes first, a scan of
 * the table's ids: ~60 ms a million rows on DuckDB's one thread (measured on this project's machine), which DuckDB
 * spends while the source run goes on reading.
 */
const DEFAULT_MAX_IDS = 1 << 22;

/** One fixed-size filter; the filter grows by adding layers, so its size follows the table. */
class Layer {
  readonly bits: Uint32Array;
  readonly capacity: number;
  count = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.bits = new Uint32Array((capacity * BITS_PER_ID) / 32);
  }

  add(h1: number, h2: number): void {
    const size = this.bits.length * 32;
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + i * h2) % size;
      this.bits[bit >>> 5] = (this.bits[bit >>> 5] ?? 0) | (1 << (bit & 31));
    }
    this.count++;
  }

  has(h1: number, h2: number): boolean {
    const size = this.bits.length * 32;
    for (let i = 0; i < PROBES; i++) {
      const bit = (h1 + i * h2) % size;
      if (((this.bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

export class IdFilter {
  readonly #layers: Layer[] = [];

  constructor(readonly maxIds = DEFAULT_MAX_IDS) {}

  /** Holding maxIds ids or more: it would grow past its bound, so its holder should stop adding and drop it. */
  get full(): boolean {
    return this.#layers.reduce((ids, layer) => ids + layer.count, 0) >= this.maxIds;
  }

  add(id: string): void {
    let top = this.#layers.at(-1);
    if (top === undefined || top.count >= top.capacity) {
      top = new Layer(top === undefined ? FIRST_CAPACITY : Math.min(top.capacity * 2, MAX_LAYER_CAPACITY));
      this.#layers.push(top);
    }
    const [h1, h2] = hashes(id);
    top.add(h1, h2);
  }

  /** False means the id was never added; true means it may have been. */
  mightHave(id: string): boolean {
    const [h1, h2] = hashes(id);
    return this.#layers.some((layer) => layer.has(h1, h2));
  }
}

/** Two independent 32-bit FNV-1a hashes (different offsets); the second is odd so probes cycle through every bit. */
function hashes(id: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a >>> 0, (b | 1) >>> 0];
}
