// The common part of models whose records sit on the grid independently (all but calls, which chain child legs).
import type { Grid } from './grid.js';
import { SidCodec } from './sid-codec.js';

export abstract class PlacedModel {
  protected readonly codec: SidCodec;

  constructor(
    readonly grid: Grid,
    prefixes: readonly string[],
  ) {
    this.codec = new SidCodec(prefixes, grid.salt ^ 0x5a5a5a5a);
  }

  anchor(i: number): number {
    return this.grid.placed(i, this.grid.rng(i).next());
  }

  indexOf(sid: string): number | null {
    return this.codec.indexOf(sid);
  }
}
