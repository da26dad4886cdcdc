// Calls: queued → ringing → in-progress → completed (or busy, no-answer, failed, canceled), some with a child
// leg dialed right after the parent starts, some annotated in Voice Insights up to 30 days after they end.
import type { AccountContext } from './account-context.js';
import type { TwilioJson } from './emulated-data.js';
import type { Grid } from './grid.js';
import { priceString, ratePerUnit, type PhoneNumber } from './phone-book.js';
import { fmix32, type Rng } from './random.js';
import type { CoreRecord, DateField, RecordModel } from './record-model.js';
import { SidCodec } from './sid-codec.js';
import { DAY, rfc2822, rfc2822OrNull } from './time-format.js';

export type CallOutcome = 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

export interface CallCore extends CoreRecord {
  readonly direction: 'inbound' | 'outbound-api' | 'outbound-dial';
  readonly parentSid: string | null;
  /** start_time: null before. */
  readonly start: number;
  /** When a completed call was answered (start for the others). */
  readonly answered: number;
  /** When the call reached its final status. */
  readonly ended: number;
  /** When a completed call's price is filled. */
  readonly priced: number;
  readonly outcome: CallOutcome;
  /** When the Voice Insights annotation appears, or null if the call never gets one. */
  readonly annotatedAt: number | null;
}

const OUTCOMES: readonly (readonly [CallOutcome, number])[] = [
  ['completed', 72],
  ['no-answer', 10],
  ['busy', 7],
  ['failed', 5],
  ['canceled', 6],
];
const RING: Record<CallOutcome, readonly [number, number]> = {
  completed: [2, 20],
  'no-answer': [15, 30],
  busy: [1, 5],
  failed: [0, 2],
  canceled: [3, 20],
};
const MAX_QUEUE = 2;
const MAX_TALK = 3600;
const MAX_END = MAX_QUEUE + 30 + MAX_TALK;
const MAX_PRICE_DELAY = 60;
const CNAM = ['JOHN SMITH', 'MARIA GARCIA', 'WIRELESS CALLER', 'ACME CORP', 'LI WEI', 'FATIMA AHMED'];

interface Phase {
  readonly status: string;
  readonly updated: number;
}

function phase(c: CallCore, now: number): Phase {
  if (now < c.start) return { status: 'queued', updated: c.created };
  if (now < c.answered || (c.outcome !== 'completed' && now < c.ended)) return { status: 'ringing', updated: c.start };
  if (c.outcome !== 'completed') return { status: c.outcome, updated: c.ended };
  if (now < c.ended) return { status: 'in-progress', updated: c.answered };
  return { status: 'completed', updated: now < c.priced ? c.ended : c.priced };
}

export function callStatus(c: CallCore, now: number): string {
  return phase(c, now).status;
}

export class CallModel implements RecordModel<CallCore> {
  readonly maxLife = MAX_END + MAX_PRICE_DELAY;
  private readonly codec: SidCodec;
  readonly dates: Readonly<Record<string, DateField<CallCore>>> = {
    date_created: { at: (c) => c.created, maxOffset: 0 },
    start_time: { at: (c, now) => (now >= c.start ? c.start : null), maxOffset: MAX_QUEUE },
    end_time: { at: (c, now) => (c.outcome === 'completed' && now >= c.ended ? c.ended : null), maxOffset: MAX_END },
    date_updated: { at: (c, now) => phase(c, now).updated, maxOffset: this.maxLife },
  };

  constructor(
    readonly grid: Grid,
    private readonly account: AccountContext,
    /** Share of calls that get an annotation. */
    private readonly annotationShare: number,
  ) {
    this.codec = new SidCodec(['CA'], grid.salt ^ 0x3c3c3c3c);
  }

  /** Even records are sometimes parents; the odd record after a parent is its child leg. */
  private isParent(i: number): boolean {
    return i % 2 === 0 && fmix32(this.grid.salt ^ 0x0badcafe ^ i) < 0.2 * 4294967296;
  }

  private isChild(i: number): boolean {
    return i % 2 === 1 && this.isParent(i - 1);
  }

  /** created and start, drawing from rng in the same order core() does. */
  private times(i: number, rng: Rng): { created: number; start: number } {
    const draw = rng.next();
    const upper = this.grid.upper(i);
    const created = this.isChild(i)
      ? Math.min(this.times(i - 1, this.grid.rng(i - 1)).start + rng.int(1, 3), upper)
      : this.grid.placed(i, draw);
    return { created, start: Math.min(created + rng.int(0, MAX_QUEUE), upper) };
  }

