// This project: one runSync (source run into the hub, then warehouse run), exactly as the CLI runs it.
import pg from 'pg';
import { runSync } from '../sync/run-sync.js';
import { syncSettingsSchema } from '../sync/sync-settings.js';
import type { StageArgs, StageMeasures } from './stage-protocol.js';

export async function runSyncStage(args: Extract<StageArgs, { kind: 'sync' }>): Promise<StageMeasures> {
  if (args.dropSchemaFirst) await dropSchema(args.warehouse, args.schema);
  const settings = syncSettingsSchema.parse({
    accountSid: args.accountSid,
    authToken: args.authToken,
    apiBaseUrl: args.url,
    warehouse: args.warehouse,
    schema: args.schema,
    concurrency: args.concurrency,
  });
  const started = performance.now();
  let sourceEnd = started;
  const report = await runSync(settings, args.home, { onSourceProgress: () => void (sourceEnd = performance.now()) });
  const ended = performance.now();
  const failed = report.collections.filter((entry) => entry.status === 'failed').map((entry) => `${entry.name}: ${entry.error ?? 'failed'}`);
  return {
    records: report.collections.reduce((sum, entry) => sum + entry.records, 0),
    items: null,
    pages: report.collections.reduce((sum, entry) => sum + entry.pages, 0),
    wallMs: ended - started,
    phases: { sourceMs: sourceEnd - started, warehouseMs: ended - sourceEnd },
    status: [report.status, ...failed, ...(report.warehouseError === undefined ? [] : [report.warehouseError])].join('; '),
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  if (!/^bench_[a-z0-9_]*$/.test(schema)) throw new Error(`Refusing to drop schema ${schema}: the bench drops only bench_* schemas`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
