// Decides whether the PostgreSQL tests run: with TEST_DATABASE_URL they do; without it they skip, except in CI.
export const postgresTestUrl = process.env['TEST_DATABASE_URL'];

if (postgresTestUrl === undefined && process.env['CI'] === 'true') {
  throw new Error('TEST_DATABASE_URL is not set: in CI the PostgreSQL tests must run, so set it (see .ci/run)');
}

export const skipPostgres = postgresTestUrl === undefined;

/** The suite's name, saying plainly why it is skipped when it is. */
export function postgresSuiteName(name: string): string {
  if (!skipPostgres) return name;
  console.warn(`SKIPPED "${name}": TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)`);
  return `${name} [SKIPPED: TEST_DATABASE_URL is not set]`;
}

/** A schema name no other test (or parallel test file) uses. */
export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
