// The flags of `npm run bench`, validated with zod: dataset sizes (scaled), latencies, stages, outputs.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';

export const COUNTS = ['messages', 'calls', 'conferences', 'addresses', 'transcriptions', 'annotations'] as const;
export type CountName = (typeof COUNTS)[number];

/** The dataset issue 6 names: one account with a million messages and its siblings. */
const DEFAULT_COUNTS: Readonly<Record<CountName, number>> = {
  messages: 1_000_000,
  calls: 200_000,
  conferences: 20_000,
  addresses: 10_000,
  transcriptions: 50_000,
  annotations: 20_000,
};

export const STAGES = ['raw', 'baseline', 'duckdb', 'postgres', 'incremental'] as const;
export type StageName = (typeof STAGES)[number];

const count = z.coerce.number().int().nonnegative();
const optionsSchema = z.strictObject({
  scale: z.coerce.number().positive().default(1),
  messages: count.optional(),
  calls: count.optional(),
  conferences: count.optional(),
  addresses: count.optional(),
  transcriptions: count.optional(),
  annotations: count.optional(),
  /** Twilio keeps 400 days of messages, and a first sync without a start date reads them all (plan-listings.ts). */
  historyDays: z.coerce.number().int().positive().default(400),
  seed: z.coerce.number().int().default(1),
  latencies: z
    .string()
    .default('0,250')
    .transform((text) => text.split(',').map(Number))
    .pipe(z.array(z.number().min(0).max(60_000)).min(1)),
  stages: z
    .string()
    .default(STAGES.join(','))
    .transform((text) => text.split(','))
    .pipe(z.array(z.enum(STAGES)).min(1)),
  /** The baseline reads this share of each collection (rows by hand are slow; its rate is what is compared). */
  baselineShare: z.coerce.number().positive().max(1).default(0.02),
  /** The project's default (sync-settings.ts); raw uses the same. */
  concurrency: z.coerce.number().int().min(1).max(100).default(10),
  postgresUrl: z.string().min(1).default(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test'),
  out: z.string().min(1).optional(),
  cpuProf: z.boolean().default(false),
  cpuProfDir: z.string().min(1).default('bench-profiles'),
});

export interface BenchOptions extends Omit<z.output<typeof optionsSchema>, CountName> {
  readonly counts: Readonly<Record<CountName, number>>;
}

/** Thrown for bad flags; main prints its one-line message and the usage. */
export class BenchUsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BenchUsageError';
  }
}

export const USAGE =
  'usage: npm run bench -- [--scale 0.1] [--messages N --calls N --conferences N --addresses N --transcriptions N --annotations N]\n' +
  '  [--history-days 400] [--seed 1] [--latencies 0,250] [--stages raw,baseline,duckdb,postgres,incremental]\n' +
  '  [--baseline-share 0.02] [--concurrency 10] [--postgres-url URL] [--out FILE.json] [--cpu-prof [--cpu-prof-dir DIR]] [--help]';

/** null when --help (-h) asks for the usage instead of a run. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions | null {
  const options: ParseArgsConfig['options'] = { 'cpu-prof': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
  for (const name of ['scale', ...COUNTS, 'history-days', 'seed', 'latencies', 'stages', 'baseline-share', 'concurrency', 'postgres-url', 'out', 'cpu-prof-dir']) {
    options[name] = { type: 'string' };
  }
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: [...argv], options, strict: true }).values;
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  const { help, ...flags } = values;
  if (help === true) return null;
  const camel = Object.fromEntries(Object.entries(flags).map(([key, value]) => [key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), value]));
  const parsed = optionsSchema.safeParse(camel);
  if (!parsed.success) throw new BenchUsageError(`bad flag: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const { messages, calls, conferences, addresses, transcriptions, annotations, ...rest } = parsed.data;
  const given = { messages, calls, conferences, addresses, transcriptions, annotations };
  const counts = Object.fromEntries(COUNTS.map((name) => [name, given[name] ?? Math.round(DEFAULT_COUNTS[name] * rest.scale)]));
  return { ...rest, counts: counts as Record<CountName, number> };
}
