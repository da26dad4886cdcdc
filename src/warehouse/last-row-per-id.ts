// Dedupes a batch by id before it reaches an engine, so each id is written once and the batch's last row wins.
import type { Row } from './table.js';
import { InvalidTableError } from './warehouse-errors.js';

/** The last row of each id, in the order of those last occurrences. Throws on a row without an id. */
export function lastRowPerId(rows: readonly Row[], tableName: string): Row[] {
  const byId = new Map<string | number | boolean, Row>();
  for (const row of rows) {
    const id = row['id'];
    if (id === undefined || id === null || id === '') {
      throw new InvalidTableError(`A row for table ${tableName} has no id: every row needs its primary key`);
    }
    // Deleting first moves a repeated id to the end, keeping the output in the order of last occurrence.
    byId.delete(id);
    byId.set(id, row);
  }
  return [...byId.values()];
}
