// `twilio-source demo`: the emulator in-process with a seeded dataset, synced whole into a DuckDB file.
import { join } from 'node:path';
import { Command } from 'commander';
import { startEmulator } from '../emulator/start-emulator.js';
import { dataHome } from '../home.js';
import { runSync } from '../sync/run-sync.js';
import { syncSettingsSchema } from '../sync/sync-settings.js';
import { createProgressDisplay } from './progress-display.js';
import { printReport } from './sync-command.js';

export function demoCommand(): Command {
  return new Command('demo')
    .description('start the Twilio emulator and sync it into a DuckDB file: try the source without a Twilio account')
    .option('--warehouse <path>', 'the DuckDB file to write', join(dataHome(), 'demo.duckdb'))
    .action(async (flags: { warehouse: string }) => {
      const emulator = await startEmulator({ dataset: { seed: 1, subaccounts: 2, messages: 5_000, calls: 1_500, conferences: 100, addresses: 40, transcriptions: 300, annotations: 400 } });
      try {
        const main = emulator.accounts.find((account) => account.parentSid === null);
        if (!main) throw new Error('The emulator started without a main account');
        process.stderr.write(`Twilio emulator on ${emulator.url}; syncing the main account and ${emulator.accounts.length - 1} subaccounts…\n`);
        const settings = syncSettingsSchema.parse({
          accountSid: main.sid,
          authToken: main.authToken,
          apiBaseUrl: emulator.url,
          includeSubaccounts: true,
          warehouse: `duckdb:${flags.warehouse}`,
          schema: 'twilio',
          full: true,
        });
        const progress = createProgressDisplay(process.stderr, true);
        const report = await runSync(settings, dataHome(), { onSourceProgress: progress.source, onWarehouseProgress: progress.warehouse });
        progress.stop();
        printReport(report, false);
        process.stdout.write(
          `\nThe warehouse is ${flags.warehouse}. Try:\n` +
            `  duckdb ${flags.warehouse} "SELECT status, count(*), round(sum(price), 2) AS cost FROM twilio.messages GROUP BY status ORDER BY 2 DESC"\n` +
            `or, from Node: await (await (await DuckDBInstance.create('${flags.warehouse}')).connect()).runAndReadAll('SELECT …')\n`,
        );
        if (report.status !== 'success') process.exitCode = 1;
      } finally {
        await emulator.close();
      }
    });
}
