// The flags that say which Twilio account to read and where to write, shared by `sync` and `check`.
import type { Command} from 'commander';
import { Option } from 'commander';
import { dataHome, defaultWarehouse } from '../home.js';
import { durationSchema, syncSettingsSchema, type SyncSettings } from '../sync/sync-settings.js';
import { parseFlags } from './usage-error.js';

export const flagOf: Readonly<Record<string, string>> = {
  accountSid: '--account-sid (or TWILIO_ACCOUNT_SID)',
  authToken: '--auth-token (or TWILIO_AUTH_TOKEN)',
  apiKey: '--api-key',
  apiSecret: '--api-secret',
  subaccount: '--subaccount',
  apiBaseUrl: '--api-base-url',
  warehouse: '--warehouse',
  schema: '--schema',
  collections: '--collections',
  startDate: '--start-date',
  lookbackMs: '--lookback',
  concurrency: '--concurrency',
  maxRetries: '--max-retries',
};

export function addCredentialFlags(command: Command): Command {
  return command
    .addOption(new Option('--account-sid <sid>', 'Twilio Account SID').env('TWILIO_ACCOUNT_SID'))
    .addOption(new Option('--auth-token <token>', 'Auth Token').env('TWILIO_AUTH_TOKEN'))
    .addOption(new Option('--api-key <sid>', 'API key SID (SK…), instead of the Auth Token').env('TWILIO_API_KEY'))
    .addOption(new Option('--api-secret <secret>', 'API key secret').env('TWILIO_API_SECRET'))
    .addOption(new Option('--api-base-url <url>', 'send API and Voice Insights requests here (e.g. the emulator)').env('TWILIO_API_BASE_URL'));
}

export function addSyncFlags(command: Command): Command {
  return addCredentialFlags(command)
    .option('--subaccount <sid>', 'read one subaccount with the parent credentials')
    .option('--include-subaccounts', 'read the main account and every subaccount', false)
    .addOption(new Option('--warehouse <url>', 'duckdb:PATH or postgres://… (default: a DuckDB file in the data directory)').env('TWILIO_SOURCE_WAREHOUSE'))
    .option('--schema <name>', 'warehouse schema', 'twilio')
    .option('--collections <list>', 'comma-separated collections to read (default: all)')
    .option('--start-date <YYYY-MM-DD>', 'read records from this date (first run only; default: all Twilio keeps)')
    .option('--lookback <duration>', 're-read this far behind the cursor, e.g. 7d', '7d')
    .option('--concurrency <n>', 'concurrent requests per account', '10')
    .option('--max-retries <n>', 'retries of one request before its collection fails', '8')
    .option('--hub-retention <duration>', 'keep loaded batches in the hub this long, e.g. 1d', '1d')
    .option('--full', 'reset the cursors and read everything from the start date again', false)
    .option('--annotations-per-call', 'read call feedback with one annotation request per call instead of from call summaries', false);
}

/** Turns the parsed flags into validated sync settings, or a UsageError naming the flag. */
export function syncSettingsFromFlags(flags: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): SyncSettings {
  const lookback = parseFlags(durationSchema, flags['lookback'], { '': '--lookback' });
  const hubRetention = parseFlags(durationSchema, flags['hubRetention'] ?? '1d', { '': '--hub-retention' });
  const text = (key: string): string | undefined => (typeof flags[key] === 'string' ? (flags[key]) : undefined);
  const raw = {
    accountSid: text('accountSid') ?? '',
    authToken: text('authToken'),
    apiKey: text('apiKey'),
    apiSecret: text('apiSecret'),
    subaccount: text('subaccount'),
    includeSubaccounts: flags['includeSubaccounts'] === true,
    apiBaseUrl: text('apiBaseUrl'),
    warehouse: text('warehouse') ?? defaultWarehouse(dataHome(env)),
    schema: text('schema'),
    collections: text('collections')?.split(',').map((name) => name.trim()),
    startDate: text('startDate') ?? null,
    lookbackMs: lookback,
    full: flags['full'] === true,
    annotationsPerCall: flags['annotationsPerCall'] === true,
    hubRetentionMs: hubRetention,
    concurrency: Number(text('concurrency') ?? 10),
    maxRetries: Number(text('maxRetries') ?? 8),
  };
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  return parseFlags(syncSettingsSchema, defined, flagOf);
}
