// An exclusive lock file beside the embedded store: PGlite is one process's database, and a second process
// opening the same files would corrupt them. A lock left by a process that died is taken over.
import { open, readFile, unlink } from 'node:fs/promises';
import { ControlStoreBusyError } from './control-errors.js';

/** Paths locked by this process: opening the store twice in one process would corrupt it just the same. */
const heldHere = new Set<string>();

export async function acquireStoreLock(path: string): Promise<() => Promise<void>> {
  if (heldHere.has(path)) throw new ControlStoreBusyError(process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      heldHere.add(path);
      return async () => {
        heldHere.delete(path);
        await unlink(path).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      // Our own pid in a lock we do not hold was left by an earlier process that had the same pid (a container).
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw new ControlStoreBusyError(pid);
      await unlink(path).catch(() => undefined); // stale: its process is gone
    }
  }
  throw new ControlStoreBusyError(Number((await readFile(path, 'utf8').catch(() => '0')).trim()) || 0);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
