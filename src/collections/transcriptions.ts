// Transcriptions: the API has no date filter, so every run lists them whole.
import { columns, type Collection } from './collection.js';

export const transcriptions: Collection = {
  name: 'transcriptions',
  path: '/2010-04-01/Accounts/{AccountSid}/Transcriptions.json',
  envelopeKey: 'transcriptions',
  idField: 'sid',
  read: { kind: 'full' },
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
