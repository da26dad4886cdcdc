// Conferences: windows on DateUpdated, one listing per Status, because since 2026-09-30 Twilio lists only
// in-progress conferences when Status is absent.
import { columns, type Collection } from './collection.js';

export const conferences: Collection = {
  name: 'conferences',
  path: '/2010-04-01/Accounts/{AccountSid}/Conferences.json',
  envelopeKey: 'conferences',
  idField: 'sid',
  read: {
    kind: 'windows',
    filter: 'DateUpdated',
    granularity: 'date',
    listings: [{ Status: 'init' }, { Status: 'in-progress' }, { Status: 'completed' }],
  },
  columns: columns({
    sid: 'text',
    account_sid: 'text',
    api_version: 'text',
    friendly_name: 'text',
    region: 'text',
    status: 'text',
    reason_conference_ended: 'text',
    call_sid_ending_conference: 'text',
    date_created: 'timestamptz',
    date_updated: 'timestamptz',
    uri: 'text',
  }),
};
