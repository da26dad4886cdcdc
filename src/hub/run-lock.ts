// An exclusive lock file per source and kind of run, so two processes never run the same source at once.
// A lock left by a process that died is taken over.
import { open, readFile, unlink } from 'node:fs/promises';
import { RunLockedError } from './hub-errors.js';

const heldHere = new Set<string>();

export async function acquireRunLock(path: string, what: string): Promise<() => Promise<void>> {
  const busy = new RunLockedError(`Another ${what} is running for this source: wait for it to finish`);
  if (heldHere.has(path)) throw busy;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      heldHere.add(path);
      return async () => {
        heldHere.delete(path);
        await unlink(path).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (heldHere.has(path)) throw busy;
      const pid = Number(await readFile(path, 'utf8').catch(() => ''));
      // A lock naming this very process but not held by it was left by an earlier process with the same pid.
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new RunLockedError(`Another ${what} is running for this source (process ${pid}): wait for it to finish`);
      }
      await unlink(path).catch(() => undefined); // stale: its process is gone
    }
  }
  throw new RunLockedError(`Could not take the lock ${path} for the ${what}: remove it if no other run is going on`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
