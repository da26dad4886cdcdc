// Where one source keeps its hub and state: one folder per schema and warehouse, so syncing the same schema into
// two warehouses never shares cursors.
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export function sourceHome(home: string, warehouse: string, schema: string): string {
  const digest = createHash('sha256').update(warehouse).digest('hex').slice(0, 10);
  return join(home, 'sources', `${schema}-${digest}`);
}
