// Reduces what either engine's driver returns to one comparable shape, so tests compare engines directly.
import type { ColumnType } from '../table.js';

/** Timestamps → ISO strings in UTC, integers → numbers, JSON → parsed values; null stays null. */
export function normalizeCell(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'timestamptz':
      if (value instanceof Date) return value.toISOString();
      // DuckDB's DuckDBTimestampTZValue carries microseconds since the epoch.
      return new Date(Number((value as { micros: bigint }).micros / 1000n)).toISOString();
    case 'bigint':
    case 'double':
      return Number(value);
    case 'json':
      return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    default:
      return value;
  }
}
