// IdFilter: never a false negative, across layers; false positives rare enough that a load of 50,000 new ids skips.
import { describe, expect, it } from 'vitest';
import { IdFilter } from './id-filter.js';

const sid = (n: number): string => `SM${n.toString(16).padStart(32, '0')}`;

describe('IdFilter', () => {
  it('has every id added, well past the first layer, and almost none of 50,000 others', () => {
    const filter = new IdFilter();
    for (let n = 0; n < 300_000; n++) filter.add(sid(n));
    for (let n = 0; n < 300_000; n += 7) expect(filter.mightHave(sid(n))).toBe(true);
    let falsePositives = 0;
    for (let n = 300_000; n < 350_000; n++) if (filter.mightHave(sid(n))) falsePositives++;
    expect(falsePositives).toBeLessThanOrEqual(2);
  });

  it('has nothing when empty', () => {
    expect(new IdFilter().mightHave('SM1')).toBe(false);
  });
});
