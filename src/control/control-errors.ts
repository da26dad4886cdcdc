// Errors of the control store; each message is one line saying what went wrong and what to do.

export class ControlStoreError extends Error {
  override readonly name: string = 'ControlStoreError';
}

/** Another process holds the embedded store (PGlite is single-process: two would corrupt it). */
export class ControlStoreBusyError extends ControlStoreError {
  override readonly name = 'ControlStoreBusyError';
  constructor(readonly pid: number) {
    super(`the control store is in use by process ${pid} (twilio-source serve?): use its HTTP API or stop it`);
  }
}

/** The PostgreSQL server behind DATABASE_URL cannot be reached or refused us. */
export class ControlStoreUnavailableError extends ControlStoreError {
  override readonly name = 'ControlStoreUnavailableError';
}

/** A write broke a uniqueness rule (a schema already used in that warehouse, a second running run of a source). */
export class ControlStoreConflictError extends ControlStoreError {
  override readonly name = 'ControlStoreConflictError';
  constructor(
    readonly constraint: string,
    options?: ErrorOptions,
  ) {
    super(`the control store refused a duplicate (${constraint})`, options);
  }
}
