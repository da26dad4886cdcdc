// Prometheus counters: what the store knew when this process started, plus the runs this process finished since.
import { collectionNames } from '../collections/collection.js';
import type { RunTotals } from '../control/control-store.js';
import type { CollectionReport } from '../sync/run-sync.js';

export interface RunCounts {
  readonly status: 'success' | 'partial' | 'failed';
  readonly collections: readonly CollectionReport[];
  readonly requests: number;
  readonly retries: number;
  readonly rateLimited: number;
}

export class RunMetrics {
  readonly #runs = new Map<string, number>();
  readonly #rows = new Map<string, number>();
  #requests: number;
  #retries: number;
  #rateLimited: number;

  /** `baseline` must be read before this process finishes any run, or those runs would count twice. */
  constructor(baseline: RunTotals) {
    for (const [status, count] of baseline.runsByStatus) if (status !== 'running') this.#runs.set(status, count);
    for (const [name, rows] of baseline.rowsByCollection) this.#rows.set(name, rows);
    this.#requests = baseline.requests;
    this.#retries = baseline.retries;
    this.#rateLimited = baseline.rateLimited;
  }

  recordRun(run: RunCounts): void {
    this.#runs.set(run.status, (this.#runs.get(run.status) ?? 0) + 1);
    this.recordRows(run.collections.map((collection) => ({ table: collection.name, rows: collection.rowsLoaded })));
    this.#requests += run.requests;
    this.#retries += run.retries;
    this.#rateLimited += run.rateLimited;
  }

  /** Rows loaded into the warehouse, by a source run's warehouse step or a warehouse run of its own. */
  recordRows(tables: readonly { readonly table: string; readonly rows: number }[]): void {
    for (const { table, rows } of tables) this.#rows.set(table, (this.#rows.get(table) ?? 0) + rows);
  }

  /** The exposition text; `pendingBatches` maps a source id to its hub batches not yet in the warehouse. */
  render(pendingBatches: ReadonlyMap<string, number>): string {
    const lines: string[] = [];
    const family = (name: string, type: 'counter' | 'gauge', help: string, samples: readonly [string, number][]): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples.map(([labels, value]) => `${name}${labels} ${value}`));
    };
    const statuses = ['success', 'partial', 'failed'];
    family('twilio_source_runs_total', 'counter', 'Source runs finished, by status.', statuses.map((status) => [labels({ status }), this.#runs.get(status) ?? 0]));
    const tables = [...new Set([...collectionNames, ...this.#rows.keys()])];
    family('twilio_source_rows_total', 'counter', 'Rows loaded into the warehouse, by collection.', tables.map((table) => [labels({ collection: table }), this.#rows.get(table) ?? 0]));
    family('twilio_source_api_requests_total', 'counter', 'Requests made to the Twilio API, retries included.', [['', this.#requests]]);
    family('twilio_source_api_retries_total', 'counter', 'Twilio API requests retried.', [['', this.#retries]]);
    family('twilio_source_api_rate_limited_total', 'counter', 'Twilio API answers with HTTP 429.', [['', this.#rateLimited]]);
    family('twilio_source_hub_pending_batches', 'gauge', 'Hub batches read from Twilio and not yet loaded into the warehouse.', [...pendingBatches].map(([source, count]) => [labels({ source }), count]));
    return `${lines.join('\n')}\n`;
  }
}

function labels(values: Readonly<Record<string, string>>): string {
  const escape = (value: string): string => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `{${Object.entries(values).map(([key, value]) => `${key}="${escape(value)}"`).join(',')}}`;
}
