// Batch dedupe: the last row of each id wins.
import { describe, expect, it } from 'vitest';
import { lastRowPerId } from './last-row-per-id.js';
import { InvalidTableError } from './warehouse-errors.js';

describe('lastRowPerId', () => {
  it('keeps the last row of each id, ordered by last occurrence', () => {
    const rows = [{ id: 'a', v: 1 }, { id: 'b', v: 2 }, { id: 'a', v: 3 }, { id: 'c', v: 4 }, { id: 'b', v: 5 }];
    expect(lastRowPerId(rows, 'messages')).toEqual([{ id: 'a', v: 3 }, { id: 'c', v: 4 }, { id: 'b', v: 5 }]);
  });

  it('refuses a row without an id', () => {
    expect(() => lastRowPerId([{ id: 'a' }, { id: null }], 'messages')).toThrow(InvalidTableError);
    expect(() => lastRowPerId([{ v: 1 }], 'messages')).toThrow('A row for table messages has no id');
  });
});
