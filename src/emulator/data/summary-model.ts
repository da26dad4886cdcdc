// Voice Insights call summaries as a list: the account's calls, seen through their summaries.
import type { AccountContext } from './account-context.js';
import { summaryJson } from './call-insights.js';
import type { CallCore, CallModel } from './call-model.js';
import type { TwilioJson } from './emulated-data.js';
import type { Grid } from './grid.js';
import type { DateField, RecordModel } from './record-model.js';

export class SummaryModel implements RecordModel<CallCore> {
  readonly grid: Grid;
  readonly maxLife: number;
  /** Summaries' own (ISO 8601) date fields; end_time is set once the call reached any final status. */
  readonly dates: Readonly<Record<string, DateField<CallCore>>>;

  constructor(
    private readonly calls: CallModel,
    private readonly account: AccountContext,
  ) {
    this.grid = calls.grid;
    this.maxLife = calls.maxLife;
    const callDates = calls.dates;
    this.dates = {
      created_time: { at: (c) => c.created, maxOffset: 0 },
      start_time: callDates.start_time as DateField<CallCore>,
      end_time: { at: (c, now) => (now >= c.ended ? c.ended : null), maxOffset: callDates.end_time?.maxOffset ?? 0 },
    };
  }

  anchor(i: number): number {
    return this.calls.anchor(i);
  }

  core(i: number): CallCore {
    return this.calls.core(i);
  }

  json(c: CallCore, now: number): TwilioJson {
    return summaryJson(this.calls, this.account, c, now);
  }

  updatedAt(c: CallCore, now: number): number {
    return this.calls.updatedAt(c, now);
  }

  indexOf(sid: string): number | null {
    return this.calls.indexOf(sid);
  }
}
