// `twilio-source sources add|list|show|update|remove|enable|disable`: manage stored sources from the command line,
// through the running server's API or the store directly.
import { Command, Option } from 'commander';
import { createSourceBody, patchSourceBody } from '../server/api-schemas.js';
import { InvalidInputError, type SourceView } from '../service/source-service.js';
import { formatSource, formatSourceTable } from './format-sources.js';
import { findSource, withSourceAdmin } from './source-admin.js';
import { addCredentialFlags } from './sync-flags.js';
import { parseFlags, UsageError } from './usage-error.js';

const flagOf: Readonly<Record<string, string>> = {
  name: '--name',
  labels: '--label',
  schema: '--schema',
  accountSid: '--account-sid',
  authToken: '--auth-token',
  apiKey: '--api-key',
  apiSecret: '--api-secret',
  apiBaseUrl: '--api-base-url',
  subaccount: '--subaccount',
  includeSubaccounts: '--include-subaccounts',
  startDate: '--start-date',
  collections: '--collections',
  schedule: '--schedule',
  warehouse: '--warehouse',
  warehouseSchedule: '--warehouse-schedule',
  enabled: '--disabled',
};

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function addSettingFlags(command: Command): Command {
  return command
    .option('--label <key=value>', 'a label (repeat for several; on update, replaces them all)', collect)
    .option('--schema <name>', 'warehouse schema (default: from the name, "Twilio Prod" → twilio_prod)')
    .option('--subaccount <sid>', 'read one subaccount with the main account\'s credentials')
    .option('--start-date <YYYY-MM-DD>', 'sync records from this date on')
    .option('--collections <list>', 'comma-separated collections (default: all)')
    .option('--schedule <every>', 'source runs: 30m, 3h, 1d or a cron expression (default 3h)')
    .option('--warehouse <url>', 'duckdb:PATH or postgres://… (default: the data directory\'s DuckDB file)')
    .option('--warehouse-schedule <every>', 'warehouse runs (default 1h)')
    .option('--json', 'print JSON', false);
}

function labelsOf(flags: Record<string, unknown>): Record<string, string> | undefined {
  const given = flags['label'] as string[] | undefined;
  if (!given) return undefined;
  return Object.fromEntries(given.map((text) => {
    const at = text.indexOf('=');
    if (at < 1) throw new UsageError(`--label must be key=value (got "${text}")`);
    return [text.slice(0, at), text.slice(at + 1)];
  }));
}

/** The API's input from the flags given; flags not given stay absent (defaults, or unchanged on update). */
function inputOf(flags: Record<string, unknown>): Record<string, unknown> {
  const text = (key: string): string | undefined => (typeof flags[key] === 'string' ? flags[key] : undefined);
  const raw: Record<string, unknown> = {
    name: text('name'),
    labels: labelsOf(flags),
    schema: text('schema'),
    accountSid: text('accountSid'),
    authToken: text('authToken'),
    apiKey: text('apiKey'),
    apiSecret: text('apiSecret'),
    apiBaseUrl: text('apiBaseUrl'),
    subaccount: text('subaccount'),
    includeSubaccounts: typeof flags['includeSubaccounts'] === 'boolean' ? flags['includeSubaccounts'] : undefined,
    startDate: text('startDate'),
    collections: text('collections')?.split(',').map((name) => name.trim()),
    schedule: text('schedule'),
    warehouse: text('warehouse'),
    warehouseSchedule: text('warehouseSchedule'),
    enabled: flags['disabled'] === true ? false : undefined,
  };
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
}

/** The service's verdict on a field, said with the flag the user typed. */
async function asUsage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const flag = flagOf[error.field.split('.')[0] ?? ''] ?? error.field;
    throw new UsageError(`${flag} ${error.message.replace(`${error.field}: `, '')}`, { cause: error });
  }
}

const print = (source: SourceView, json: boolean): void => {
  process.stdout.write(json ? `${JSON.stringify(source)}\n` : formatSource(source));
};

export function sourcesCommand(): Command {
  const sources = new Command('sources').description('add, list, show, update, remove, enable or disable stored sources');
  sources.addCommand(
    addSettingFlags(addCredentialFlags(new Command('add').description('add a source (checked, saved and scheduled)').requiredOption('--name <name>', 'the source\'s name')))
      .option('--include-subaccounts', 'read the main account and all its subaccounts')
      .option('--disabled', 'save it without scheduling it')
      .action(async (flags: Record<string, unknown>) => {
        const input = parseFlags(createSourceBody, inputOf(flags), flagOf);
        const source = await withSourceAdmin((admin) => asUsage(admin.createSource(input)));
        print(source, flags['json'] === true);
      }),
  );
  sources.addCommand(new Command('list').description('list the sources').option('--json', 'print JSON', false).action(async (flags: Record<string, unknown>) => {
    const list = await withSourceAdmin((admin) => admin.listSources());
    process.stdout.write(flags['json'] === true ? `${JSON.stringify(list)}\n` : formatSourceTable(list));
  }));
  sources.addCommand(new Command('show').description('show one source').argument('<source>', 'id, schema or name').option('--json', 'print JSON', false).action(async (ref: string, flags: Record<string, unknown>) => {
    print(await withSourceAdmin((admin) => findSource(admin, ref)), flags['json'] === true);
  }));
  sources.addCommand(
    addSettingFlags(new Command('update').description('change a source: only the flags given change').argument('<source>', 'id, schema or name'))
      .option('--name <name>', 'new name')
      .option('--account-sid <sid>', 'Twilio Account SID')
      .option('--auth-token <token>', 'new Auth Token')
      .option('--api-key <sid>', 'new API key SID')
      .option('--api-secret <secret>', 'new API key secret')
      .option('--api-base-url <url>', 'send API requests here (the emulator)')
      .addOption(new Option('--include-subaccounts', 'read all subaccounts too'))
      .addOption(new Option('--no-include-subaccounts', 'read the main account (or --subaccount) only'))
      .action(async (ref: string, flags: Record<string, unknown>) => {
        const patch = parseFlags(patchSourceBody, inputOf(flags), flagOf);
        if (Object.keys(patch).length === 0) throw new UsageError('give at least one flag to change, such as --schedule 1h (see twilio-source sources update --help)');
        print(await withSourceAdmin(async (admin) => asUsage(admin.updateSource((await findSource(admin, ref)).id, patch))), flags['json'] === true);
      }),
  );
  sources.addCommand(new Command('remove').description('remove a source (its warehouse tables stay)').argument('<source>', 'id, schema or name').action(async (ref: string) => {
    const removed = await withSourceAdmin(async (admin) => {
      const source = await findSource(admin, ref);
      await admin.deleteSource(source.id);
      return source;
    });
    process.stdout.write(`Removed source ${removed.name} (${removed.id}); its tables in ${removed.schema} stay.\n`);
  }));
  for (const enabled of [true, false]) {
    const name = enabled ? 'enable' : 'disable';
    sources.addCommand(new Command(name).description(enabled ? 'schedule a source again' : 'stop a source\'s scheduled runs (a running one finishes)').argument('<source>', 'id, schema or name').action(async (ref: string) => {
      const source = await withSourceAdmin(async (admin) => admin.setEnabled((await findSource(admin, ref)).id, enabled));
      process.stdout.write(`Source ${source.name} ${enabled ? 'enabled' : 'disabled'}.\n`);
    }));
  }
  for (const command of sources.commands) command.exitOverride();
  return sources;
}
