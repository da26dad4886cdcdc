// Messages: queued → sent → delivered (or undelivered, failed, sent for good); inbound ones are received.
import type { AccountContext } from './account-context.js';
import type { TwilioJson } from './emulated-data.js';
import type { Grid } from './grid.js';
import { messageBody, segmentCount } from './message-body.js';
import { priceString, ratePerUnit } from './phone-book.js';
import type { CoreRecord, DateField, RecordModel } from './record-model.js';
import { PlacedModel } from './placed-model.js';
import { DAY, rfc2822, rfc2822OrNull } from './time-format.js';

type Outcome = 'delivered' | 'undelivered' | 'failed' | 'sent' | 'received';
type Direction = 'inbound' | 'outbound-api' | 'outbound-reply' | 'outbound-call';

export interface MessageCore extends CoreRecord {
  readonly direction: Direction;
  readonly mms: boolean;
  /** When the message is (or will be) sent: date_sent is null before. */
  readonly sent: number;
  /** When the outcome is known and the price filled. */
  readonly settled: number;
  readonly outcome: Outcome;
}

const DIRECTIONS: readonly (readonly [Direction, number])[] = [
  ['outbound-api', 68],
  ['inbound', 24],
  ['outbound-reply', 6],
  ['outbound-call', 2],
];
const OUTCOMES: readonly (readonly [Outcome, number])[] = [
  ['delivered', 86],
  ['sent', 4],
  ['undelivered', 6],
  ['failed', 4],
];
const ERRORS: Record<'undelivered' | 'failed', readonly (readonly [number, string])[]> = {
  undelivered: [
    [30003, 'Unreachable destination handset'],
    [30005, 'Unknown destination handset'],
    [30006, 'Landline or unreachable carrier'],
    [30007, 'Message filtered'],
    [30008, 'Unknown error'],
  ],
  failed: [
    [21610, 'Attempt to send to unsubscribed recipient'],
    [30034, 'Message from an unregistered number'],
    [21211, "Invalid 'To' Phone Number"],
  ],
};
const MAX_SEND_DELAY = 4;
const MAX_SETTLE_DELAY = 1800;

interface Phase {
  readonly status: string;
  readonly updated: number;
  readonly dateSent: number | null;
  readonly priced: boolean;
}

function phase(c: MessageCore, now: number): Phase {
  if (now < c.sent) {
    return { status: c.direction === 'inbound' ? 'receiving' : 'queued', updated: c.created, dateSent: null, priced: false };
  }
  if (c.direction === 'inbound') return { status: 'received', updated: c.sent, dateSent: c.sent, priced: true };
  if (now < c.settled) return { status: 'sent', updated: c.sent, dateSent: c.sent, priced: false };
  return { status: c.outcome, updated: c.settled, dateSent: c.sent, priced: c.outcome !== 'failed' };
}

export class MessageModel extends PlacedModel implements RecordModel<MessageCore> {
  readonly maxLife = MAX_SEND_DELAY + MAX_SETTLE_DELAY;
  readonly dates: Readonly<Record<string, DateField<MessageCore>>> = {
    date_created: { at: (c) => c.created, maxOffset: 0 },
    date_sent: { at: (c, now) => phase(c, now).dateSent, maxOffset: MAX_SEND_DELAY },
    date_updated: { at: (c, now) => phase(c, now).updated, maxOffset: this.maxLife },
  };
  /** Twilio lists messages of the last 400 days only, by date_sent (date_created while unsent). */
  readonly retention = {
    days: 400,
    at: (c: MessageCore, now: number) => phase(c, now).dateSent ?? c.created,
    maxOffset: MAX_SEND_DELAY,
  };

  constructor(
    grid: Grid,
    private readonly account: AccountContext,
  ) {
    super(grid, ['SM', 'MM']);
  }

  core(i: number): MessageCore {
    const rng = this.grid.rng(i);
    const created = this.grid.placed(i, rng.next());
    const direction = rng.weighted(DIRECTIONS);
    const mms = rng.chance(0.08);
    const sid = this.codec.make(mms ? 'MM' : 'SM', i, rng);
    const sent = Math.min(created + rng.int(0, MAX_SEND_DELAY), this.grid.upper(i));
    const settled = sent + (rng.chance(0.97) ? rng.int(1, 20) : rng.int(21, MAX_SETTLE_DELAY - 1));
    const outcome = direction === 'inbound' ? 'received' : rng.weighted(OUTCOMES);
    const deleteAt = rng.chance(0.01) ? created + rng.int(3600, 2 * DAY) : null;
    return { i, sid, created, deleteAt, direction, mms, sent, settled, outcome };
  }

  updatedAt(c: MessageCore, now: number): number {
    return phase(c, now).updated;
  }

  json(c: MessageCore, now: number): TwilioJson {
    const rng = this.grid.rng(c.i, 1);
    const p = phase(c, now);
    const own = this.account.book.ownNumber(rng);
    const customer = this.account.book.customer(rng);
    const inbound = c.direction === 'inbound';
    const body = messageBody(rng, c.mms);
    const numMedia = c.mms ? rng.int(1, 3) : 0;
    const segments = c.mms ? 1 : segmentCount(body);
    const service = rng.chance(0.6) ? rng.pick(this.account.messagingServices) : null;
    const unit = c.mms ? 0.02 : ratePerUnit(inbound ? own.country : customer.country, 'sms') * segments;
    const error = c.outcome === 'undelivered' || c.outcome === 'failed' ? rng.pick(ERRORS[c.outcome]) : null;
    const showError = error !== null && p.status === c.outcome;
    const uri = `${this.account.base}/Messages/${c.sid}`;
    return {
      account_sid: this.account.sid,
      api_version: '2010-04-01',
      body,
      date_created: rfc2822(c.created),
      date_sent: rfc2822OrNull(p.dateSent),
      date_updated: rfc2822(p.updated),
      direction: c.direction,
      error_code: showError ? error[0] : null,
      error_message: showError ? error[1] : null,
      from: inbound ? customer.e164 : own.e164,
      messaging_service_sid: service,
      num_media: String(numMedia),
      num_segments: String(segments),
      price: p.priced ? priceString(unit) : null,
      price_unit: 'USD',
      sid: c.sid,
      status: p.status,
      subresource_uris: { media: `${uri}/Media.json`, feedback: `${uri}/Feedback.json` },
      to: inbound ? own.e164 : customer.e164,
      uri: `${uri}.json`,
    };
  }
}
