// Transcriptions: the API has no date filter, but lists them newest first and a transcription changes only while
// Twilio transcribes it (recordings of at most two minutes), so an incremental run stops at the lookback.
import { columns, type Collection } from './collection.js';

export const transcriptions: Collection = {
  name: 'transcriptions',
  path: '/2010-04-01/Accounts/{AccountSid}/Transcriptions.json',
  envelopeKey: 'transcriptions',
  idField: 'sid',
  read: { kind: 'full', stopWhenOlder: { field: 'date_created' } },
  columns: columns({
    sid: 'text',
    account_sid: 'text',
    api_version: 'text',
    recording_sid: 'text',
    status: 'text',
    type: 'text',
    transcription_text: 'text',
    duration: 'bigint',
    price: 'double',
    price_unit: 'text',
    date_created: 'timestamptz',
    date_updated: 'timestamptz',
    uri: 'text',
  }),
};
