// The bench's figures: per-stage rates, the ratios issue 6 sets targets for, and the printed table.
import type { StageResult } from './stage-protocol.js';

export interface MeasuredStage extends StageResult {
  readonly recordsPerSec: number;
  /** CPU the emulator child used during the stage; null where it cannot be read. */
  readonly emulatorCpuMs: number | null;
}

export type StageKey = 'raw' | 'baseline' | 'duckdb' | 'postgres' | 'duckdb-incremental' | 'postgres-incremental';

export interface Ratios {
  readonly duckdbVsRaw: number | null;
  readonly postgresVsRaw: number | null;
  readonly duckdbVsBaseline: number | null;
  readonly postgresVsBaseline: number | null;
  readonly postgresVsDuckdb: number | null;
  /** Pages an incremental sync read, as a percentage of the full sync's. */
  readonly incrementalPagesPct: number | null;
}

export interface LatencyRun {
  readonly latencyMs: number;
  readonly stages: Partial<Record<StageKey, MeasuredStage>>;
  readonly ratios: Ratios;
}

export function measured(result: StageResult, emulatorCpuMs: number | null): MeasuredStage {
  return { ...result, recordsPerSec: result.records / (result.wallMs / 1000), emulatorCpuMs };
}

export function ratiosOf(stages: LatencyRun['stages']): Ratios {
  const rate = (key: StageKey): number | undefined => stages[key]?.recordsPerSec;
  const divide = (a: number | undefined, b: number | undefined): number | null => (a === undefined || b === undefined || b === 0 ? null : a / b);
  const pct = divide(stages['duckdb-incremental']?.pages ?? stages['postgres-incremental']?.pages, stages.duckdb?.pages ?? stages.postgres?.pages);
  return {
    duckdbVsRaw: divide(rate('duckdb'), rate('raw')),
    postgresVsRaw: divide(rate('postgres'), rate('raw')),
    duckdbVsBaseline: divide(rate('duckdb'), rate('baseline')),
    postgresVsBaseline: divide(rate('postgres'), rate('baseline')),
    postgresVsDuckdb: divide(rate('postgres'), rate('duckdb')),
    incrementalPagesPct: pct === null ? null : pct * 100,
  };
}

const HEADER = ['latency', 'stage', 'records', 'pages', 'wall s', 'records/s', 'peak RSS MB', 'CPU %', 'system CPU %', 'emulator CPU %', 'source end s', 'load tail s', 'vs raw', 'vs baseline'];

export function formatTable(runs: readonly LatencyRun[]): string {
  const rows: string[][] = [HEADER];
  const lines: string[] = [];
  for (const run of runs) {
    for (const [key, stage] of Object.entries(run.stages) as [StageKey, MeasuredStage][]) {
      const vsRaw = key === 'raw' || run.stages.raw === undefined ? '' : fixed(stage.recordsPerSec / run.stages.raw.recordsPerSec, 2);
      const vsBaseline = key === 'baseline' || run.stages.baseline === undefined ? '' : fixed(stage.recordsPerSec / run.stages.baseline.recordsPerSec, 1);
      rows.push([
        `${run.latencyMs} ms`,
        key,
        String(stage.records),
        String(stage.pages),
        fixed(stage.wallMs / 1000, 1),
        String(Math.round(stage.recordsPerSec)),
        fixed(stage.peakRssMb, 0),
        fixed((stage.cpuMs / stage.wallMs) * 100, 0),
        fixed((stage.systemCpuMs / stage.wallMs) * 100, 0),
        stage.emulatorCpuMs === null ? '?' : fixed((stage.emulatorCpuMs / stage.wallMs) * 100, 0),
        stage.phases ? fixed(stage.phases.sourceMs / 1000, 1) : '',
        stage.phases ? fixed(stage.phases.warehouseMs / 1000, 1) : '',
        vsRaw,
        vsBaseline,
      ]);
      if (!stage.status.startsWith('success')) lines.push(`  ${run.latencyMs} ms ${key}: status ${stage.status}`);
    }
    const r = run.ratios;
    lines.push(
      `latency ${run.latencyMs} ms: duckdb/raw ${fixed(r.duckdbVsRaw, 2)} (target ≥ ${run.latencyMs === 0 ? '0.7' : '0.8'}), ` +
        `duckdb/baseline ${fixed(r.duckdbVsBaseline, 1)} (target ≥ 20 at 250 ms), postgres/duckdb ${fixed(r.postgresVsDuckdb, 2)} (target ≥ 0.5), ` +
        `incremental pages ${fixed(r.incrementalPagesPct, 2)} % of full (target ≤ 5 %)`,
    );
  }
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const table = rows.map((row) => row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  '));
  return [...table, '', ...lines].join('\n');
}

function fixed(value: number | null, digits: number): string {
  return value === null || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}
