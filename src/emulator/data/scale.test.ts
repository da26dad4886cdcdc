import { describe, expect, it } from 'vitest';
import { createEmulatedData } from './create-emulated-data.js';

describe('scale', () => {
  it('a million messages cost memory for what is read, not for what exists', () => {
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const data = createEmulatedData({ seed: 4, now: '2025-05-05T05:05:00Z', subaccounts: 0, messages: 1_000_000 });
    const account = data.accounts()[0]?.sid as string;
    let after: string | null = null;
    let listed = 0;
    for (let page = 0; page < 20; page++) {
      const result = data.list(account, 'messages', {}, after, 1000);
      listed += result.records.length;
      after = result.next;
    }
    expect(listed).toBe(20_000);
    // A page from the middle of the history is as cheap as the first: date ranges are index ranges.
    const middle = Date.parse('2025-03-20T00:00:00Z');
    const page = data.list(account, 'messages', { ranges: [{ field: 'date_sent', gte: middle - 3_600_000, lt: middle }] }, null, 1000);
    expect(page.records.length).toBeGreaterThan(300);
    global.gc?.();
    // Materialising a million messages would take well over a gigabyte; the dataset itself holds next to nothing.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(150 * 1024 * 1024);
    expect(data.truth()[account]?.messages.count).toBe(1_000_000);
  });
});
