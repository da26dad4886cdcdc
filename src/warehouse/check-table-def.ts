// Checks a TableDef before any engine builds SQL from it: valid names, unique columns, an `id` column.
import { validateIdentifier } from './identifiers.js';
import type { TableDef } from './table.js';
import { InvalidTableError } from './warehouse-errors.js';

export function checkTableDef(table: TableDef): TableDef {
  validateIdentifier(table.schema, 'schema');
  validateIdentifier(table.name, 'table');
  const seen = new Set<string>();
  for (const column of table.columns) {
    validateIdentifier(column.name, 'column');
    if (seen.has(column.name)) {
      throw new InvalidTableError(`Table ${table.schema}.${table.name} defines column "${column.name}" twice: define each column once`);
    }
    seen.add(column.name);
  }
  if (!seen.has('id')) {
    throw new InvalidTableError(`Table ${table.schema}.${table.name} has no "id" column: every table needs one as its primary key`);
  }
  return table;
}
