// The emulator's data: a deterministic dataset of accounts and their collections, with its own clock.
import { AccountData } from './account-data.js';
import { makeAccounts } from './accounts.js';
import { annotationJson, hasAnnotation } from './call-insights.js';
import type { ChangeCounts } from './collection-ledger.js';
import { InvalidAdvanceError } from './dataset-errors.js';
import { datasetOptionsSchema, type DatasetOptions, type DatasetOptionsInput } from './dataset-options.js';
import type {
  AdvanceReport,
  EmulatedAccount,
  EmulatedData,
  ListFilter,
  ListName,
  ListPage,
  Truth,
  TruthCollection,
  TwilioJson,
} from './emulated-data.js';
import { PhoneBook } from './phone-book.js';
import { Rng, mixSeed, randomSid } from './random.js';
import { DAY } from './time-format.js';

const TRUTH_COLLECTIONS: readonly TruthCollection[] = [
  'messages',
  'calls',
  'conferences',
  'addresses',
  'transcriptions',
  'call_feedback',
];

class Dataset implements EmulatedData {
  private nowMs: number;
  private readonly list_: readonly EmulatedAccount[];
  private readonly bySid = new Map<string, { account: EmulatedAccount; data: AccountData }>();

  constructor(options: DatasetOptions) {
    this.nowMs = Date.parse(options.now);
    const origin = Math.floor(this.nowMs / 1000);
    this.list_ = makeAccounts(options.seed, options.subaccounts, origin - options.historyDays * DAY);
    this.list_.forEach((account, index) => {
      const rng = new Rng(mixSeed(options.seed, 0xb00c, index));
      const context = {
        sid: account.sid,
        index,
        seed: options.seed,
        book: new PhoneBook(rng),
        messagingServices: [randomSid('MG', rng), randomSid('MG', rng)],
        base: `/2010-04-01/Accounts/${account.sid}`,
      };
      this.bySid.set(account.sid, { account, data: new AccountData(context, options, origin) });
    });
  }

  private get nowSec(): number {
    return Math.floor(this.nowMs / 1000);
  }

  private data(accountSid: string): AccountData | undefined {
    return this.bySid.get(accountSid)?.data;
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  accounts(): readonly EmulatedAccount[] {
    return this.list_;
  }

  account(sid: string): EmulatedAccount | undefined {
    return this.bySid.get(sid)?.account;
  }

  list(accountSid: string, list: ListName, filter: ListFilter, after: string | null, limit: number): ListPage {
    const data = this.data(accountSid);
    if (data === undefined) return { records: [], next: null };
    return data.views[list].list(filter, after, limit, this.nowSec);
  }

  fetch(accountSid: string, list: ListName, sid: string): TwilioJson | undefined {
    const view = this.data(accountSid)?.views[list];
    const core = view?.fetch(sid, this.nowSec);
    return view === undefined || core === undefined ? undefined : view.model.json(core, this.nowSec);
  }

  annotation(accountSid: string, callSid: string): TwilioJson | undefined {
    const data = this.data(accountSid);
    const core = data?.calls.fetch(callSid, this.nowSec);
    if (data === undefined || core === undefined || !hasAnnotation(core, this.nowSec)) return undefined;
    return annotationJson(data.callModel, data.context, core);
  }

  advance(ms: number): AdvanceReport {
    if (!Number.isFinite(ms) || ms < 0) throw new InvalidAdvanceError(ms);
    const fromMs = this.nowMs;
    const from = this.nowSec;
    this.nowMs += ms;
    const to = this.nowSec;
    const total: ChangeCounts = { created: 0, updated: 0, deleted: 0 };
    for (const { data } of this.bySid.values()) {
      for (const name of TRUTH_COLLECTIONS) {
        const c = data.ledgers[name].changes(from, to);
        total.created += c.created;
        total.updated += c.updated;
        total.deleted += c.deleted;
      }
    }
    return { from: new Date(fromMs).toISOString(), to: new Date(this.nowMs).toISOString(), ...total };
  }

  truth(): Truth {
    const truth: Truth = {};
    for (const [sid, { data }] of this.bySid) {
      const entries = TRUTH_COLLECTIONS.map((name) => [name, data.ledgers[name].truth(this.nowSec)] as const);
      truth[sid] = Object.fromEntries(entries) as Truth[string];
    }
    return truth;
  }
}

/** A dataset from options (defaults filled in by datasetOptionsSchema); the same options give the same data. */
export function createEmulatedData(options: DatasetOptions | DatasetOptionsInput): EmulatedData {
  return new Dataset(datasetOptionsSchema.parse(options));
}
