// Where twilio-source keeps its data: hubs, source state and the default DuckDB warehouse.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function dataHome(env: NodeJS.ProcessEnv = process.env): string {
  return env['TWILIO_SOURCE_HOME'] ?? join(homedir(), '.twilio-source');
}

export function defaultWarehouse(home: string): string {
  return `duckdb:${join(home, 'warehouse.duckdb')}`;
}
