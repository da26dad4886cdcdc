// The overview of one source: per collection the rows of its last run, the rows in the warehouse now, the last
// sync and its status; and rows per run for the chart.
import { collectionNames, type CollectionName } from '../collections/collection.js';
import type { RunRecord } from '../control/store-records.js';
import type { CollectionOverview, SourceOverview, SourceView } from './source-service.js';
import type { WarehouseStats } from './warehouse-stats.js';

/** `runs` newest first; `stats` null when the warehouse could not be read (rows in total then count as 0). */
export function buildOverview(source: SourceView, runs: readonly RunRecord[], stats: WarehouseStats | null): SourceOverview {
  const finished = runs.filter((run) => run.status !== 'running');
  const names: CollectionName[] = [...new Set([...source.collections, ...collectionNames.filter((name) => (stats?.rows.get(name) ?? 0) > 0)])];
  const collections: CollectionOverview[] = names.map((name) => {
    const latest = finished.map((run) => ({ run, report: run.collections.find((entry) => entry.name === name) })).find((entry) => entry.report);
    const lastSuccess = finished.find((run) => run.collections.some((entry) => entry.name === name && entry.status === 'success'));
    return {
      name,
      rowsLastRun: latest?.report?.rowsLoaded ?? 0,
      rowsTotal: stats?.rows.get(name) ?? 0,
      lastSyncAt: lastSuccess?.finishedAt ?? null,
      status: latest?.report?.status ?? 'never',
    };
  });
  const history = [...runs].reverse().map((run) => ({
    runId: run.id,
    startedAt: run.startedAt,
    rows: run.collections.reduce((sum, entry) => sum + entry.rowsLoaded, 0),
    status: run.status,
  }));
  return { source, collections, history };
}