  anchor(i: number): number {
    return this.times(i, this.grid.rng(i)).created;
  }

  core(i: number): CallCore {
    const rng = this.grid.rng(i);
    const { created, start } = this.times(i, rng);
    const child = this.isChild(i);
    const sid = this.codec.make('CA', i, rng);
    const outcome = rng.weighted(OUTCOMES);
    const [ringMin, ringMax] = RING[outcome];
    const answered = start + rng.int(ringMin, ringMax);
    const talk = outcome === 'completed' ? Math.min(MAX_TALK, 5 + Math.floor(-Math.log(1 - rng.next()) * 150)) : 0;
    const ended = answered + talk;
    const priced = outcome === 'completed' ? ended + rng.int(0, MAX_PRICE_DELAY) : ended;
    const direction = child ? 'outbound-dial' : rng.chance(0.5) ? 'inbound' : 'outbound-api';
    const parentSid = child ? this.core(i - 1).sid : null;
    const annotatedAt = rng.chance(this.annotationShare)
      ? ended + (rng.chance(0.6) ? rng.int(60, 3600) : rng.int(3601, 30 * DAY))
      : null;
    const deleteAt = rng.chance(0.01) ? created + rng.int(2 * 3600, 2 * DAY) : null;
    return {
      i,
      sid,
      created,
      deleteAt,
      direction,
      parentSid,
      start,
      answered: outcome === 'completed' ? answered : start,
      ended,
      priced,
      outcome,
      annotatedAt,
    };
  }

  updatedAt(c: CallCore, now: number): number {
    return phase(c, now).updated;
  }

  indexOf(sid: string): number | null {
    return this.codec.indexOf(sid);
  }

  /** The call's numbers, and the PRNG that made them (the rest of the JSON draws from it). */
  parties(c: CallCore): { own: PhoneNumber; customer: PhoneNumber; from: PhoneNumber; to: PhoneNumber; rng: Rng } {
    const rng = this.grid.rng(c.i, 1);
    const own = this.account.book.ownNumber(rng);
    const customer = this.account.book.customer(rng);
    const inbound = c.direction === 'inbound';
    return { own, customer, from: inbound ? customer : own, to: inbound ? own : customer, rng };
  }

  json(c: CallCore, now: number): TwilioJson {
    const { own, customer, from, to, rng } = this.parties(c);
    const p = phase(c, now);
    const inbound = c.direction === 'inbound';
    const done = p.status === 'completed';
    const duration = c.ended - c.start;
    const minutes = Math.max(1, Math.ceil(duration / 60));
    const rate = inbound ? 0.0085 : ratePerUnit(customer.country, 'voice');
    const amd = c.direction === 'outbound-api' && rng.chance(0.25);
    const answeredBy = rng.weighted([['human', 70], ['machine_start', 20], ['machine_end_beep', 10]] as const);
    const callerName = inbound && rng.chance(0.2) ? rng.pick(CNAM) : null;
    const uri = `${this.account.base}/Calls/${c.sid}`;
    const sub = (name: string) => `${uri}/${name}.json`;
    return {
      account_sid: this.account.sid,
      answered_by: amd && done ? answeredBy : null,
      api_version: '2010-04-01',
      caller_name: callerName,
      date_created: rfc2822(c.created),
      date_updated: rfc2822(p.updated),
      direction: c.direction,
      duration: done ? String(duration) : null,
      end_time: done ? rfc2822(c.ended) : null,
      forwarded_from: null,
      from: from.e164,
      from_formatted: from.formatted,
      group_sid: null,
      parent_call_sid: c.parentSid,
      phone_number_sid: own.sid,
      price: done && now >= c.priced ? priceString(rate * minutes) : null,
      price_unit: 'USD',
      sid: c.sid,
      start_time: rfc2822OrNull(now >= c.start ? c.start : null),
      status: p.status,
      subresource_uris: {
        notifications: sub('Notifications'),
        recordings: sub('Recordings'),
        payments: sub('Payments'),
        events: sub('Events'),
        siprec: sub('Siprec'),
        streams: sub('Streams'),
        transcriptions: sub('Transcriptions'),
        user_defined_message_subscriptions: sub('UserDefinedMessageSubscriptions'),
        user_defined_messages: sub('UserDefinedMessages'),
      },
      to: to.e164,
      to_formatted: to.formatted,
      trunk_sid: null,
      uri: `${uri}.json`,
      queue_time: String((c.start - c.created) * 1000),
    };
  }
}
