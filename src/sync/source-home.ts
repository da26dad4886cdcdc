// Where one source keeps its hub and state: one folder per schema and warehouse, so syncing the same schema into
// two warehouses never shares cursors. The warehouse's password is left out, so changing it keeps the folder.
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export function sourceHome(home: string, warehouse: string, schema: string): string {
  const withoutPassword = warehouse.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1@');
  const digest = createHash('sha256').update(withoutPassword).digest('hex').slice(0, 10);
  return join(home, 'sources', `${schema}-${digest}`);
}
