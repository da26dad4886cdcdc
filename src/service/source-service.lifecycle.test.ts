// Assembling and restarting the service: openSourceService holds the embedded store (a second open is refused), and
// runs a stopped process left 'running' are recorded as failed so they block nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ControlStoreBusyError } from '../control/control-errors.js';
import { createLogger } from '../log.js';
import { openSourceService } from './open-source-service.js';
import { gatedSync } from './testing/gated-sync.js';
import { openServiceFixture } from './testing/service-fixture.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'twilio-source-open-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('openSourceService', () => {
  it('opens store, key and service, refuses a second open while it runs, and closes cleanly', async () => {
    const env = { TWILIO_SOURCE_SECRET_KEY: randomBytes(32).toString('base64') };
    const logger = createLogger({ level: 'silent' });
    const opened = await openSourceService({ home, env, logger, schedule: true });
    try {
      expect(opened.scheduler).not.toBeNull();
      const source = await opened.service.createSource({ name: 'Opened', accountSid: `AC${'8'.repeat(32)}`, authToken: 'token-abcdefghijklmnop', enabled: false });
      await expect(openSourceService({ home, env, logger })).rejects.toThrow(ControlStoreBusyError);
      expect((await opened.service.getSource(source.id)).name).toBe('Opened');
    } finally {
      await opened.close();
    }
    const again = await openSourceService({ home, env, logger });
    expect(again.scheduler).toBeNull();
    expect((await again.service.listSources()).map((s) => s.name)).toEqual(['Opened']);
    await again.close();
  }, 120_000);
});

describe('restart', () => {
  it('records a run left running by a stopped process as failed, and the source can run again', async () => {
    const fx = await openServiceFixture();
    try {
      const sync = gatedSync(true);
      const first = await fx.service({ sync: sync.sync });
      const source = await first.createSource({ name: 'Restarted', accountSid: `AC${'9'.repeat(32)}`, authToken: 'token-abcdefghijklmnop' });
      await fx.store.insertRun({ id: 'run_left', sourceId: source.id, trigger: 'schedule', owner: 'gone-host:424242', startedAt: new Date().toISOString() });
      const second = await fx.service({ sync: sync.sync });
      const [left] = await second.listRuns(source.id, 1);
      expect([left?.id, left?.status]).toEqual(['run_left', 'failed']);
      expect(left?.error).toMatch(/^Interrupted: the process running it \(gone-host:424242\) stopped before it finished/);
      await second.triggerRun(source.id, { full: false });
      await second.close();
      expect((await second.listRuns(source.id, 1))[0]?.status).toBe('success');
    } finally {
      await fx.dispose();
    }
  }, 120_000);
});
