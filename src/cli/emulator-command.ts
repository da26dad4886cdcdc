// `twilio-source emulator`: runs the Twilio emulator until stopped, for trying the source or testing against it.
import { Command, Option } from 'commander';
import { describeEmulator } from '../emulator/describe-emulator.js';
import { emulatorOptionsSchema, startEmulator } from '../emulator/start-emulator.js';
import { parseFlags } from './usage-error.js';

const counts = ['messages', 'calls', 'conferences', 'addresses', 'transcriptions', 'annotations'] as const;

export function emulatorCommand(): Command {
  const command = new Command('emulator')
    .description('serve a faithful twin of the Twilio API on 127.0.0.1 until stopped')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', '4010')
    .option('--seed <n>', 'seed of the generated data', '1')
    .option('--subaccounts <n>', 'subaccounts of the main account', '2')
    .option('--history-days <n>', 'days of history generated', '90')
    .option('--concurrency-limit <n>', 'concurrent requests per account before 429 (error 20429)', '100')
    .option('--no-retry-after', 'answer 429 without a Retry-After header')
    .option('--latency-ms <n>', 'added to every API answer', '0')
    .option('--latency-per-record-ms <n>', 'added per record listed', '0')
    .option('--fault-rate <r>', 'share of API requests that fail, 0–1', '0')
    .option('--fault-kinds <list>', 'faults to inject: 429,500,503,reset,truncated,hang', '429,500,503,reset,truncated,hang')
    .option('--fault-seed <n>', 'seed of the fault sequence', '1')
    .option('--json', 'print one JSON line with the URL and every account’s credentials once listening', false);
  for (const name of counts) command.addOption(new Option(`--${name} <n>`, `${name} per account`));
  return command.action(async (flags: Record<string, string | boolean | undefined>) => {
    const number = (key: string): number | undefined => (flags[key] === undefined ? undefined : Number(flags[key]));
    const dataset = Object.fromEntries(
      [...counts, 'seed', 'subaccounts', 'historyDays'].flatMap((key) => (flags[key] === undefined ? [] : [[key, number(key)]])),
    );
    const options = parseFlags(
      emulatorOptionsSchema,
      {
        host: flags['host'],
        port: number('port'),
        concurrencyLimit: number('concurrencyLimit'),
        retryAfter: flags['retryAfter'] !== false,
        latency: { fixedMs: number('latencyMs'), perRecordMs: number('latencyPerRecordMs') },
        faults: { seed: number('faultSeed'), rate: number('faultRate'), kinds: String(flags['faultKinds']).split(',') },
        dataset,
      },
      { port: '--port', host: '--host', concurrencyLimit: '--concurrency-limit', latency: '--latency-ms', faults: '--fault-rate/--fault-kinds', dataset: 'a dataset flag' },
    );
    const running = await startEmulator(options);
    if (flags['json'] === true) process.stdout.write(`${JSON.stringify(describeEmulator(running))}\n`);
    else {
      const main = running.accounts.find((account) => account.parentSid === null);
      process.stdout.write(
        `Twilio emulator listening on ${running.url}\n` +
          `  main account ${main?.sid ?? ''} auth token ${main?.authToken ?? ''}; ${running.accounts.length - 1} subaccount(s)\n` +
          `  try: twilio-source sync --api-base-url ${running.url} --account-sid ${main?.sid ?? ''} --auth-token ${main?.authToken ?? ''}\n`,
      );
    }
    await new Promise<void>((resolve) => {
      const stop = (): void => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await running.close();
  });
}
