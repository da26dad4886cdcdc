import { describe, expect, it } from 'vitest';
import { allCollections } from '../collections/all-collections.js';
import { planListings } from './plan-listings.js';

const now = new Date('2026-11-28T12:00:00Z');
const account = 'AC00000000000000000000000000000000';

describe('planListings', () => {
  it('covers the range with windows on the filter, the last one open-ended', () => {
    const { listings } = planListings({ collection: allCollections.calls, accountSid: account, viaParent: false, now, from: new Date('2026-10-31T12:00:00Z'), maxWindows: 16 });
    expect(listings.map((l) => l.query)).toEqual([
      { 'StartTime>': '2026-10-31T12:00:00Z', 'StartTime<': '2026-11-07T12:00:00Z' },
      { 'StartTime>': '2026-11-07T12:00:00Z', 'StartTime<': '2026-11-14T12:00:00Z' },
      { 'StartTime>': '2026-11-14T12:00:00Z', 'StartTime<': '2026-11-21T12:00:00Z' },
      { 'StartTime>': '2026-11-21T12:00:00Z' },
    ]);
    expect(listings[0]?.path).toBe(`/2010-04-01/Accounts/${account}/Calls.json`);
  });

  it('reads all history without a start: one listing before the last 400 days, those days in windows', () => {
    const { listings } = planListings({ collection: allCollections.calls, accountSid: account, viaParent: false, now, from: null, maxWindows: 5 });
    expect(listings.map((l) => l.query)).toEqual([
      { 'StartTime<': '2025-10-24T12:00:00Z' },
      { 'StartTime>': '2025-10-24T12:00:00Z', 'StartTime<': '2026-02-01T12:00:00Z' },
      { 'StartTime>': '2026-02-01T12:00:00Z', 'StartTime<': '2026-05-12T12:00:00Z' },
      { 'StartTime>': '2026-05-12T12:00:00Z', 'StartTime<': '2026-08-20T12:00:00Z' },
      { 'StartTime>': '2026-08-20T12:00:00Z' },
    ]);
  });

  it('clamps messages to the 400 days Twilio keeps and says so', () => {
    const { listings, notices } = planListings({ collection: allCollections.messages, accountSid: account, viaParent: false, now, from: new Date('2020-01-01T00:00:00Z'), maxWindows: 2 });
    expect(listings[0]?.query['DateSent>']).toBe('2025-10-24T13:00:00Z');
    expect(notices[0]).toContain('400 days');
  });

  it('reads conferences per status in whole days', () => {
    const { listings } = planListings({ collection: allCollections.conferences, accountSid: account, viaParent: false, now, from: new Date('2026-11-12T05:00:00Z'), maxWindows: 16 });
    const statuses = new Set(listings.map((l) => l.query['Status']));
    expect(statuses).toEqual(new Set(['init', 'in-progress', 'completed']));
    expect(listings.filter((l) => l.query['Status'] === 'completed').map((l) => l.query)).toEqual([
      { Status: 'completed', 'DateUpdated>': '2026-11-12', 'DateUpdated<': '2026-11-18' },
      { Status: 'completed', 'DateUpdated>': '2026-11-18', 'DateUpdated<': '2026-11-24' },
      { Status: 'completed', 'DateUpdated>': '2026-11-24' },
    ]);
  });

  it('reads call summaries over at least 30 days, naming a subaccount read through its parent', () => {
    const { listings } = planListings({ collection: allCollections.call_feedback, accountSid: account, viaParent: true, now, from: new Date('2026-11-27T00:00:00Z'), maxWindows: 1 });
    expect(listings).toEqual([expect.objectContaining({ path: '/v1/Voice/Summaries', query: { Subaccount: account, StartTime: '2026-10-29T12:00:00Z' } })]);
  });

  it('lists addresses whole', () => {
    expect(planListings({ collection: allCollections.addresses, accountSid: account, viaParent: false, now, from: null, maxWindows: 8 }).listings).toHaveLength(1);
  });
});
