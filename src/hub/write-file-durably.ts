// Writes a file so that after a crash it is either wholly there or not at all: temp file, fsync, rename, fsync dir.
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { crashPoint } from '../crash-point.js';

/** `point` names the crash points of this write for the reliability tests. */
export async function writeFileDurably(path: string, data: Uint8Array | string, point = 'file'): Promise<void> {
  const temp = await writeTempFile(join(dirname(path), `.${basename(path)}.${process.pid}.tmp`), data);
  crashPoint(`${point}:before-rename`);
  await rename(temp, path);
  crashPoint(`${point}:before-dir-sync`);
  await syncDirectory(dirname(path));
}

/**
 * The first half: `data` written and flushed to `temp` (a hidden name the readers ignore), which a rename then puts in
 * place, followed by syncDirectory. Removed again when the write fails.
 */
export async function writeTempFile(temp: string, data: Uint8Array | string): Promise<string> {
  const file = await open(temp, 'w');
  try {
    await file.writeFile(data);
    await file.sync();
  } catch (error) {
    await file.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await file.close();
  return temp;
}

/** A rename is durable only once its directory is flushed. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
