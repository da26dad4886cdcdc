import { describe, expect, it } from 'vitest';
import { createEmulatedData } from './create-emulated-data.js';
import { InvalidAdvanceError } from './dataset-errors.js';
import type { EmulatedData, ListName, Truth, TruthCollection, TwilioJson } from './emulated-data.js';
import { listAll } from './test-listing.js';

const NOW = '2025-04-20T09:00:00Z';
const BUSY = { seed: 5, now: NOW, subaccounts: 0, messages: 100_000, calls: 40_000, conferences: 8000, annotations: 8000 };
const COLLECTIONS: readonly TruthCollection[] = ['messages', 'calls', 'conferences', 'addresses', 'transcriptions', 'call_feedback'];

function recent(data: EmulatedData, list: ListName, since: number): readonly TwilioJson[] {
  const account = data.accounts()[0]?.sid as string;
  return data.list(account, list, { ranges: [{ field: 'date_created', gte: since }] }, null, 1000).records;
}

describe('advance', () => {
  it('moves records through their lifecycle as Twilio does', () => {
    const data = createEmulatedData(BUSY);
    const account = data.accounts()[0]?.sid as string;
    const pending = new Map<string, { list: ListName; json: TwilioJson }>();
    for (let step = 0; step < 150; step++) {
      const since = data.now().getTime() - 15 * 60_000;
      for (const m of recent(data, 'messages', since)) if (m['status'] === 'queued' || (m['status'] === 'sent' && m['price'] === null)) pending.set(m['sid'] as string, { list: 'messages', json: m });
      for (const c of recent(data, 'calls', since)) if (c['status'] === 'in-progress') pending.set(c['sid'] as string, { list: 'calls', json: c });
      for (const c of recent(data, 'conferences', since)) if (c['status'] === 'in-progress') pending.set(c['sid'] as string, { list: 'conferences', json: c });
      data.advance(3_000);
    }
    const byList = (list: ListName) => [...pending.values()].filter((p) => p.list === list);
    expect(byList('messages').length).toBeGreaterThan(0);
    for (const { json } of byList('messages')) {
      expect(json['price']).toBeNull();
      if (json['status'] === 'queued') expect(json['date_sent']).toBeNull();
    }
    expect(byList('calls').length).toBeGreaterThan(0);
    expect(byList('conferences').length).toBeGreaterThan(0);
    data.advance(5 * 3600_000);
    for (const { list, json } of pending.values()) {
      const now = data.fetch(account, list, json['sid'] as string);
      if (now === undefined) continue; // deleted meanwhile
      expect(Date.parse(now['date_updated'] as string)).toBeGreaterThan(Date.parse(json['date_updated'] as string));
      if (list === 'messages') {
        expect(['delivered', 'undelivered', 'failed', 'sent']).toContain(now['status']);
        expect(now['date_sent']).not.toBeNull();
        if (now['status'] !== 'failed') expect(now['price']).toMatch(/^-\d+\.\d{5}$/);
      } else if (list === 'calls') {
        expect(now['status']).toBe('completed');
        expect(now['end_time']).not.toBeNull();
        expect(now['duration']).toMatch(/^\d+$/);
        expect(now['price']).toMatch(/^-\d+\.\d{5}$/);
      } else {
        expect(now['status']).toBe('completed');
        expect(now['reason_conference_ended']).not.toBeNull();
      }
    }
  });

  it('creates records at the dataset’s rate, adds annotations, deletes a few, and reports the counts', () => {
    const data = createEmulatedData(BUSY);
    const account = data.accounts()[0]?.sid as string;
    const before = data.truth()[account] as Truth[string];
    const from = data.now().getTime();
    const report = data.advance(86_400_000);
    const after = data.truth()[account] as Truth[string];
    expect(report).toMatchObject({ from: new Date(from).toISOString(), to: new Date(from + 86_400_000).toISOString() });
    const fresh = listAll(data, account, 'messages', { ranges: [{ field: 'date_created', gte: from + 1000 }] }, 1000);
    const deletedFresh = after.messages.deleted.length; // an upper bound on fresh ones deleted already
    expect(fresh.length).toBeGreaterThanOrEqual(Math.floor(100_000 / 90) - 1 - deletedFresh);
    expect(fresh.length).toBeLessThanOrEqual(Math.ceil(100_000 / 90) + 1);
    expect(fresh.every((m) => Date.parse(m['date_created'] as string) <= from + 86_400_000)).toBe(true);
    const delta = (c: TruthCollection) => after[c].count - before[c].count + after[c].deleted.length - before[c].deleted.length;
    expect(report.created).toBe(COLLECTIONS.filter((c) => c !== 'call_feedback').reduce((n, c) => n + delta(c), 0));
    expect(report.deleted).toBe(COLLECTIONS.reduce((n, c) => n + after[c].deleted.length - before[c].deleted.length, 0));
    expect(report.deleted).toBeGreaterThan(0);
    expect(report.updated).toBeGreaterThan(0);
    expect(after.call_feedback.count).toBeGreaterThan(before.call_feedback.count);
    for (const sid of after.messages.deleted) expect(data.fetch(account, 'messages', sid)).toBeUndefined();
    // New annotations only land on calls of the last 30 days.
    const annotatedNow = new Set(
      listAll(data, account, 'summaries', {}, 1000).filter((s) => s['annotation'] !== null).map((s) => s['call_sid']),
    );
    const annotatedBefore = createEmulatedData(BUSY);
    const old = new Set(listAll(annotatedBefore, account, 'summaries', {}, 1000).filter((s) => s['annotation'] !== null).map((s) => s['call_sid']));
    const added = [...annotatedNow].filter((sid) => !old.has(sid));
    expect(added.length).toBeGreaterThan(0);
    for (const sid of added) {
      const call = data.fetch(account, 'calls', sid as string) as TwilioJson;
      expect(Date.parse(call['date_created'] as string)).toBeGreaterThan(from + 86_400_000 - 30 * 86_400_000 - 7200_000);
    }
  });

  it('is path independent: two steps equal one step of the same length', () => {
    const options = { seed: 9, now: NOW, messages: 5000, calls: 2000 };
    const a = createEmulatedData(options);
    a.advance(3_600_000);
    a.advance(90_000_000);
    const b = createEmulatedData(options);
    b.advance(93_600_000);
    expect(a.truth()).toEqual(b.truth());
  });

  it('refuses to move the clock backwards', () => {
    const data = createEmulatedData({ now: NOW, messages: 10 });
    expect(() => data.advance(-1)).toThrow(InvalidAdvanceError);
    expect(() => data.advance(Number.NaN)).toThrow(InvalidAdvanceError);
  });
});
