import { describe, expect, it } from 'vitest';
import { allCollections } from '../collections/all-collections.js';
import type { CollectionName } from '../collections/collection.js';
import { planListings, type Plan, type PlanInput } from './plan-listings.js';

const now = new Date('2026-11-28T12:00:00Z');
const account = 'AC00000000000000000000000000000000';
const DAY = 86_400_000;

function plan(name: CollectionName, from: Date | null, options: Partial<Pick<PlanInput, 'incremental' | 'maxWindows' | 'viaParent'>> = {}): Plan {
  return planListings({ collection: allCollections[name], accountSid: account, viaParent: false, now, from, incremental: false, maxWindows: 16, ...options });
}

describe('planListings', () => {
  it('covers the range with windows on the filter, the last one open-ended', () => {
    const { listings } = plan('calls', new Date('2026-10-31T12:00:00Z'));
    expect(listings.map((l) => l.query)).toEqual([
      { 'StartTime>': '2026-10-31T12:00:00Z', 'StartTime<': '2026-11-07T12:00:00Z' },
      { 'StartTime>': '2026-11-07T12:00:00Z', 'StartTime<': '2026-11-14T12:00:00Z' },
      { 'StartTime>': '2026-11-14T12:00:00Z', 'StartTime<': '2026-11-21T12:00:00Z' },
      { 'StartTime>': '2026-11-21T12:00:00Z' },
    ]);
    expect(listings[0]?.path).toBe(`/2010-04-01/Accounts/${account}/Calls.json`);
  });

  it('reads the week and a day of an incremental run after a day in one listing, not two half-empty ones', () => {
    const from = new Date(now.getTime() - 8 * DAY);
    expect(plan('messages', from, { incremental: true }).listings.map((l) => l.query)).toEqual([{ 'DateSent>': '2026-11-20T12:00:00Z' }]);
    expect(plan('calls', from, { incremental: true }).listings).toHaveLength(1);
    expect(plan('conferences', from, { incremental: true }).listings.map((l) => l.query)).toEqual([
      { Status: 'init', 'DateUpdated>': '2026-11-20' },
      { Status: 'in-progress', 'DateUpdated>': '2026-11-20' },
      { Status: 'completed', 'DateUpdated>': '2026-11-20' },
    ]);
  });

  it('reads all history without a start: one listing before the last 400 days, those days in windows', () => {
    const { listings } = plan('calls', null, { maxWindows: 5 });
    expect(listings.map((l) => l.query)).toEqual([
      { 'StartTime<': '2025-10-24T12:00:00Z' },
      { 'StartTime>': '2025-10-24T12:00:00Z', 'StartTime<': '2026-02-01T12:00:00Z' },
      { 'StartTime>': '2026-02-01T12:00:00Z', 'StartTime<': '2026-05-12T12:00:00Z' },
      { 'StartTime>': '2026-05-12T12:00:00Z', 'StartTime<': '2026-08-20T12:00:00Z' },
      { 'StartTime>': '2026-08-20T12:00:00Z' },
    ]);
  });

  it('reads every message Twilio keeps without a start: the oldest listing has no lower bound, the others stay inside 400 days', () => {
    const { listings, notices } = plan('messages', null, { maxWindows: 3 });
    expect(listings.map((l) => l.query)).toEqual([
      { 'DateSent<': '2025-10-24T13:00:00Z' },
      { 'DateSent>': '2025-10-24T13:00:00Z', 'DateSent<': '2026-05-12T12:30:00Z' },
      { 'DateSent>': '2026-05-12T12:30:00Z' },
    ]);
    expect(notices).toEqual([]);
  });

  it('reads a start date older than the 400 days Twilio keeps as everything it keeps, and says so', () => {
    const { listings, notices } = plan('messages', new Date('2020-01-01T00:00:00Z'), { maxWindows: 2 });
    expect(listings.map((l) => l.query)).toEqual([{ 'DateSent<': '2025-10-24T13:00:00Z' }, { 'DateSent>': '2025-10-24T13:00:00Z' }]);
    expect(notices[0]).toContain('400 days');
  });

  it('reads conferences per status in whole days', () => {
    const { listings } = plan('conferences', new Date('2026-11-12T05:00:00Z'));
    const statuses = new Set(listings.map((l) => l.query['Status']));
    expect(statuses).toEqual(new Set(['init', 'in-progress', 'completed']));
    expect(listings.filter((l) => l.query['Status'] === 'completed').map((l) => l.query)).toEqual([
      { Status: 'completed', 'DateUpdated>': '2026-11-12', 'DateUpdated<': '2026-11-21' },
      { Status: 'completed', 'DateUpdated>': '2026-11-21' },
    ]);
  });

  it('reads call summaries over at least 30 days, naming a subaccount read through its parent', () => {
    const { listings } = plan('call_feedback', new Date('2026-11-27T00:00:00Z'), { viaParent: true, maxWindows: 1, incremental: true });
    expect(listings).toEqual([expect.objectContaining({ path: '/v1/Voice/Summaries', query: { Subaccount: account, StartTime: '2026-10-29T12:00:00Z' } })]);
  });

  it('lists addresses whole, on every run', () => {
    for (const incremental of [false, true]) {
      const { listings } = plan('addresses', incremental ? new Date(now.getTime() - 8 * DAY) : null, { incremental });
      expect(listings).toEqual([expect.objectContaining({ query: {} })]);
      expect(listings[0]?.stopBefore).toBeUndefined();
    }
  });

  it('lists transcriptions whole on a first run, even from a start date, and stops an incremental one at the lookback', () => {
    const from = new Date(now.getTime() - 8 * DAY);
    expect(plan('transcriptions', null).listings[0]?.stopBefore).toBeUndefined();
    expect(plan('transcriptions', from).listings[0]?.stopBefore).toBeUndefined();
    const { listings } = plan('transcriptions', from, { incremental: true });
    expect(listings).toEqual([expect.objectContaining({ query: {}, stopBefore: { field: 'date_created', at: from } })]);
  });
});
