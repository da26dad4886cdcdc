// The key that seals credentials: from TWILIO_SOURCE_SECRET_KEY (32 bytes, base64 or hex), or else a key file in the
// data directory, created with mode 0600 on first use.
import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InvalidSecretKeyError } from './secrets-errors.js';

export interface SecretKey {
  /** Names the key without revealing it: the first 16 hex digits of its SHA-256. */
  readonly id: string;
  readonly bytes: Buffer;
  /** Where it came from, for messages: the variable's name or the file's path. */
  readonly origin: string;
}

export const SECRET_KEY_VARIABLE = 'TWILIO_SOURCE_SECRET_KEY';
const HOW = 'give 32 random bytes in base64 or hex, e.g. from `openssl rand -base64 32`';

export async function loadSecretKey(options: { readonly home: string; readonly env?: NodeJS.ProcessEnv }): Promise<SecretKey> {
  const fromEnv = (options.env ?? process.env)[SECRET_KEY_VARIABLE];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const bytes = decodeKey(fromEnv.trim());
    if (!bytes) throw new InvalidSecretKeyError(`${SECRET_KEY_VARIABLE} is not a 32-byte key: ${HOW}`);
    return secretKey(bytes, SECRET_KEY_VARIABLE);
  }
  const path = join(options.home, 'secret.key');
  return secretKey(await readOrCreateKeyFile(path), path);
}

/** 64 hex digits, or base64 (standard or URL-safe) of exactly 32 bytes. */
export function decodeKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === 32 ? bytes : null;
}

export function secretKey(bytes: Buffer, origin: string): SecretKey {
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 16), bytes, origin };
}

async function readOrCreateKeyFile(path: string): Promise<Buffer> {
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing !== null) {
    const bytes = decodeKey(existing.trim());
    if (!bytes) throw new InvalidSecretKeyError(`The key file ${path} does not hold a 32-byte key: restore it from a backup, or ${HOW}`);
    return bytes;
  }
  const bytes = randomBytes(32);
  await mkdir(dirname(path), { recursive: true });
  // Written whole under a private name, then linked into place: a concurrent first use never reads a half-written
  // key, and a key another process linked first wins (link never overwrites). 0o600: only this user may read it.
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const handle = await open(draft, 'wx', 0o600);
  try {
    await handle.writeFile(`${bytes.toString('base64')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(draft, path);
    return bytes;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreateKeyFile(path);
    throw error;
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}
