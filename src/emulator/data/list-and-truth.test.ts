import { describe, expect, it } from 'vitest';
import { createEmulatedData } from './create-emulated-data.js';
import { InvalidPositionError } from './dataset-errors.js';
import type { EmulatedData, ListName, TruthCollection, TwilioJson } from './emulated-data.js';
import { checksumOf, epochSeconds, listAll } from './test-listing.js';

const NOW = '2025-02-01T12:00:00Z';
const OPTIONS = { seed: 11, now: NOW, messages: 1500, calls: 800, conferences: 120, addresses: 30, transcriptions: 90, annotations: 200 };
const LISTED: Record<Exclude<TruthCollection, 'call_feedback'>, ListName> = {
  messages: 'messages',
  calls: 'calls',
  conferences: 'conferences',
  addresses: 'addresses',
  transcriptions: 'transcriptions',
};

/** Truth recomputed from complete listings, as a connector would see it. */
function truthFromListings(data: EmulatedData, account: string): Record<TruthCollection, { count: number; checksum: string }> {
  const out = {} as Record<TruthCollection, { count: number; checksum: string }>;
  for (const [name, list] of Object.entries(LISTED)) {
    const lines = listAll(data, account, list).map((r) => `${String(r['sid'])}|${epochSeconds(r['date_updated'])}`);
    out[name as TruthCollection] = { count: lines.length, checksum: checksumOf(lines) };
  }
  const annotated = listAll(data, account, 'summaries').filter((s) => s['annotation'] !== null);
  const lines = annotated.map((s) => `${String(s['call_sid'])}|${String(((s['annotation'] as TwilioJson)['call_score'] as number | null) ?? '')}`);
  out.call_feedback = { count: lines.length, checksum: checksumOf(lines) };
  return out;
}

function expectTruthMatches(data: EmulatedData): void {
  const truth = data.truth();
  for (const account of data.accounts()) {
    const expected = truthFromListings(data, account.sid);
    for (const [name, t] of Object.entries(expected)) {
      expect(truth[account.sid]?.[name as TruthCollection], name).toMatchObject(t);
    }
  }
}

