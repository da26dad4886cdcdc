// The application API of the service: every face (HTTP API, web UI, CLI) manages sources and runs through it and
// holds no business logic or SQL of its own.
import { z } from 'zod';
import { collectionNames, type CollectionName } from '../collections/collection.js';
import type { CollectionReport } from '../sync/run-sync.js';
import { accountSidSchema, schemaNameSchema } from '../sync/sync-settings.js';

/** `3h`, `30m`, `1d` (an interval) or a five-field cron expression such as `0 *\/3 * * *`. */
export const scheduleSchema = z.string().min(2).max(100);

export const sourceInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** Segment-style labels, key → value. */
  labels: z.record(z.string().min(1).max(50), z.string().max(100)).default({}),
  /** Defaults from the name: "Twilio Prod" → twilio_prod. Unique per warehouse. */
  schema: schemaNameSchema.optional(),
  accountSid: accountSidSchema,
  authToken: z.string().min(1).optional(),
  apiKey: z.string().regex(/^SK[0-9a-fA-F]{32}$/).optional(),
  apiSecret: z.string().min(1).optional(),
  subaccount: accountSidSchema.nullable().default(null),
  includeSubaccounts: z.boolean().default(false),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
  collections: z.array(z.enum(collectionNames)).min(1).default([...collectionNames]),
  /** Source runs: default every 3 hours, as Segment. */
  schedule: scheduleSchema.default('3h'),
  /** duckdb:PATH or postgres://… ; default: the data directory's DuckDB file. */
  warehouse: z.string().min(1).optional(),
  /** Warehouse runs besides the one after each source run: default hourly. */
  warehouseSchedule: scheduleSchema.default('1h'),
  enabled: z.boolean().default(true),
  /** Where Twilio is: only for the emulator and tests. */
  apiBaseUrl: z.url().optional(),
});
export type SourceInput = z.input<typeof sourceInputSchema>;
/** An update names only what changes; credentials are replaced only when given. */
export type SourcePatch = Partial<SourceInput>;

export interface SourceView {
  readonly id: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly schema: string;
  readonly accountSid: string;
  readonly credentialKind: 'auth_token' | 'api_key';
  readonly apiKey: string | null;
  /** The secret is never returned: only its last four characters, as `••••abcd`. */
  readonly secretMasked: string;
  readonly subaccount: string | null;
  readonly includeSubaccounts: boolean;
  readonly startDate: string | null;
  readonly collections: readonly CollectionName[];
  readonly schedule: string;
  readonly warehouse: string; // password masked
  readonly warehouseSchedule: string;
  readonly enabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly nextRunAt: string | null;
  readonly lastRun: RunView | null;
}

export type RunTrigger = 'schedule' | 'manual' | 'full' | 'catch-up';
export type RunStatus = 'running' | 'success' | 'partial' | 'failed';

export interface RunView {
  readonly id: string;
  readonly sourceId: string;
  readonly trigger: RunTrigger;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  readonly collections: readonly CollectionReport[];
  readonly notices: readonly string[];
  readonly error: string | null;
}

export interface CollectionOverview {
  readonly name: CollectionName;
  readonly rowsLastRun: number;
  /** Rows in the warehouse table now. */
  readonly rowsTotal: number;
  readonly lastSyncAt: string | null;
  readonly status: 'success' | 'failed' | 'never';
}

export interface SourceOverview {
  readonly source: SourceView;
  readonly collections: readonly CollectionOverview[];
  /** Rows synced per run, oldest first, for the chart. */
  readonly history: readonly { readonly runId: string; readonly startedAt: string; readonly rows: number; readonly status: RunStatus }[];
}

export interface TablePreview {
  readonly table: CollectionName;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

export interface AuthenticationResult {
  readonly accountSid: string;
  readonly friendlyName: string | null;
  readonly collections: readonly { readonly name: CollectionName; readonly readable: boolean; readonly error?: string }[];
}

/** Thrown for input that fails validation; `field` names the field at fault (the HTTP API answers 400). */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** The HTTP API answers 404. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** A second run of a source while one runs, a schema already used in that warehouse… (the HTTP API answers 409). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

export interface SourceService {
  listSources(): Promise<SourceView[]>;
  getSource(id: string): Promise<SourceView>;
  createSource(input: SourceInput): Promise<SourceView>;
  updateSource(id: string, patch: SourcePatch): Promise<SourceView>;
  deleteSource(id: string): Promise<void>;
  setEnabled(id: string, enabled: boolean): Promise<SourceView>;
  /** Checks credentials against Twilio before anything is saved. */
  authenticate(input: Pick<SourceInput, 'accountSid' | 'authToken' | 'apiKey' | 'apiSecret' | 'apiBaseUrl'>): Promise<AuthenticationResult>;
  /** The tables and columns a source with these collections creates, before anything is created. */
  previewTables(collections: readonly CollectionName[]): TablePreview[];
  /** Starts a run now ("Sync now", or "Full resync" with full: cursors reset). Resolves once it has started. */
  triggerRun(id: string, options: { readonly full: boolean }): Promise<RunView>;
  listRuns(sourceId: string | null, limit: number): Promise<RunView[]>;
  overview(id: string): Promise<SourceOverview>;
  /** Prometheus text: runs, rows, API requests, retries, 429s, hub backlog. */
  metrics(): Promise<string>;
}
