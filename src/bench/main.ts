// `npm run bench`: raw limit, SDK baseline and this project's syncs against one emulator child, at each latency;
// every stage in its own process. Prints a table; `--out FILE` writes the same figures as JSON.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchUsageError, parseBenchOptions, USAGE, type BenchOptions } from './bench-options.js';
import { formatTable, measured, ratiosOf, type LatencyRun, type StageKey } from './bench-report.js';
import { EmulatorChild } from './emulator-child.js';
import { runStageProcess } from './run-stage-process.js';
import type { StageArgs } from './stage-protocol.js';
import { readCpuProfile, summarizeCpuProfile } from './summarize-cpu-profile.js';

/** Both warehouses get this schema; PostgreSQL's is dropped before each first sync. */
const SCHEMA = 'bench_sync';

interface ProfileFile {
  readonly stage: string;
  readonly file: string;
}

async function runLatency(options: BenchOptions, emulator: EmulatorChild, latencyMs: number, dir: string, profiles: ProfileFile[]): Promise<LatencyRun> {
  await emulator.control('latency', { fixedMs: latencyMs, perRecordMs: 0 });
  const stages: LatencyRun['stages'] = {};
  const measure = async (key: StageKey, args: StageArgs, profile = false): Promise<void> => {
    const before = await emulator.cpuMs();
    const label = `${key}-latency-${latencyMs}`;
    const profileDir = profile && options.cpuProf ? resolve(options.cpuProfDir) : undefined;
    const result = await runStageProcess(label, args, profileDir);
    if (profileDir !== undefined) profiles.push({ stage: label, file: join(profileDir, `${label}.cpuprofile`) });
    const after = await emulator.cpuMs();
    const stage = measured(result, before === null || after === null ? null : after - before);
    stages[key] = stage;
    process.stderr.write(`  ${latencyMs} ms ${key}: ${stage.records} records in ${(stage.wallMs / 1000).toFixed(1)} s (${Math.round(stage.recordsPerSec)}/s, ${stage.peakRssMb.toFixed(0)} MB)\n`);
  };
  const target = { url: emulator.url, accountSid: emulator.accountSid, authToken: emulator.authToken, concurrency: options.concurrency };
  const sync = (warehouse: string, full: boolean): StageArgs => ({
    kind: 'sync',
    ...target,
    warehouse,
    schema: SCHEMA,
    home: join(dir, 'home'),
    dropSchemaFirst: full && warehouse.startsWith('postgres'),
  });
  const duckdb = `duckdb:${join(dir, 'project.duckdb')}`;
  const wants = new Set(options.stages);
  if (wants.has('raw')) await measure('raw', { kind: 'raw', ...target });
  if (wants.has('baseline')) await measure('baseline', { kind: 'baseline', ...target, duckdbPath: join(dir, 'baseline.duckdb'), limits: baselineLimits(options) });
  if (wants.has('duckdb')) await measure('duckdb', sync(duckdb, true), true);
  if (wants.has('postgres')) await measure('postgres', sync(options.postgresUrl, true), true);
  if (wants.has('incremental') && (stages.duckdb || stages.postgres)) {
    await emulator.control('advance', { days: 1 });
    if (stages.duckdb) await measure('duckdb-incremental', sync(duckdb, false), true);
    if (stages.postgres) await measure('postgres-incremental', sync(options.postgresUrl, false), true);
  }
  return { latencyMs, stages, ratios: ratiosOf(stages) };
}

/** The baseline's slice: the same share of every collection (call summaries follow calls). */
function baselineLimits(options: BenchOptions): Record<string, number> {
  const { counts, baselineShare } = options;
  const share = (n: number): number => Math.ceil(n * baselineShare);
  return {
    messages: share(counts.messages),
    calls: share(counts.calls),
    conferences: share(counts.conferences),
    addresses: share(counts.addresses),
    transcriptions: share(counts.transcriptions),
    call_summaries: share(counts.calls),
  };
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options === null) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, os: release() };
  process.stderr.write(`bench: ${JSON.stringify(options.counts)}, latencies ${options.latencies.join(', ')} ms, ${machine.cores} × ${machine.cpu}\n`);
  const emulator = await EmulatorChild.start({ counts: options.counts, historyDays: options.historyDays, seed: options.seed });
  const work = await mkdtemp(join(tmpdir(), 'twilio-source-bench-'));
  const runs: LatencyRun[] = [];
  const profiles: ProfileFile[] = [];
  try {
    for (const latencyMs of options.latencies) runs.push(await runLatency(options, emulator, latencyMs, join(work, `latency-${latencyMs}`), profiles));
  } finally {
    await emulator.close();
    await rm(work, { recursive: true, force: true });
  }
  process.stdout.write(`${formatTable(runs)}\n`);
  const selfTimes = profiles.map((profile) => ({ ...profile, top: summarizeCpuProfile(readCpuProfile(profile.file)) }));
  for (const { stage, file, top } of selfTimes) {
    process.stdout.write(`\nTop self time, ${stage} (${file}):\n${top.map((entry) => `  ${entry.selfMs.toFixed(0).padStart(7)} ms ${(entry.share * 100).toFixed(1).padStart(5)} %  ${entry.where}`).join('\n')}\n`);
  }
  if (options.out !== undefined) {
    const figures = { date: new Date().toISOString(), machine, dataset: { ...options.counts, historyDays: options.historyDays, seed: options.seed }, options, runs, selfTimes };
    await writeFile(options.out, `${JSON.stringify(figures, null, 2)}\n`);
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof BenchUsageError) process.stderr.write(`${USAGE}\n`);
  process.exitCode = 1;
}
