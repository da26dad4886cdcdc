// `twilio-source sync`: one source run and one warehouse run from flags and environment, no stored configuration.
import { Command } from 'commander';
import { dataHome } from '../home.js';
import { runSync, type SyncReport } from '../sync/run-sync.js';
import { createProgressDisplay } from './progress-display.js';
import { addSyncFlags, syncSettingsFromFlags } from './sync-flags.js';

export function syncCommand(): Command {
  return addSyncFlags(new Command('sync').description('read Twilio into the warehouse once'))
    .option('--json', 'print a machine-readable summary', false)
    .action(async (flags: Record<string, unknown>) => {
      const settings = syncSettingsFromFlags(flags);
      const progress = createProgressDisplay(process.stderr, flags['json'] !== true);
      const report = await runSync(settings, dataHome(), { onSourceProgress: progress.source, onWarehouseProgress: progress.warehouse });
      progress.stop();
      printReport(report, flags['json'] === true);
      if (report.status !== 'success') process.exitCode = 1;
    });
}

export function printReport(report: SyncReport, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const out: string[] = [];
  out.push(`Sync ${report.status} in ${(report.durationMs / 1000).toFixed(1)}s: ${report.requests} requests, ${report.retries} retries, schema ${report.schema}, ${report.accounts.length} account(s)`);
  for (const c of report.collections) {
    out.push(`  ${c.name.padEnd(15)} ${String(c.rowsLoaded).padStart(10)} rows loaded ${String(c.pages).padStart(7)} pages  ${c.status}${c.error ? `: ${c.error}` : ''}`);
  }
  for (const notice of report.notices) out.push(`  note: ${notice}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
