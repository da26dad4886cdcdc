// Addresses: the API has no date filter, so every run lists them whole.
import { columns, type Collection } from './collection.js';

export const addresses: Collection = {
  name: 'addresses',
  path: '/2010-04-01/Accounts/{AccountSid}/Addresses.json',
  envelopeKey: 'addresses',
  idField: 'sid',
  read: { kind: 'full' },
  columns: columns({
    sid: 'text',
    account_sid: 'text',
    customer_name: 'text',
    friendly_name: 'text',
    street: 'text',
    street_secondary: 'text',
    city: 'text',
    region: 'text',
    postal_code: 'text',
    iso_country: 'text',
    emergency_enabled: 'boolean',
    validated: 'boolean',
    verified: 'boolean',
    date_created: 'timestamptz',
    date_updated: 'timestamptz',
    uri: 'text',
  }),
};
