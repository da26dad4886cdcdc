// A tiny stand-in EmulatedData for the HTTP tests until the real generator lands (to be removed then).
import type { EmulatedAccount, EmulatedData, ListFilter, ListName, ListPage, TwilioJson } from '../data/emulated-data.js';

const hex = (n: number, prefix: string): string => prefix + n.toString(16).padStart(32, '0');
const rfc2822 = (ms: number): string => new Date(ms).toUTCString().replace('GMT', '+0000');

export function createFakeData(counts: { messages?: number } = {}): EmulatedData {
  let now = Date.UTC(2026, 0, 15, 12);
  const main = account(1, null);
  const sub = account(2, main.sid);
  const accounts = [main, sub];
  const records = new Map<string, TwilioJson[]>();
  for (const a of accounts) {
    const messages = Array.from({ length: counts.messages ?? 120 }, (_, i) => ({
      sid: hex(a === main ? i : 10_000 + i, 'SM'),
      account_sid: a.sid,
      to: i % 2 === 0 ? '+15550000001' : '+15550000002',
      from: '+15559990000',
      date_sent: rfc2822(now - i * 3_600_000),
      date_created: rfc2822(now - i * 3_600_000),
      status: 'delivered',
    }));
    records.set(`${a.sid}/messages`, messages);
    records.set(`${a.sid}/calls`, [{ sid: hex(7, 'CA'), start_time: rfc2822(now - 60_000), status: 'completed', to: '+1555', from: '+1666' }]);
    records.set(`${a.sid}/conferences`, [
      { sid: hex(1, 'CF'), status: 'in-progress', date_created: rfc2822(now) },
      { sid: hex(2, 'CF'), status: 'completed', date_created: rfc2822(now - 1000) },
    ]);
    records.set(`${a.sid}/addresses`, [{ sid: hex(1, 'AD'), emergency_enabled: true, iso_country: 'US' }]);
    records.set(`${a.sid}/transcriptions`, [{ sid: hex(1, 'TR'), recording_sid: hex(1, 'RE') }]);
    records.set(`${a.sid}/summaries`, [{ call_sid: hex(7, 'CA'), start_time: new Date(now - 60_000).toISOString(), call_type: 'carrier' }]);
  }
  const matches = (record: TwilioJson, filter: ListFilter): boolean =>
    Object.entries(filter.equals ?? {}).every(([field, value]) => record[field] === value) &&
    (filter.ranges ?? []).every((range) => {
      const raw = record[range.field];
      if (typeof raw !== 'string') return false;
      const ms = Date.parse(raw);
      return (range.gte === undefined || ms >= range.gte) && (range.lt === undefined || ms < range.lt);
    });
  return {
    now: () => new Date(now),
    accounts: () => accounts,
    account: (sid) => accounts.find((a) => a.sid === sid),
    list(accountSid: string, list: ListName, filter: ListFilter, after: string | null, limit: number): ListPage {
      const all = (records.get(`${accountSid}/${list}`) ?? []).filter((r) => matches(r, filter));
      const from = after === null ? 0 : Number(after);
      return { records: all.slice(from, from + limit), next: from + limit < all.length ? String(from + limit) : null };
    },
    fetch: (accountSid, list, sid) => records.get(`${accountSid}/${list}`)?.find((r) => (r['sid'] ?? r['call_sid']) === sid),
    annotation: (accountSid, callSid) =>
      records.get(`${accountSid}/calls`)?.some((r) => r['sid'] === callSid) ? { call_sid: callSid, call_score: 4 } : undefined,
    advance(ms) {
      const from = new Date(now).toISOString();
      now += ms;
      return { from, to: new Date(now).toISOString(), created: 0, updated: 0, deleted: 0 };
    },
    truth: () => ({}),
  };
}

function account(n: number, parentSid: string | null): EmulatedAccount {
  const sid = hex(n, 'AC');
  return {
    sid,
    authToken: `token${n}`.padEnd(32, '0'),
    parentSid,
    apiKeys: [{ sid: hex(n, 'SK'), secret: `secret${n}` }],
    json: { sid, friendly_name: n === 1 ? 'Main' : `Sub ${n}`, status: 'active', owner_account_sid: parentSid ?? sid },
  };
}
