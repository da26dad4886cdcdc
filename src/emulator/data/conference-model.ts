// Conferences: init → in-progress → completed, with the reason it ended and the call that ended it.
import type { AccountContext } from './account-context.js';
import type { TwilioJson } from './emulated-data.js';
import type { Grid } from './grid.js';
import { PlacedModel } from './placed-model.js';
import { randomSid } from './random.js';
import type { CoreRecord, DateField, RecordModel } from './record-model.js';
import { DAY, rfc2822 } from './time-format.js';

export interface ConferenceCore extends CoreRecord {
  readonly started: number;
  readonly ended: number;
}

const NAMES = ['Daily standup', 'Support escalation', 'Sales sync', 'Board call', 'Incident bridge', 'Onboarding'];
const REASONS = [
  ['last-participant-left', 60],
  ['participant-with-end-conference-on-exit-left', 25],
  ['conference-ended-via-api', 10],
  ['participant-with-end-conference-on-exit-kicked', 3],
  ['last-participant-kicked', 2],
] as const;
const MAX_LENGTH = 3 * 3600;

function phase(c: ConferenceCore, now: number): { status: string; updated: number } {
  if (now < c.started) return { status: 'init', updated: c.created };
  if (now < c.ended) return { status: 'in-progress', updated: c.started };
  return { status: 'completed', updated: c.ended };
}

export class ConferenceModel extends PlacedModel implements RecordModel<ConferenceCore> {
  readonly maxLife = 10 + MAX_LENGTH;
  readonly dates: Readonly<Record<string, DateField<ConferenceCore>>> = {
    date_created: { at: (c) => c.created, maxOffset: 0 },
    date_updated: { at: (c, now) => phase(c, now).updated, maxOffset: this.maxLife },
  };

  constructor(
    grid: Grid,
    private readonly account: AccountContext,
  ) {
    super(grid, ['CF']);
  }

  core(i: number): ConferenceCore {
    const rng = this.grid.rng(i);
    const created = this.grid.placed(i, rng.next());
    const sid = this.codec.make('CF', i, rng);
    const started = created + rng.int(2, 10);
    const ended = started + Math.min(MAX_LENGTH, 120 + Math.floor(-Math.log(1 - rng.next()) * 1800));
    const deleteAt = rng.chance(0.01) ? created + rng.int(4 * 3600, 2 * DAY) : null;
    return { i, sid, created, deleteAt, started, ended };
  }

  updatedAt(c: ConferenceCore, now: number): number {
    return phase(c, now).updated;
  }

  json(c: ConferenceCore, now: number): TwilioJson {
    const rng = this.grid.rng(c.i, 1);
    const p = phase(c, now);
    const done = p.status === 'completed';
    const name = `${rng.pick(NAMES)} ${rng.int(1, 999)}`;
    const region = rng.weighted([['us1', 80], ['ie1', 8], ['de1', 5], ['sg1', 4], ['au1', 3]] as const);
    const reason = rng.weighted(REASONS);
    const endingCall = randomSid('CA', rng);
    const uri = `${this.account.base}/Conferences/${c.sid}`;
    return {
      account_sid: this.account.sid,
      date_created: rfc2822(c.created),
      date_updated: rfc2822(p.updated),
      api_version: '2010-04-01',
      friendly_name: name,
      region,
      sid: c.sid,
      status: p.status,
      uri: `${uri}.json`,
      subresource_uris: { participants: `${uri}/Participants.json`, recordings: `${uri}/Recordings.json` },
      reason_conference_ended: done ? reason : null,
      call_sid_ending_conference: done && reason !== 'conference-ended-via-api' ? endingCall : null,
    };
  }
}
