// The named errors the warehouse layer throws; each message is one line saying what went wrong and what to do.

/** A schema, table or column name that is not a plausible SQL identifier. */
export class InvalidIdentifierError extends Error {
  override readonly name = 'InvalidIdentifierError';
}

/** A table definition or row the warehouse cannot load (no `id` column, a duplicate column, a row without id). */
export class InvalidTableError extends Error {
  override readonly name = 'InvalidTableError';
}

/** A `--warehouse` value that names no supported engine. */
export class InvalidWarehouseUrlError extends Error {
  override readonly name = 'InvalidWarehouseUrlError';
}

/** Another process holds the DuckDB file; the caller should retry the warehouse run later. */
export class WarehouseBusyError extends Error {
  override readonly name = 'WarehouseBusyError';
}

/** The warehouse server cannot be reached or refused the connection; the caller should retry later. */
export class WarehouseUnavailableError extends Error {
  override readonly name = 'WarehouseUnavailableError';
}

/** A load's rows could not be staged to disk (full disk, permissions); nothing reached the warehouse. */
export class StagingWriteError extends Error {
  override readonly name = 'StagingWriteError';
  constructor(dir: string, cause: unknown) {
    const reason = (cause as NodeJS.ErrnoException | undefined)?.code ?? String(cause);
    super(`Could not write a load's rows to ${dir} (${reason}): free some disk space or fix its permissions, then run again`, { cause });
  }
}
