// IdFilter: never a false negative, across layers; false positives rare enough that a load of 50,000 new ids skips;
// full at its bound.
import { describe, expect, it } from 'vitest';
import { IdFilter } from './id-filter.js';

const sid = (n: number): string => `SM${n.toString(16).padStart(32, '0')}`;

describe('IdFilter', () => {
  it('has every id added, across doubling and full-size layers, and almost none of 50,000 others', () => {
    const filter = new IdFilter();
    const added = 2_200_000;
    for (let n = 0; n < added; n++) filter.add(sid(n));
    for (let n = 0; n < added; n += 7) expect(filter.mightHave(sid(n))).toBe(true);
    let falsePositives = 0;
    for (let n = added; n < added + 50_000; n++) if (filter.mightHave(sid(n))) falsePositives++;
    expect(falsePositives).toBeLessThanOrEqual(2);
  });

  it('is full once it holds its maxIds, and keeps every id it was given', () => {
    const filter = new IdFilter(1000);
    for (let n = 0; n < 999; n++) filter.add(sid(n));
    expect(filter.full).toBe(false);
    filter.add(sid(999));
    expect(filter.full).toBe(true);
    for (let n = 0; n < 1000; n++) expect(filter.mightHave(sid(n))).toBe(true);
  });

  it('has nothing when empty', () => {
    expect(new IdFilter().mightHave('SM1')).toBe(false);
  });
});
