// Validation and quoting of every SQL identifier and literal the warehouse writes: the one place SQL text is built from names.
import { InvalidIdentifierError } from './warehouse-errors.js';

/**
 * Schema, table and column names alike: lower case (DuckDB compares quoted identifiers case-insensitively, so mixed
 * case could collide there and not in PostgreSQL) and at most 63 characters (PostgreSQL's limit).
 */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export type IdentifierKind = 'schema' | 'table' | 'column';

/** Throws InvalidIdentifierError unless `name` matches `^[a-z_][a-z0-9_]{0,62}$`; returns it otherwise. */
export function validateIdentifier(name: string, kind: IdentifierKind): string {
  if (!IDENTIFIER.test(name)) {
    throw new InvalidIdentifierError(
      `Invalid ${kind} name ${JSON.stringify(name)}: use 1-63 lower-case letters, digits or underscores, not starting with a digit`,
    );
  }
  return name;
}

/** Validates then double-quotes a name, so reserved words such as `from` and `to` are safe as columns. */
export function quoteIdentifier(name: string, kind: IdentifierKind = 'column'): string {
  return `"${validateIdentifier(name, kind)}"`;
}

/**
 * `"schema"` or, with a catalog, `"catalog"."schema"`. DuckDB names its catalog after the file, so `twilio.duckdb`
 * holding schema `twilio` makes `"twilio"."messages"` ambiguous there; naming the catalog settles it. The catalog is
 * the engine's own (any file name), so it is quoted but not validated.
 */
export function qualifiedSchema(schema: string, catalog?: string): string {
  const quoted = quoteIdentifier(schema, 'schema');
  return catalog === undefined ? quoted : `"${catalog.replaceAll('"', '""')}".${quoted}`;
}

/** `"schema"."table"` (or `"catalog"."schema"."table"`), schema and table validated. */
export function qualifiedName(schema: string, table: string, catalog?: string): string {
  return `${qualifiedSchema(schema, catalog)}.${quoteIdentifier(table, 'table')}`;
}

/** A single-quoted SQL string literal (for values that cannot be bound as parameters, such as file paths). */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
