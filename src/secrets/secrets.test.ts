// Secrets: AES-256-GCM round trips, tampering and a wrong key are refused clearly, keys validated, key file 0600.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSecretBox } from './load-secret-box.js';
import { SecretBox, type Sealed } from './secret-box.js';
import { decodeKey, loadSecretKey, secretKey } from './secret-key.js';
import { InvalidSecretKeyError, SecretKeyMismatchError, SecretTamperedError } from './secrets-errors.js';

const SECRET = 'auth-token-0123456789abcdef-PLAINTEXT';
let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'twilio-source-secrets-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const box = (): SecretBox => new SecretBox(secretKey(randomBytes(32), 'test'));
const flip = (base64: string): string => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64');
};

describe('SecretBox', () => {
  it('round-trips, with a fresh 96-bit IV each time and the key id beside the ciphertext', () => {
    const sealer = box();
    const a = sealer.seal(SECRET, 'src_1');
    const b = sealer.seal(SECRET, 'src_1');
    expect(Buffer.from(a.iv, 'base64')).toHaveLength(12);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.keyId).toBe(sealer.keyId);
    expect(JSON.stringify(a)).not.toContain(SECRET);
    expect(sealer.open(a, 'src_1')).toBe(SECRET);
  });

  it.each<[string, (sealed: Sealed) => Sealed]>([
    ['ciphertext', (s) => ({ ...s, ciphertext: flip(s.ciphertext) })],
    ['tag', (s) => ({ ...s, tag: flip(s.tag) })],
    ['truncated tag', (s) => ({ ...s, tag: Buffer.from(s.tag, 'base64').subarray(0, 4).toString('base64') })],
    ['iv', (s) => ({ ...s, iv: flip(s.iv) })],
  ])('detects a tampered %s', (_, tamper) => {
    const sealer = box();
    const sealed = sealer.seal(SECRET, 'src_1');
    expect(() => sealer.open(tamper(sealed), 'src_1')).toThrow(SecretTamperedError);
    expect(() => sealer.open(tamper(sealed), 'src_1')).toThrow('The stored credentials of src_1 are damaged or were altered: enter them again');
  });

  it('refuses credentials moved to another source', () => {
    const sealer = box();
    expect(() => sealer.open(sealer.seal(SECRET, 'src_1'), 'src_2')).toThrow(SecretTamperedError);
  });

  it('names both key ids, never the keys, when the key is not the one that sealed', () => {
    const first = box();
    const second = box();
    const sealed = first.seal(SECRET, 'src_1');
    expect(() => second.open(sealed, 'src_1')).toThrow(SecretKeyMismatchError);
    try {
      second.open(sealed, 'src_1');
    } catch (error) {
      expect((error as Error).message).toBe(
        `The credentials of src_1 were sealed with key ${first.keyId} but the key in use (test) is ${second.keyId}: use the original key, or enter the credentials again`,
      );
    }
  });
});

describe('the secret key', () => {
  it('accepts 32 bytes in hex or base64 from TWILIO_SOURCE_SECRET_KEY and refuses anything else without echoing it', async () => {
    const bytes = randomBytes(32);
    for (const text of [bytes.toString('hex'), bytes.toString('base64'), bytes.toString('base64url')]) {
      expect((await loadSecretKey({ home, env: { TWILIO_SOURCE_SECRET_KEY: text } })).bytes).toEqual(bytes);
    }
    for (const bad of ['short', randomBytes(16).toString('hex'), randomBytes(31).toString('base64'), `${bytes.toString('hex')}00`]) {
      const attempt = loadSecretKey({ home, env: { TWILIO_SOURCE_SECRET_KEY: bad } });
      await expect(attempt).rejects.toThrow(InvalidSecretKeyError);
      await expect(attempt).rejects.toThrow(/^TWILIO_SOURCE_SECRET_KEY is not a 32-byte key: give 32 random bytes/);
      await expect(attempt).rejects.not.toThrow(bad);
    }
    expect(decodeKey(randomBytes(33).toString('base64'))).toBeNull();
  });

  it('creates the key file with mode 0600 on first use and reuses it', async () => {
    const first = await loadSecretBox({ home: join(home, 'nested'), env: {} });
    const path = join(home, 'nested', 'secret.key');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const sealed = first.seal(SECRET, 'src_1');
    const again = await loadSecretBox({ home: join(home, 'nested'), env: {} });
    expect(again.keyId).toBe(first.keyId);
    expect(again.open(sealed, 'src_1')).toBe(SECRET);
    expect(await readFile(path, 'utf8')).not.toContain(SECRET);
  });

  it('the environment wins over the key file, and a damaged key file is a clear error', async () => {
    const fromFile = await loadSecretKey({ home, env: {} });
    const fromEnv = await loadSecretKey({ home, env: { TWILIO_SOURCE_SECRET_KEY: randomBytes(32).toString('hex') } });
    expect(fromEnv.id).not.toBe(fromFile.id);
    await writeFile(join(home, 'secret.key'), 'garbage');
    await expect(loadSecretKey({ home, env: {} })).rejects.toThrow(`The key file ${join(home, 'secret.key')} does not hold a 32-byte key`);
  });

  it('concurrent first uses agree on one key', async () => {
    const keys = await Promise.all([0, 1, 2, 3].map(() => loadSecretKey({ home, env: {} })));
    expect(new Set(keys.map((key) => key.id)).size).toBe(1);
  });
});
