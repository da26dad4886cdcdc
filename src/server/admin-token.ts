// The admin token: TWILIO_SOURCE_ADMIN_TOKEN, else the one in <home>/admin-token, else a new one written there
// with mode 0600 (and reported as new, so that `serve` prints it once).
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const tokenSchema = z.string().trim().min(16, 'must be at least 16 characters').max(200).regex(/^\S+$/, 'must not contain spaces');

export class AdminTokenError extends Error {
  override readonly name = 'AdminTokenError';
}

export const adminTokenPath = (home: string): string => join(home, 'admin-token');

function fromEnv(env: NodeJS.ProcessEnv): string | null {
  const given = env['TWILIO_SOURCE_ADMIN_TOKEN'];
  if (given === undefined || given === '') return null;
  const parsed = tokenSchema.safeParse(given);
  if (!parsed.success) throw new AdminTokenError(`TWILIO_SOURCE_ADMIN_TOKEN ${parsed.error.issues[0]?.message ?? 'is invalid'}: set a longer random value or unset it`);
  return parsed.data;
}

/** The token a client sends: from the environment or the file; null when neither exists. */
export async function readAdminToken(home: string, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const given = fromEnv(env);
  if (given !== null) return given;
  try {
    return tokenSchema.parse(await readFile(adminTokenPath(home), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AdminTokenError(`cannot read ${adminTokenPath(home)}: delete it to have a new token made, or set TWILIO_SOURCE_ADMIN_TOKEN`, { cause: error });
  }
}

/** The token the server requires; `generated` is true only the first time, when it must be shown to the user. */
export async function resolveAdminToken(home: string, env: NodeJS.ProcessEnv = process.env): Promise<{ token: string; generated: boolean }> {
  const existing = await readAdminToken(home, env);
  if (existing !== null) return { token: existing, generated: false };
  const token = randomBytes(32).toString('base64url');
  await mkdir(home, { recursive: true, mode: 0o700 });
  // 'wx': two first starts at once must not overwrite each other's token.
  await writeFile(adminTokenPath(home), `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { token, generated: true };
}