describe('list and truth', () => {
  it('a complete listing equals the ground truth, before and after the clock moves', () => {
    const data = createEmulatedData(OPTIONS);
    expectTruthMatches(data);
    data.advance(3 * 86_400_000 + 12_345);
    expectTruthMatches(data);
    const deleted = Object.values(data.truth()).flatMap((t) => Object.values(t).flatMap((c) => c.deleted));
    expect(deleted.length).toBeGreaterThan(0);
  });

  it('lists newest first and fetches every listed record by SID, only in its own account', () => {
    const data = createEmulatedData(OPTIONS);
    const [main, sub] = data.accounts();
    for (const list of ['messages', 'calls', 'conferences', 'addresses', 'transcriptions'] as const) {
      const records = listAll(data, main?.sid as string, list);
      const keys = records.map((r) => epochSeconds(r['date_created']));
      for (let k = 1; k < keys.length; k++) expect(keys[k]).toBeLessThanOrEqual(keys[k - 1] as number);
      for (const record of records.slice(0, 40)) {
        expect(data.fetch(main?.sid as string, list, record['sid'] as string)).toEqual(record);
        expect(data.fetch(sub?.sid as string, list, record['sid'] as string)).toBeUndefined();
      }
    }
    const summary = data.list(main?.sid as string, 'summaries', {}, null, 1).records[0] as TwilioJson;
    expect(data.fetch(main?.sid as string, 'summaries', summary['call_sid'] as string)).toEqual(summary);
    expect(data.fetch(main?.sid as string, 'messages', 'SM' + '0'.repeat(32))).toBeUndefined();
    expect(data.fetch(main?.sid as string, 'messages', 'nonsense')).toBeUndefined();
  });

  it('pages stay consistent while the clock advances between them: nothing skipped, nothing repeated', () => {
    const data = createEmulatedData({ ...OPTIONS, messages: 20_000 });
    const account = data.accounts()[0]?.sid as string;
    const before = new Set(listAll(data, account, 'messages', {}, 1000).map((r) => r['sid']));
    const seen: unknown[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 1000; pages++) {
      const page = data.list(account, 'messages', {}, after, 250);
      seen.push(...page.records.map((r) => r['sid']));
      data.advance(40 * 60_000);
      if (page.next === null) break;
      after = page.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const deleted = new Set(data.truth()[account]?.messages.deleted);
    const seenSet = new Set(seen);
    const missing = [...before].filter((sid) => !seenSet.has(sid) && !deleted.has(sid as string));
    expect(missing).toEqual([]);
  });

  it('rejects a tampered or foreign position', () => {
    const data = createEmulatedData(OPTIONS);
    const [main, sub] = data.accounts();
    const next = data.list(main?.sid as string, 'messages', {}, null, 10).next as string;
    expect(() => data.list(main?.sid as string, 'messages', {}, next.replace(/.$/, (c) => (c === '0' ? '1' : '0')), 10)).toThrow(
      InvalidPositionError,
    );
    expect(() => data.list(sub?.sid as string, 'messages', {}, next, 10)).toThrow(InvalidPositionError);
    expect(() => data.list(main?.sid as string, 'calls', {}, next, 10)).toThrow(InvalidPositionError);
  });
});

describe('filters', () => {
  const data = createEmulatedData(OPTIONS);
  const account = data.accounts()[0]?.sid as string;
  const all = (list: ListName) => listAll(data, account, list, {}, 1000);

  it('equals on JSON fields (strings and booleans)', () => {
    const messages = all('messages');
    const to = messages[5]?.['to'] as string;
    const expected = messages.filter((m) => m['to'] === to);
    expect(expected.length).toBeGreaterThan(1);
    expect(listAll(data, account, 'messages', { equals: { to } }, 3)).toEqual(expected);
    const calls = all('calls');
    const parent = calls.find((c) => c['parent_call_sid'] !== null)?.['parent_call_sid'] as string;
    expect(listAll(data, account, 'calls', { equals: { parent_call_sid: parent } })).toEqual(
      calls.filter((c) => c['parent_call_sid'] === parent),
    );
    expect(listAll(data, account, 'calls', { equals: { status: 'busy' } })).toEqual(calls.filter((c) => c['status'] === 'busy'));
    const addresses = all('addresses');
    expect(listAll(data, account, 'addresses', { equals: { emergency_enabled: false } })).toEqual(
      addresses.filter((a) => a['emergency_enabled'] === false),
    );
  });

  it('ranges on date fields: gte inclusive, lt exclusive, nulls never match', () => {
    const cases: [ListName, string][] = [
      ['messages', 'date_sent'],
      ['messages', 'date_updated'],
      ['calls', 'start_time'],
      ['calls', 'end_time'],
      ['conferences', 'date_updated'],
      ['summaries', 'start_time'],
      ['transcriptions', 'date_created'],
    ];
    for (const [list, field] of cases) {
      const records = all(list);
      const values = records.map((r) => r[field]).filter((v) => v !== null);
      const gte = Date.parse(values[Math.floor(values.length * 0.7)] as string);
      const lt = Date.parse(values[Math.floor(values.length * 0.2)] as string);
      const inRange = (r: TwilioJson) => r[field] !== null && Date.parse(r[field] as string) >= gte && Date.parse(r[field] as string) < lt;
      const expected = records.filter(inRange);
      expect(expected.length, `${list}.${field}`).toBeGreaterThan(0);
      expect(listAll(data, account, list, { ranges: [{ field, gte, lt }] }, 7), `${list}.${field}`).toEqual(expected);
      expect(listAll(data, account, list, { ranges: [{ field, lt }] }).length).toBe(records.filter((r) => r[field] !== null && Date.parse(r[field] as string) < lt).length);
    }
  });

  it('hides messages older than 400 days from listings and truth', () => {
    const old = createEmulatedData({ seed: 2, now: NOW, messages: 1000, historyDays: 800, subaccounts: 0 });
    const main = old.accounts()[0]?.sid as string;
    const listed = listAll(old, main, 'messages', {}, 1000);
    const cutoff = Date.parse(NOW) - 400 * 86_400_000;
    expect(listed.every((m) => Date.parse((m['date_sent'] ?? m['date_created']) as string) >= cutoff)).toBe(true);
    expect(listed.length).toBeGreaterThan(400);
    expect(listed.length).toBeLessThan(600);
    expect(old.truth()[main]?.messages.count).toBe(listed.length);
    const older = old.list(main, 'messages', { ranges: [{ field: 'date_created', lt: cutoff }] }, null, 10);
    expect(older.records).toEqual([]);
  });
});
