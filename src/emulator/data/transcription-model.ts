// Transcriptions of call recordings: in-progress for up to two minutes, then completed (or failed).
import type { AccountContext } from './account-context.js';
import type { TwilioJson } from './emulated-data.js';
import type { Grid } from './grid.js';
import { PlacedModel } from './placed-model.js';
import { randomSid } from './random.js';
import type { CoreRecord, DateField, RecordModel } from './record-model.js';
import { DAY, rfc2822 } from './time-format.js';

export interface TranscriptionCore extends CoreRecord {
  readonly finished: number;
  readonly failed: boolean;
}

const SENTENCES = [
  'Hi, this is Sam calling about my order.',
  'Please call me back at your earliest convenience.',
  'I would like to reschedule my appointment to next Tuesday.',
  'The package arrived damaged, can someone help?',
  'Thanks, that answers my question.',
];
const MAX_WORK = 120;

export class TranscriptionModel extends PlacedModel implements RecordModel<TranscriptionCore> {
  readonly maxLife = MAX_WORK;
  readonly dates: Readonly<Record<string, DateField<TranscriptionCore>>> = {
    date_created: { at: (c) => c.created, maxOffset: 0 },
    date_updated: { at: (c, now) => this.updatedAt(c, now), maxOffset: MAX_WORK },
  };

  constructor(
    grid: Grid,
    private readonly account: AccountContext,
  ) {
    super(grid, ['TR']);
  }

  core(i: number): TranscriptionCore {
    const rng = this.grid.rng(i);
    const created = this.grid.placed(i, rng.next());
    const sid = this.codec.make('TR', i, rng);
    const finished = created + rng.int(5, MAX_WORK);
    const failed = rng.chance(0.08);
    const deleteAt = rng.chance(0.01) ? created + rng.int(3600, 2 * DAY) : null;
    return { i, sid, created, deleteAt, finished, failed };
  }

  updatedAt(c: TranscriptionCore, now: number): number {
    return now >= c.finished ? c.finished : c.created;
  }

  json(c: TranscriptionCore, now: number): TwilioJson {
    const rng = this.grid.rng(c.i, 1);
    const done = now >= c.finished;
    const seconds = rng.int(3, 600);
    const text = Array.from({ length: 1 + Math.floor(seconds / 60) }, () => rng.pick(SENTENCES)).join(' ');
    const status = done ? (c.failed ? 'failed' : 'completed') : 'in-progress';
    return {
      account_sid: this.account.sid,
      api_version: '2010-04-01',
      date_created: rfc2822(c.created),
      date_updated: rfc2822(this.updatedAt(c, now)),
      duration: String(seconds),
      // The spec types a transcription's price as a number (unlike messages and calls).
      price: status === 'completed' ? -(5 * Math.ceil(seconds / 60)) / 100 : null,
      price_unit: 'USD',
      recording_sid: randomSid('RE', rng),
      sid: c.sid,
      status,
      transcription_text: status === 'completed' ? text : status === 'failed' ? '(blank)' : null,
      type: 'fast',
      uri: `${this.account.base}/Transcriptions/${c.sid}.json`,
    };
  }
}
