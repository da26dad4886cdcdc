// Errors of the hub: the durable store between source runs and warehouse runs.

export class HubError extends Error {
  override readonly name: string = 'HubError';
}

/** The data directory cannot be written (full disk, permissions): nothing was half-written. */
export class HubWriteError extends HubError {
  override readonly name = 'HubWriteError';
  constructor(path: string, cause: unknown) {
    const reason = (cause as NodeJS.ErrnoException | undefined)?.code ?? String(cause);
    super(`Could not write to the data directory at ${path} (${reason}): free some disk space or fix its permissions, then run again`, { cause });
  }
}

/** Another process runs the same kind of run for this source. */
export class RunLockedError extends HubError {
  override readonly name = 'RunLockedError';
}
