// The control store's schema, as numbered migrations applied in order; never edit one that has shipped, add the next.
// Cursors are not here on purpose: they live in each source's state file beside its hub batches, because a cursor
// must move atomically with the durable batches it covers (see hub/source-state.ts).

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'sources, credentials, runs',
    sql: `
      CREATE TABLE sources (
        id text PRIMARY KEY,
        name text NOT NULL,
        labels jsonb NOT NULL,
        schema_name text NOT NULL,
        account_sid text NOT NULL,
        credential_kind text NOT NULL CHECK (credential_kind IN ('auth_token', 'api_key')),
        api_key text,
        -- the secret's last four characters, for the masked view; the secret itself is only in credentials
        secret_hint text NOT NULL,
        subaccount text,
        include_subaccounts boolean NOT NULL,
        start_date text,
        collections jsonb NOT NULL,
        schedule text NOT NULL,
        -- the warehouse URL with any password masked; the full URL is encrypted in credentials
        warehouse text NOT NULL,
        warehouse_schedule text NOT NULL,
        enabled boolean NOT NULL,
        api_base_url text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT sources_schema_per_warehouse UNIQUE (warehouse, schema_name)
      );
      CREATE TABLE credentials (
        source_id text PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
        key_id text NOT NULL,
        iv text NOT NULL,
        tag text NOT NULL,
        ciphertext text NOT NULL
      );
      CREATE TABLE runs (
        id text PRIMARY KEY,
        source_id text NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        trigger text NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'success', 'partial', 'failed')),
        -- host:pid of the process running it, to recognise runs a crashed process left 'running'
        owner text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        collections jsonb NOT NULL,
        notices jsonb NOT NULL,
        error text,
        requests integer NOT NULL DEFAULT 0,
        retries integer NOT NULL DEFAULT 0,
        rate_limited integer NOT NULL DEFAULT 0
      );
      CREATE INDEX runs_by_source ON runs (source_id, started_at DESC);
      CREATE INDEX runs_by_start ON runs (started_at DESC);
      -- never two runs of one source at once, even across processes sharing a PostgreSQL store
      CREATE UNIQUE INDEX runs_one_running_per_source ON runs (source_id) WHERE status = 'running';
    `,
  },
];
