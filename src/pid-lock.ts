// An exclusive lock file naming the process that holds it: for the embedded control store and for runs of a
// source. A lock left by a process that died is taken over; one held in this process is busy too.
import { open, readFile, unlink } from 'node:fs/promises';

const heldHere = new Set<string>();

/** Takes the lock at `path`, or throws `busy(pid)` (pid 0 when unknown). Resolves with its release. */
export async function acquirePidLock(path: string, busy: (pid: number) => Error): Promise<() => Promise<void>> {
  if (heldHere.has(path)) throw busy(process.pid);
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
      if (heldHere.has(path)) throw busy(process.pid);
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      // Our own pid in a lock we do not hold was left by an earlier process that had the same pid (a container).
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isProcessAlive(pid)) throw busy(pid);
      await unlink(path).catch(() => undefined); // stale: its process is gone
    }
  }
  throw busy(Number((await readFile(path, 'utf8').catch(() => '0')).trim()) || 0);
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, but another user's
  }
}
