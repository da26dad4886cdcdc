// SIDs whose first word is a bijection of the record index: unique per collection and decodable for fetch.
import { fmix32, fmix32Inverse, sidOf, type Rng } from './random.js';

export class SidCodec {
  constructor(
    private readonly prefixes: readonly string[],
    private readonly key: number,
  ) {}

  /** The SID of record i; the other three words come from the record's PRNG. */
  make(prefix: string, i: number, rng: Rng): string {
    return sidOf(prefix, fmix32((i ^ this.key) >>> 0), rng.u32(), rng.u32(), rng.u32());
  }

  indexOf(sid: string): number | null {
    if (sid.length !== 34 || !this.prefixes.includes(sid.slice(0, 2))) return null;
    const word = sid.slice(2, 10);
    if (!/^[0-9a-f]{8}$/.test(word)) return null;
    return (fmix32Inverse(parseInt(word, 16)) ^ this.key) >>> 0;
  }
}
