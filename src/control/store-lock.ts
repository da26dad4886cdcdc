// The lock beside the embedded store: PGlite is one process's database, and a second process opening the same
// files would corrupt them.
import { acquirePidLock } from '../pid-lock.js';
import { ControlStoreBusyError } from './control-errors.js';

export function acquireStoreLock(path: string): Promise<() => Promise<void>> {
  return acquirePidLock(path, (pid) => new ControlStoreBusyError(pid));
}
