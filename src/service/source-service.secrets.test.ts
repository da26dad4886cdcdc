// Secrets appear nowhere in plaintext: not in views, metrics, run errors, error messages, logs, nor the store's files.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../secrets/secret-box.js';
import { secretKey } from '../secrets/secret-key.js';
import type { ManagedSourceService } from './create-source-service.js';
import { InvalidInputError } from './source-service.js';
import { gatedSync } from './testing/gated-sync.js';
import { openServiceFixture, type ServiceFixture } from './testing/service-fixture.js';

const ACCOUNT = `AC${'5'.repeat(32)}`;
const TOKEN = 'tok-SECRET-first-abcdefghijkl-7777';
const ROTATED = 'tok-SECRET-second-mnopqrstuvw-8888';
const API_SECRET = 'apisecret-SECRET-zyxwvutsrqpo-9999';
const PASSWORD = 'pw-SECRET-hunter2-xyz';
const SECRETS = [TOKEN, ROTATED, API_SECRET, PASSWORD];

let fx: ServiceFixture;
let service: ManagedSourceService;
const sync = gatedSync();
const seen: string[] = [];
const expectNoSecret = (text: string): void => {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
};

beforeAll(async () => {
  fx = await openServiceFixture();
  service = await fx.service({ sync: sync.sync });
});
afterAll(async () => {
  await fx.dispose();
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('secrets in plaintext', () => {
  it('are nowhere a face, a log line, an error or the store files could show', async () => {
    const warehouse = `postgres://loader:${PASSWORD}@127.0.0.1:1/warehouse`;
    const a = await service.createSource({ name: 'Token source', accountSid: ACCOUNT, authToken: TOKEN, warehouse, collections: ['messages'] });
    expect(a.secretMasked).toBe('••••7777');
    expect(a.warehouse).toBe('postgres://loader:***@127.0.0.1:1/warehouse');
    const b = await service.createSource({ name: 'Key source', accountSid: ACCOUNT, apiKey: `SK${'6'.repeat(32)}`, apiSecret: API_SECRET });
    expect(b.secretMasked).toBe('••••9999');
    await service.updateSource(a.id, { name: 'Token source renamed', authToken: ROTATED });
    expect((await service.getSource(a.id)).secretMasked).toBe('••••8888');
    // The masked URL sent back unchanged keeps the real one.
    await service.updateSource(a.id, { warehouse: a.warehouse });

    const run = await service.triggerRun(a.id, { full: false });
    await expect.poll(() => sync.open).toBe(1);
    expect(sync.calls[0]?.authToken).toBe(ROTATED);
    expect(sync.calls[0]?.warehouse).toBe(warehouse);
    sync.finish(new Error(`connect to ${warehouse} with ${ROTATED} failed; password ${PASSWORD}`));
    await service.close();
    const [failed] = await service.listRuns(a.id, 1);
    expect(failed?.id).toBe(run.id);
    expect(failed?.error).toBe('connect to [redacted] with [redacted] failed; password [redacted]');

    // A process with another key cannot open them, and says so without them.
    const otherKey = await fx.service({ secrets: new SecretBox(secretKey(randomBytes(32), 'other')), sync: sync.sync });
    await otherKey.triggerRun(b.id, { full: false });
    await otherKey.close();
    const [mismatch] = await otherKey.listRuns(b.id, 1);
    expect(mismatch?.error).toMatch(/were sealed with key [0-9a-f]{16} but the key in use \(other\) is [0-9a-f]{16}: use the original key/);

    const bad = await service.createSource({ name: 'Bad', accountSid: ACCOUNT, authToken: TOKEN, schedule: TOKEN }).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(InvalidInputError);
    seen.push(String(bad), (bad as Error).message);

    seen.push(
      JSON.stringify(await service.listSources()),
      JSON.stringify(await service.getSource(a.id)),
      JSON.stringify(await service.getSource(b.id)),
      JSON.stringify(await service.listRuns(null, 100)),
      JSON.stringify(await service.overview(a.id)),
      await service.metrics(),
      fx.logs.join(''),
    );
    expect(fx.logs.join('')).toContain('source created');
    for (const text of seen) expectNoSecret(text);

    await fx.closeStore();
    const files = await filesUnder(fx.home);
    expect(files.some((file) => file.includes(join('control', 'base')))).toBe(true);
    const contents = await Promise.all(files.map((file) => readFile(file)));
    // The search means something only if the store's rows are in these files at all.
    expect(contents.some((bytes) => bytes.includes(Buffer.from('Token source renamed')))).toBe(true);
    for (const [index, file] of files.entries()) {
      const bytes = contents[index] ?? Buffer.alloc(0);
      for (const secret of SECRETS) expect({ file, found: bytes.includes(Buffer.from(secret)) }).toEqual({ file, found: false });
    }
  }, 120_000);

  it('the logger redacts secret keys when something does log them', async () => {
    fx.logger.info({ authToken: TOKEN, apiSecret: API_SECRET, settings: { authToken: ROTATED, password: PASSWORD } }, 'oops');
    await new Promise((resolve) => setImmediate(resolve));
    const line = fx.logs.find((entry) => entry.includes('"oops"')) ?? '';
    expect(line).toContain('[redacted]');
    expectNoSecret(line);
  });
});
