// One account's collections: models on their grids, list views and ground-truth ledgers.
import type { AccountContext } from './account-context.js';
import { AddressModel } from './address-model.js';
import { annotationScore, hasAnnotation } from './call-insights.js';
import { CallModel, type CallCore } from './call-model.js';
import { CollectionLedger } from './collection-ledger.js';
import { CollectionView } from './collection-view.js';
import { ConferenceModel } from './conference-model.js';
import type { DatasetOptions } from './dataset-options.js';
import type { ListName, TruthCollection } from './emulated-data.js';
import { Grid } from './grid.js';
import { MessageModel } from './message-model.js';
import { mixSeed } from './random.js';
import type { CoreRecord, RecordModel } from './record-model.js';
import { SummaryModel } from './summary-model.js';
import { DAY } from './time-format.js';
import { TranscriptionModel } from './transcription-model.js';

const LIST_IDS: Record<ListName, number> = {
  messages: 1,
  calls: 2,
  conferences: 3,
  addresses: 4,
  transcriptions: 5,
  summaries: 6,
};

export class AccountData {
  readonly views: Readonly<Record<ListName, CollectionView<CoreRecord>>>;
  readonly calls: CollectionView<CallCore>;
  readonly callModel: CallModel;
  readonly ledgers: Readonly<Record<TruthCollection, CollectionLedger<CoreRecord>>>;

  constructor(
    readonly context: AccountContext,
    options: DatasetOptions,
    origin: number,
  ) {
    const span = options.historyDays * DAY;
    // One second late, so that exactly `count` records exist at origin (record `count` falls after it).
    const start = origin - span + 1;
    const grid = (list: ListName, count: number) =>
      new Grid(start, count > 0 ? span / count : Infinity, mixSeed(options.seed, context.index, LIST_IDS[list]));
    const share = options.calls > 0 ? Math.min(1, options.annotations / options.calls) : 0;
    this.callModel = new CallModel(grid('calls', options.calls), context, share);
    const view = <C extends CoreRecord>(list: ListName, model: RecordModel<C>) =>
      new CollectionView(model, origin, mixSeed(options.seed, context.index, LIST_IDS[list], 0x9051));
    this.calls = view('calls', this.callModel);
    this.views = {
      messages: view('messages', new MessageModel(grid('messages', options.messages), context)),
      calls: this.calls,
      conferences: view('conferences', new ConferenceModel(grid('conferences', options.conferences), context)),
      addresses: view('addresses', new AddressModel(grid('addresses', options.addresses), context)),
      transcriptions: view('transcriptions', new TranscriptionModel(grid('transcriptions', options.transcriptions), context)),
      summaries: view('summaries', new SummaryModel(this.callModel, context)),
    };
    const byUpdate = (v: CollectionView<CoreRecord>) =>
      new CollectionLedger(v, {
        include: () => true,
        version: (core, now) => String(v.model.updatedAt(core, now)),
        window: v.model.maxLife,
        countsCreations: true,
      });
    const feedback = new CollectionLedger(this.calls, {
      include: (core, now) => hasAnnotation(core, now),
      version: (core) => String(annotationScore(this.callModel, core) ?? ''),
      window: this.callModel.maxLife + 30 * DAY,
      countsCreations: false,
    });
    this.ledgers = {
      messages: byUpdate(this.views.messages),
      calls: byUpdate(this.views.calls),
      conferences: byUpdate(this.views.conferences),
      addresses: byUpdate(this.views.addresses),
      transcriptions: byUpdate(this.views.transcriptions),
      call_feedback: feedback,
    };
  }
}
