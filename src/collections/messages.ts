// Messages: windows on DateSent with a lookback, since status, price and errors change after sending.
import { columns, type Collection } from './collection.js';

export const messages: Collection = {
  name: 'messages',
  path: '/2010-04-01/Accounts/{AccountSid}/Messages.json',
  envelopeKey: 'messages',
  idField: 'sid',
  read: { kind: 'windows', filter: 'DateSent', granularity: 'datetime', listings: [{}], retentionDays: 400 },
  columns: columns({
    sid: 'text',
    account_sid: 'text',
    messaging_service_sid: 'text',
    api_version: 'text',
    body: 'text',
    direction: 'text',
    from: 'text',
    to: 'text',
    status: 'text',
    num_segments: 'bigint',
    num_media: 'bigint',
    price: 'double',
    price_unit: 'text',
    error_code: 'bigint',
    error_message: 'text',
    date_created: 'timestamptz',
    date_sent: 'timestamptz',
    date_updated: 'timestamptz',
    uri: 'text',
    subresource_uris_media: 'text',
    subresource_uris_feedback: 'text',
  }),
};
