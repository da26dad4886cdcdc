// Cheap deterministic randomness: per-record PRNGs and a bijective 32-bit mix, so record i is a pure function of i.

const INV_A = modInverse(0x85ebca6b);
const INV_B = modInverse(0xc2b2ae35);

function modInverse(odd: number): number {
  // Newton's iteration doubles the correct low bits each step; 5 steps reach 32 bits.
  let inv = odd;
  for (let k = 0; k < 5; k++) inv = Math.imul(inv, 2 - Math.imul(odd, inv));
  return inv >>> 0;
}

/** Murmur3's finalizer: a bijection on 32-bit integers, so distinct inputs give distinct outputs. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The inverse of fmix32: recovers a record index from the first word of its SID. */
export function fmix32Inverse(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, INV_B);
  h ^= (h >>> 13) ^ (h >>> 26);
  h = Math.imul(h, INV_A);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines values into one 32-bit seed (not cryptographic: only spreads bits). */
export function mixSeed(...parts: readonly number[]): number {
  let h = 0x2545f491;
  for (const p of parts) {
    h = fmix32(h ^ fmix32((p >>> 0) ^ Math.imul(Math.floor(p / 4294967296), 0x9e3779b9)));
  }
  return h;
}

/** mulberry32: a tiny fast PRNG; one per record, seeded from (collection seed, index). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** A uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return (table[table.length - 1] as readonly [T, number])[0];
  }
}

/** Every 16-bit value as 4 hex digits: SIDs are built from two lookups per word (about 1 MB, once). */
const HEX_HALVES = Array.from({ length: 65536 }, (_, b) => b.toString(16).padStart(4, '0'));

export function hex32(word: number): string {
  const w = word >>> 0;
  return (HEX_HALVES[w >>> 16] as string) + (HEX_HALVES[w & 0xffff] as string);
}

/** A Twilio SID: two-letter prefix and 32 lowercase hex digits. */
export function sidOf(prefix: string, w0: number, w1: number, w2: number, w3: number): string {
  return prefix + hex32(w0) + hex32(w1) + hex32(w2) + hex32(w3);
}

/** A SID fully drawn from a PRNG (for SIDs nobody looks up: recordings, services, phone numbers). */
export function randomSid(prefix: string, rng: Rng): string {
  return sidOf(prefix, rng.u32(), rng.u32(), rng.u32(), rng.u32());
}
