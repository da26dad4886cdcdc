// Test helpers: list a whole collection page by page, and compute ground truth from what a listing returned.
import { createHash } from 'node:crypto';
import type { EmulatedData, ListFilter, ListName, TwilioJson } from './emulated-data.js';

export function listAll(data: EmulatedData, account: string, list: ListName, filter: ListFilter = {}, pageSize = 97): TwilioJson[] {
  const out: TwilioJson[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100_000; pages++) {
    const page = data.list(account, list, filter, after, pageSize);
    out.push(...page.records);
    if (page.next === null) return out;
    after = page.next;
  }
  throw new Error('listing did not end');
}

/** md5 of sorted `${id}|${version}` lines, as the contract defines the checksum. */
export function checksumOf(lines: string[]): string {
  return createHash('md5').update([...lines].sort().join('\n')).digest('hex');
}

export function epochSeconds(rfc2822: unknown): number {
  return Date.parse(String(rfc2822)) / 1000;
}
