// The one small query interface the control store needs, satisfied by both drivers (embedded PGlite and PostgreSQL).

export type ControlParam = string | number | boolean | null;
export type ControlRow = Record<string, unknown>;

export interface ControlQueries {
  /** One statement with `$1`-style parameters. */
  query<R extends ControlRow = ControlRow>(sql: string, params?: readonly ControlParam[]): Promise<R[]>;
  /** Several statements separated by `;`, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface ControlDb extends ControlQueries {
  readonly engine: 'embedded' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: ControlQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
