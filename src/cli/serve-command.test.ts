// `twilio-source serve` as users run it: prints its URL and a first-start token once, answers the API, lets the
// other commands through its API while it holds the store, and stops cleanly on SIGTERM.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = join(import.meta.dirname, '../../dist/cli/main.js');
const accountSid = `AC${'4'.repeat(32)}`;
const secret = 'feedface0000feedface0000feed9999';
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'twilio-source-serve-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => ({ PATH: process.env['PATH'] ?? '', TWILIO_SOURCE_HOME: home, LOG_LEVEL: 'warn' });

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { env: env() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Reads the child's stdout until `pattern` matches (bounded by the child ending or 60 s). */
async function waitFor(child: ChildProcessWithoutNullStreams, output: { text: string }, pattern: RegExp): Promise<RegExpMatchArray> {
  for (let i = 0; i < 600; i++) {
    const match = pattern.exec(output.text);
    if (match) return match;
    if (child.exitCode !== null) throw new Error(`serve ended early: ${output.text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`serve did not print ${String(pattern)}: ${output.text}`);
}

describe('twilio-source serve', () => {
  it('refuses a bad --port in one line', async () => {
    expect((await run('serve', '--port', 'http')).stderr).toMatch(/^twilio-source: --port must be a port number/);
  });

  it('serves, lets sources commands through its API, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0'], { env: env() });
    const output = { text: '' };
    child.stdout.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    try {
      const [, url] = await waitFor(child, output, /at (http:\/\/127\.0\.0\.1:\d+) /);
      const [, token] = await waitFor(child, output, /Admin token \(shown once; .*\): (\S+)\n/);
      expect((await stat(join(home, 'admin-token'))).mode & 0o777).toBe(0o600);
      expect((await readFile(join(home, 'admin-token'), 'utf8')).trim()).toBe(token);
      expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${url}/api/sources`)).status).toBe(401);
      // The built CLI finds the UI's files from dist/ too.
      expect(await (await fetch(`${url}/`)).text()).toContain('/ui/app.js');
      expect((await fetch(`${url}/ui/app.js`)).status).toBe(200);

      // The store is held by serve: the command goes through its API, with the token from the file.
      // Disabled: the scheduler would otherwise start a run against Twilio itself.
      const added = await run('sources', 'add', '--name', 'Served', '--account-sid', accountSid, '--auth-token', secret, '--collections', 'addresses', '--disabled');
      expect(added.stderr).toBe('');
      expect(added.stdout).toMatch(/^schema\s+served$/m);
      const listed = (await (await fetch(`${url}/api/sources`, { headers: { authorization: `Bearer ${token}` } })).json()) as { sources: { name: string }[] };
      expect(listed.sources.map((s) => s.name)).toEqual(['Served']);
      expect(await run('sources', 'remove', 'served')).toMatchObject({ stdout: expect.stringMatching(/^Removed source Served/) as unknown, stderr: '' });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect(child.exitCode).toBe(0);
    expect(output.text).not.toContain(secret);
    expect(existsSync(join(home, 'server.json'))).toBe(false);
  });

  it('without a server, opens the store directly', async () => {
    const added = await run('sources', 'add', '--name', 'Direct', '--account-sid', accountSid, '--auth-token', secret, '--disabled');
    expect(added.stderr).toBe('');
    expect((await run('sources', 'list')).stdout).toMatch(/Direct\s+direct\s+disabled/);
    expect((await run('sources', 'remove', 'direct')).code).toBe(0);
    expect((await run('sources', 'list')).stdout).toMatch(/^No sources yet/);
  });
});
