// Deterministic fault injection: the n-th API request fails, or not, as a function of the seed alone.
import type { FaultKind, FaultSettings } from '../emulator-options.js';

export class FaultInjector {
  #settings: FaultSettings;
  #requests = 0;

  constructor(settings: FaultSettings) {
    this.#settings = settings;
  }

  get settings(): FaultSettings {
    return this.#settings;
  }

  /** New settings restart the sequence, so a test that sets faults then sends requests sees the same faults every run. */
  set settings(settings: FaultSettings) {
    this.#settings = settings;
    this.#requests = 0;
  }

  /** The fault for the next API request, or null to answer it normally. */
  next(): FaultKind | null {
    const { seed, rate, kinds } = this.#settings;
    const n = this.#requests++;
    if (rate <= 0 || hashToUnit(seed, n, 0) >= rate) return null;
    return kinds[Math.floor(hashToUnit(seed, n, 1) * kinds.length)] ?? null;
  }
}

/** A well-mixed number in [0, 1) from (seed, n, salt): murmur3's finaliser over the combined inputs. */
function hashToUnit(seed: number, n: number, salt: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + 1, 0xc2b2ae35) ^ Math.imul(salt + 7, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}
