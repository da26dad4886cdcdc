// `twilio-source runs [SOURCE]`: run history, newest first, with rows, errors and notices.
import { Command } from 'commander';
import { z } from 'zod';
import { formatRunTable } from './format-sources.js';
import { findSource, withSourceAdmin } from './source-admin.js';
import { parseFlags } from './usage-error.js';

const limitSchema = z.coerce.number().int().min(1).max(1000);

export function runsCommand(): Command {
  return new Command('runs')
    .description('show run history (all sources, or one by id, schema or name)')
    .argument('[source]', 'id, schema or name')
    .option('--limit <n>', 'how many runs, newest first', '20')
    .option('--json', 'print JSON', false)
    .action(async (ref: string | undefined, flags: Record<string, unknown>) => {
      const limit = parseFlags(limitSchema, flags['limit'], { '': '--limit' });
      const { runs, names } = await withSourceAdmin(async (admin) => {
        const source = ref === undefined ? null : await findSource(admin, ref);
        const sources = await admin.listSources();
        return { runs: await admin.listRuns(source?.id ?? null, limit), names: new Map(sources.map((s) => [s.id, s.name])) };
      });
      process.stdout.write(flags['json'] === true ? `${JSON.stringify(runs)}\n` : formatRunTable(runs, names));
    });
}
