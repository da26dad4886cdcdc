// <home>/server.json: where a running `serve` listens, so that other commands go through its API instead of opening
// the store it holds.
import { isProcessAlive } from '../pid-lock.js';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const serverFileSchema = z.object({ url: z.url(), pid: z.number().int().positive() });
export type ServerFile = z.infer<typeof serverFileSchema>;

export const serverFilePath = (home: string): string => join(home, 'server.json');

export async function writeServerFile(home: string, file: ServerFile): Promise<void> {
  await writeFile(serverFilePath(home), `${JSON.stringify(file)}\n`, { mode: 0o600 });
}

/** Removes the file only if it is still this process's (a newer server may have replaced it). */
export async function removeServerFile(home: string, pid = process.pid): Promise<void> {
  if ((await readServerFile(home))?.pid === pid) await rm(serverFilePath(home), { force: true });
}

/** The running server, or null when there is none: no file, a bad file, or its process gone. */
export async function readServerFile(home: string): Promise<ServerFile | null> {
  let text: string;
  try {
    text = await readFile(serverFilePath(home), 'utf8');
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = serverFileSchema.safeParse(json);
  if (!parsed.success || !isProcessAlive(parsed.data.pid)) return null;
  return parsed.data;
}
