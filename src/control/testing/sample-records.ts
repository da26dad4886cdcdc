// Test support: plausible source and run records for control store tests.
import type { SealedRecord, SourceRecord } from '../store-records.js';

export function sampleSource(overrides: Partial<SourceRecord> = {}): SourceRecord {
  const now = new Date('2026-01-02T03:04:05.000Z').toISOString();
  return {
    id: 'src_1',
    name: 'Twilio Prod',
    labels: { env: 'prod' },
    schema: 'twilio_prod',
    accountSid: `AC${'a'.repeat(32)}`,
    credentialKind: 'auth_token',
    apiKey: null,
    secretHint: 'abcd',
    subaccount: null,
    includeSubaccounts: false,
    startDate: null,
    collections: ['messages', 'calls'],
    schedule: '3h',
    warehouse: 'duckdb:/tmp/w.duckdb',
    warehouseSchedule: '1h',
    enabled: true,
    apiBaseUrl: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export const sampleSealed: SealedRecord = { keyId: 'k1', iv: 'aXY=', tag: 'dGFn', ciphertext: 'Y2lwaGVy' };
