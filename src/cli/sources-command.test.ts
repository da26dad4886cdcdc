// `sources add|list|show|update|remove|enable|disable` and `runs` as users run them (the built CLI in a child
// process), going through a running server found by its server.json.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { writeServerFile } from '../server/server-file.js';
import { startServer, type RunningServer } from '../server/start-server.js';
import { createFakeSourceService } from '../server/testing/fake-source-service.js';
import type { SourceView } from '../service/source-service.js';

const cli = join(import.meta.dirname, '../../dist/cli/main.js');
const adminToken = 'cli-test-admin-token-0123456789';
const secret = 'c0ffee00c0ffee00c0ffee00c0ff7777';
const accountSid = `AC${'3'.repeat(32)}`;
let home: string;
let server: RunningServer;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'twilio-source-cli-'));
  await mkdir(home, { recursive: true });
  server = await startServer({ service: createFakeSourceService(), adminToken, logger: createLogger({ level: 'silent' }) });
  // This test process stands for `serve`: alive, listening, token known.
  await writeServerFile(home, { url: server.url, pid: process.pid });
});
afterAll(async () => {
  await server.close();
  await rm(home, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], {
      env: { PATH: process.env['PATH'] ?? '', TWILIO_SOURCE_HOME: home, TWILIO_SOURCE_ADMIN_TOKEN: adminToken },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const listed = async (): Promise<SourceView[]> => JSON.parse((await run('sources', 'list', '--json')).stdout) as SourceView[];

describe('twilio-source sources', () => {
  it('adds a source, masks its secret, lists and shows it', async () => {
    const added = await run('sources', 'add', '--name', 'Twilio Prod', '--label', 'env=prod', '--account-sid', accountSid, '--auth-token', secret, '--collections', 'messages,calls', '--schedule', '30m');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^schema\s+twilio_prod$/m);
    expect(added.stdout).toContain('Auth Token ••••7777');
    expect(added.stdout).not.toContain(secret);
    const list = await run('sources', 'list');
    expect(list.stdout).toMatch(/Twilio Prod\s+twilio_prod\s+enabled\s+30m\s+never/);
    expect((await run('sources', 'show', 'twilio_prod')).stdout).toMatch(/^collections\s+messages, calls$/m);
    expect(await listed()).toHaveLength(1);
  });

  it.each([
    [['--name', 'X', '--account-sid', 'AC1', '--auth-token', secret], /^twilio-source: --account-sid must be an Account SID/],
    [['--name', 'X', '--account-sid', accountSid, '--auth-token', secret, '--schema', 'Bad-Name'], /^twilio-source: --schema must be lowercase/],
    [['--name', 'X', '--account-sid', accountSid, '--auth-token', secret, '--collections', 'messages,faxes'], /^twilio-source: --collections/],
    [['--name', 'X', '--account-sid', accountSid, '--auth-token', secret, '--label', 'novalue'], /^twilio-source: --label must be key=value \(got "novalue"\)/],
    [['--name', 'X', '--account-sid', accountSid], /^twilio-source: --auth-token give either an Auth Token or an API key/],
    [['--name', 'Again', '--account-sid', accountSid, '--auth-token', secret, '--schema', 'twilio_prod'], /^twilio-source: schema twilio_prod is already used/],
  ])('refuses %j with one line naming the flag, and adds nothing', async (flags, message) => {
    const result = await run('sources', 'add', ...flags);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain(secret);
    expect(await listed()).toHaveLength(1);
  });

  it('updates only what is given, disables and enables', async () => {
    const updated = await run('sources', 'update', 'Twilio Prod', '--schedule', '1h');
    expect(updated.stdout).toMatch(/^schedule\s+1h$/m);
    expect(updated.stdout).toMatch(/^collections\s+messages, calls$/m);
    expect((await run('sources', 'update', 'Twilio Prod')).stderr).toMatch(/^twilio-source: give at least one flag/);
    expect((await run('sources', 'disable', 'twilio_prod')).stdout).toBe('Source Twilio Prod disabled.\n');
    expect((await listed())[0]?.enabled).toBe(false);
    expect((await run('sources', 'enable', 'twilio_prod')).stdout).toBe('Source Twilio Prod enabled.\n');
  });

  it('shows runs, refusing a bad --limit', async () => {
    expect((await run('runs')).stdout).toBe('No runs yet.\n');
    expect((await run('runs', '--limit', '0')).stderr).toMatch(/^twilio-source: --limit /);
    expect((await run('runs', 'no-such-source')).stderr).toMatch(/^twilio-source: no source "no-such-source"/);
  });

  it('removes a source', async () => {
    expect((await run('sources', 'remove', 'twilio_prod')).stdout).toMatch(/^Removed source Twilio Prod/);
    expect(await listed()).toEqual([]);
    expect((await run('sources', 'remove', 'twilio_prod')).code).not.toBe(0);
  });
});
