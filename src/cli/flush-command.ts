// `twilio-source flush`: a warehouse run by hand, loading what the hub holds for a source.
import { Command, Option } from 'commander';
import { z } from 'zod';
import { dataHome, defaultWarehouse } from '../home.js';
import { runFlush } from '../sync/run-flush.js';
import { schemaNameSchema } from '../sync/sync-settings.js';
import { flagOf } from './sync-flags.js';
import { parseFlags } from './usage-error.js';

export function flushCommand(): Command {
  return new Command('flush')
    .description('load what the hub holds into the warehouse')
    .addOption(new Option('--warehouse <url>', 'duckdb:PATH or postgres://…').env('TWILIO_SOURCE_WAREHOUSE'))
    .option('--schema <name>', 'warehouse schema', 'twilio')
    .option('--json', 'print a machine-readable summary', false)
    .action(async (flags: Record<string, unknown>) => {
      const home = dataHome();
      const input = parseFlags(z.object({ schema: schemaNameSchema, warehouse: z.string().min(1) }), { schema: flags['schema'], warehouse: flags['warehouse'] ?? defaultWarehouse(home) }, flagOf);
      const report = await runFlush({ ...input, home });
      if (flags['json'] === true) process.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        const lines = report.tables.map((t) => `  ${t.table.padEnd(15)} ${String(t.rows).padStart(10)} rows from ${t.batches} batches`);
        process.stdout.write(`${[`Flush ${report.error ? 'failed' : 'done'}`, ...lines, ...report.notices.map((n) => `  note: ${n}`)].join('\n')}\n`);
      }
      if (report.error !== undefined) process.exitCode = 1;
    });
}
