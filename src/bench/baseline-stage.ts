// The baseline: what a user writes by hand with the official twilio SDK. Each list is read with
// `each({ pageSize: 1000 })`, one after another, and every record inserted alone with a prepared INSERT into DuckDB.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import twilio from 'twilio';
import type { StageArgs, StageMeasures } from './stage-protocol.js';

const DAY = 86_400_000;

/** The part of an SDK list resource the baseline uses (each list's own option type is wider). */
interface EachList {
  each(params: { pageSize: number; limit: number; done: (error?: Error) => void }, callback: (item: { toJSON(): object }) => void): void;
}

/** The SDK builds https://*.twilio.com URLs; the emulator serves both hosts on one URL. */
function sdkClient(url: string, accountSid: string, authToken: string): twilio.Twilio {
  const httpClient = new twilio.RequestClient();
  const send = httpClient.request.bind(httpClient);
  httpClient.request = (opts) => send({ ...opts, uri: opts.uri.replace(/^https:\/\/[a-z0-9.-]+\.twilio\.com(?::443)?/i, url) });
  return twilio(accountSid, authToken, { accountSid, httpClient });
}

export async function runBaselineStage(args: Extract<StageArgs, { kind: 'baseline' }>): Promise<StageMeasures> {
  await mkdir(dirname(args.duckdbPath), { recursive: true });
  const instance = await DuckDBInstance.create(args.duckdbPath);
  const connection = await instance.connect();
  const client = sdkClient(args.url, args.accountSid, args.authToken);
  const account = client.api.v2010.accounts(args.accountSid);
  const startTime = new Date(Date.now() - 400 * DAY).toISOString();
  const lists: Record<string, (params: Parameters<EachList['each']>[0], callback: Parameters<EachList['each']>[1]) => void> = {
    messages: (params, callback) => account.messages.each(params, callback),
    calls: (params, callback) => account.calls.each(params, callback),
    conferences: (params, callback) => account.conferences.each({ ...params, status: 'completed' }, callback),
    addresses: (params, callback) => account.addresses.each(params, callback),
    transcriptions: (params, callback) => account.transcriptions.each(params, callback),
    call_summaries: (params, callback) => client.insights.v1.callSummaries.each({ ...params, startTime }, callback),
  };
  const started = performance.now();
  let records = 0;
  let pages = 0;
  try {
    for (const [table, each] of Object.entries(lists)) {
      const limit = args.limits[table] ?? 0;
      if (limit === 0) continue;
      const copied = await copyList(connection, table, { each }, limit);
      records += copied;
      pages += Math.max(1, Math.ceil(copied / 1000));
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { records, items: records, pages, wallMs: performance.now() - started, status: 'success' };
}

/** Reads one list to its limit, inserting row by row in arrival order; the first record's keys make the table. */
async function copyList(connection: DuckDBConnection, table: string, list: EachList, limit: number): Promise<number> {
  let insert: DuckDBPreparedStatement | undefined;
  let count = 0;
  let chain = Promise.resolve();
  await new Promise<void>((resolve, reject) => {
    list.each({ pageSize: 1000, limit, done: (error) => (error ? reject(error) : resolve()) }, (item) => {
      const row = Object.entries(item.toJSON());
      chain = chain.then(async () => {
        insert ??= await createTable(connection, table, row.map(([key]) => key));
        insert.bind(row.map(([, value]) => cell(value)));
        await insert.run();
        count += 1;
      });
    });
  });
  await chain;
  return count;
}

async function createTable(connection: DuckDBConnection, table: string, keys: readonly string[]): Promise<DuckDBPreparedStatement> {
  await connection.run(`CREATE TABLE "${table}" (${keys.map((key) => `"${key}" VARCHAR`).join(', ')})`);
  return connection.prepare(`INSERT INTO "${table}" VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`);
}

function cell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? value : JSON.stringify(value);
}
