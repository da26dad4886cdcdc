// Validates a new source or a patch into the record the store keeps and the secrets it seals, with InvalidInputError
// naming the field at fault. Nothing here touches the store.
import { defaultWarehouse } from '../home.js';
import { scheduleProblem } from '../scheduler/schedule.js';
import type { SourceRecord } from '../control/store-records.js';
import { syncSettingsSchema, type SyncSettingsInput } from '../sync/sync-settings.js';
import { invalidInput } from './invalid-input.js';
import { InvalidInputError, sourceInputSchema } from './source-service.js';
import { maskWarehouse, normalizeWarehouse } from './warehouse-url.js';

/** What is sealed per source: the secret half of the credentials and the full warehouse URL (it may hold a password). */
export interface SourceSecrets {
  readonly authToken?: string;
  readonly apiSecret?: string;
  readonly warehouse: string;
}

export interface ValidatedSource {
  readonly record: SourceRecord;
  readonly secrets: SourceSecrets;
}

const inputKeys = new Set(Object.keys(sourceInputSchema.shape));
const MASK = '••••';

/** "Twilio Prod" → twilio_prod; a name with no usable letters → twilio. */
export function defaultSchemaName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const schema = /^[0-9]/.test(base) ? `_${base}` : base;
  return schema.slice(0, 63) || 'twilio';
}

/** The last four characters, shown masked; none for a secret so short that four would give most of it away. */
function hintOf(secret: string): string {
  return secret.length >= 12 ? secret.slice(-4) : '';
}

export function secretMasked(hint: string): string {
  return `${MASK}${hint}`;
}

/**
 * Validates `input` (a whole source: a new one, or an existing one with a patch merged in) into a record.
 * `base` supplies what the input does not change: the id, the creation time, and the secrets already sealed.
 */
export async function validateSource(
  input: unknown,
  base: { readonly id: string; readonly createdAt: string; readonly now: string; readonly home: string },
): Promise<ValidatedSource> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new InvalidInputError('input', 'must be a JSON object');
  const unknown = Object.keys(input).find((key) => !inputKeys.has(key));
  if (unknown !== undefined) throw new InvalidInputError(unknown, 'is not a source setting');
  const parsed = sourceInputSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const value = parsed.data;
  for (const field of ['schedule', 'warehouseSchedule'] as const) {
    const problem = scheduleProblem(value[field]);
    if (problem !== null) throw new InvalidInputError(field, problem);
  }
  const credentials = credentialsOf(value);
  const warehouse = await normalizeWarehouse(value.warehouse ?? defaultWarehouse(base.home));
  const secrets: SourceSecrets = { ...credentials.secret, warehouse };
  const record: SourceRecord = {
    id: base.id,
    name: value.name,
    labels: value.labels,
    schema: value.schema ?? defaultSchemaName(value.name),
    accountSid: value.accountSid,
    credentialKind: credentials.kind,
    apiKey: credentials.apiKey,
    secretHint: hintOf(secrets.authToken ?? secrets.apiSecret ?? ''),
    subaccount: value.subaccount,
    includeSubaccounts: value.includeSubaccounts,
    startDate: value.startDate,
    collections: [...new Set(value.collections)],
    schedule: value.schedule.trim(),
    warehouse: maskWarehouse(warehouse),
    warehouseSchedule: value.warehouseSchedule.trim(),
    enabled: value.enabled,
    apiBaseUrl: value.apiBaseUrl ?? null,
    createdAt: base.createdAt,
    updatedAt: base.now,
  };
  // The settings a run will use must pass the sync's own validation (real dates, warehouse URL, …) now, not at 3 a.m.
  const settings = syncSettingsSchema.safeParse(syncSettingsInput(record, secrets, false));
  if (!settings.success) throw invalidInput(settings.error);
  return { record, secrets };
}

/** The input a source's current state corresponds to, secrets included, for merging a patch into. */
export function inputOf(record: SourceRecord, secrets: SourceSecrets): Record<string, unknown> {
  return {
    name: record.name,
    labels: record.labels,
    schema: record.schema,
    accountSid: record.accountSid,
    ...(record.credentialKind === 'auth_token' ? { authToken: secrets.authToken } : { apiKey: record.apiKey, apiSecret: secrets.apiSecret }),
    subaccount: record.subaccount,
    includeSubaccounts: record.includeSubaccounts,
    startDate: record.startDate,
    collections: record.collections,
    schedule: record.schedule,
    warehouse: secrets.warehouse,
    warehouseSchedule: record.warehouseSchedule,
    enabled: record.enabled,
    ...(record.apiBaseUrl !== null ? { apiBaseUrl: record.apiBaseUrl } : {}),
  };
}

/**
 * Merges a patch into the current input. New credentials replace the old ones whole (an Auth Token drops an API key
 * and back); masked values sent back as they were shown (a masked warehouse URL or secret) change nothing.
 */
export function mergePatch(current: Record<string, unknown>, record: SourceRecord, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  if (changes['warehouse'] === record.warehouse) delete changes['warehouse'];
  for (const key of ['authToken', 'apiSecret']) if (changes[key] === secretMasked(record.secretHint)) delete changes[key];
  const merged = { ...current, ...changes };
  if ('authToken' in changes && !('apiKey' in changes) && !('apiSecret' in changes)) {
    delete merged['apiKey'];
    delete merged['apiSecret'];
  } else if (('apiKey' in changes || 'apiSecret' in changes) && !('authToken' in changes)) {
    delete merged['authToken'];
  }
  return merged;
}

export function credentialsOf(value: { authToken?: string | undefined; apiKey?: string | undefined; apiSecret?: string | undefined }): {
  kind: 'auth_token' | 'api_key';
  apiKey: string | null;
  secret: { authToken: string } | { apiSecret: string };
} {
  const hasKey = value.apiKey !== undefined || value.apiSecret !== undefined;
  if (value.authToken !== undefined && hasKey) throw new InvalidInputError('authToken', 'give either an Auth Token or an API key and secret, not both');
  if (value.authToken !== undefined) return { kind: 'auth_token', apiKey: null, secret: { authToken: value.authToken } };
  if (!hasKey) throw new InvalidInputError('authToken', 'give an Auth Token, or an API key and its secret');
  if (value.apiKey === undefined) throw new InvalidInputError('apiKey', 'an API key needs both its SID and its secret');
  if (value.apiSecret === undefined) throw new InvalidInputError('apiSecret', 'an API key needs both its SID and its secret');
  return { kind: 'api_key', apiKey: value.apiKey, secret: { apiSecret: value.apiSecret } };
}

/** The settings of one sync of this source. */
export function syncSettingsInput(record: SourceRecord, secrets: SourceSecrets, full: boolean): SyncSettingsInput {
  return {
    accountSid: record.accountSid,
    ...(secrets.authToken !== undefined ? { authToken: secrets.authToken } : {}),
    ...(record.apiKey !== null ? { apiKey: record.apiKey } : {}),
    ...(secrets.apiSecret !== undefined ? { apiSecret: secrets.apiSecret } : {}),
    ...(record.subaccount !== null ? { subaccount: record.subaccount } : {}),
    includeSubaccounts: record.includeSubaccounts,
    ...(record.apiBaseUrl !== null ? { apiBaseUrl: record.apiBaseUrl } : {}),
    warehouse: secrets.warehouse,
    schema: record.schema,
    collections: [...record.collections],
    startDate: record.startDate,
    full,
  };
}
