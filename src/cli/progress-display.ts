// Shows a long sync as it goes: on a terminal a live line per collection (rows, pages, rate), otherwise plain
// log lines as collections finish and every few seconds while they run.
import type { CollectionProgress } from '../sync/source-run.js';

export interface ProgressDisplay {
  readonly source: (progress: Readonly<CollectionProgress>) => void;
  readonly warehouse: (table: string, rows: number) => void;
  readonly stop: () => void;
}

export function createProgressDisplay(stream: NodeJS.WriteStream, enabled: boolean): ProgressDisplay {
  const started = Date.now();
  const entries = new Map<string, Readonly<CollectionProgress>>();
  const loaded = new Map<string, number>();
  const live = enabled && stream.isTTY;
  let drawn = 0;
  let lastPlain = Date.now();

  const line = (entry: Readonly<CollectionProgress>): string => {
    const seconds = Math.max(0.001, (Date.now() - started) / 1000);
    const rate = Math.round(entry.records / seconds);
    const load = loaded.get(entry.collection);
    return `${entry.collection.padEnd(15)} ${entry.records.toLocaleString('en-US').padStart(11)} records ${String(entry.pages).padStart(6)} pages ${rate.toLocaleString('en-US').padStart(8)}/s  ${entry.status}${load === undefined ? '' : `, ${load.toLocaleString('en-US')} rows loaded`}`;
  };
  const draw = (): void => {
    if (drawn > 0) stream.write(`\x1b[${drawn}A`);
    for (const entry of entries.values()) stream.write(`\x1b[2K${line(entry)}\n`);
    drawn = entries.size;
  };
  return {
    source(progress) {
      if (!enabled) return;
      const before = entries.get(progress.collection)?.status;
      entries.set(progress.collection, { ...progress });
      if (live) return draw();
      const finished = before === 'running' && progress.status !== 'running';
      if (finished || Date.now() - lastPlain > 5_000) {
        lastPlain = Date.now();
        stream.write(`${line(progress)}\n`);
      }
    },
    warehouse(table, rows) {
      if (!enabled) return;
      loaded.set(table, rows);
      const entry = entries.get(table);
      if (live && entry) draw();
    },
    stop() {
      if (live && entries.size > 0) draw();
    },
  };
}
