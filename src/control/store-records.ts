// What the control store holds, as plain records, and how table rows map to them (the same for both drivers).
import type { CollectionName } from '../collections/collection.js';
import type { CollectionReport } from '../sync/run-sync.js';
import type { ControlRow } from './control-db.js';

export interface SourceRecord {
  readonly id: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly schema: string;
  readonly accountSid: string;
  readonly credentialKind: 'auth_token' | 'api_key';
  readonly apiKey: string | null;
  /** The secret's last four characters. */
  readonly secretHint: string;
  readonly subaccount: string | null;
  readonly includeSubaccounts: boolean;
  readonly startDate: string | null;
  readonly collections: readonly CollectionName[];
  readonly schedule: string;
  /** With any password masked; the full URL is in the sealed credentials. */
  readonly warehouse: string;
  readonly warehouseSchedule: string;
  readonly enabled: boolean;
  readonly apiBaseUrl: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** AES-GCM output, every part base64; `keyId` names the key that sealed it. */
export interface SealedRecord {
  readonly keyId: string;
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

export type StoredRunStatus = 'running' | 'success' | 'partial' | 'failed';

export interface RunRecord {
  readonly id: string;
  readonly sourceId: string;
  readonly trigger: string;
  readonly status: StoredRunStatus;
  readonly owner: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly collections: readonly CollectionReport[];
  readonly notices: readonly string[];
  readonly error: string | null;
  readonly requests: number;
  readonly retries: number;
  readonly rateLimited: number;
}

export type RunResult = Pick<RunRecord, 'status' | 'finishedAt' | 'collections' | 'notices' | 'error' | 'requests' | 'retries' | 'rateLimited'>;

const iso = (value: unknown): string => new Date(value as string | Date).toISOString();
const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : iso(value));
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
/** jsonb comes back parsed from both drivers; a string is parsed in case a driver hands text. */
const json = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

export function sourceFromRow(row: ControlRow): SourceRecord {
  return {
    id: String(row['id']),
    name: String(row['name']),
    labels: json(row['labels']),
    schema: String(row['schema_name']),
    accountSid: String(row['account_sid']),
    credentialKind: row['credential_kind'] === 'api_key' ? 'api_key' : 'auth_token',
    apiKey: textOrNull(row['api_key']),
    secretHint: String(row['secret_hint']),
    subaccount: textOrNull(row['subaccount']),
    includeSubaccounts: row['include_subaccounts'] === true,
    startDate: textOrNull(row['start_date']),
    collections: json(row['collections']),
    schedule: String(row['schedule']),
    warehouse: String(row['warehouse']),
    warehouseSchedule: String(row['warehouse_schedule']),
    enabled: row['enabled'] === true,
    apiBaseUrl: textOrNull(row['api_base_url']),
    createdAt: iso(row['created_at']),
    updatedAt: iso(row['updated_at']),
  };
}

export function sourceParams(source: SourceRecord): (string | boolean | null)[] {
  return [
    source.id,
    source.name,
    JSON.stringify(source.labels),
    source.schema,
    source.accountSid,
    source.credentialKind,
    source.apiKey,
    source.secretHint,
    source.subaccount,
    source.includeSubaccounts,
    source.startDate,
    JSON.stringify(source.collections),
    source.schedule,
    source.warehouse,
    source.warehouseSchedule,
    source.enabled,
    source.apiBaseUrl,
    source.createdAt,
    source.updatedAt,
  ];
}

export const sourceColumns =
  'id, name, labels, schema_name, account_sid, credential_kind, api_key, secret_hint, subaccount, include_subaccounts, start_date, collections, schedule, warehouse, warehouse_schedule, enabled, api_base_url, created_at, updated_at';

export function runFromRow(row: ControlRow): RunRecord {
  return {
    id: String(row['id']),
    sourceId: String(row['source_id']),
    trigger: String(row['trigger']),
    status: String(row['status']) as StoredRunStatus,
    owner: String(row['owner']),
    startedAt: iso(row['started_at']),
    finishedAt: isoOrNull(row['finished_at']),
    collections: json(row['collections']),
    notices: json(row['notices']),
    error: textOrNull(row['error']),
    requests: Number(row['requests']),
    retries: Number(row['retries']),
    rateLimited: Number(row['rate_limited']),
  };
}
