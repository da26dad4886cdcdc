// The lock per source and kind of run, so two processes never run the same source at once.
import { acquirePidLock } from '../pid-lock.js';
import { RunLockedError } from './hub-errors.js';

export function acquireRunLock(path: string, what: string): Promise<() => Promise<void>> {
  return acquirePidLock(
    path,
    (pid) => new RunLockedError(`Another ${what} is running for this source${pid > 0 && pid !== process.pid ? ` (process ${pid})` : ''}: wait for it to finish`),
  );
}
