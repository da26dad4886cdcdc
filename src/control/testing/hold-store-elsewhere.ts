// Test support: opens the embedded control store from another Node process, as a second `twilio-source` would.
// Node 20 runs no TypeScript, so this folder's sources are transpiled into a temp dir that sees our node_modules.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const controlDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const OPEN_AND_WAIT = `
import { openControlStore } from './control/open-control-store.js';
try {
  const store = await openControlStore({ home: process.argv[2], databaseUrl: null });
  console.log('opened ' + process.pid);
  process.stdin.resume();
  process.stdin.on('end', () => { void store.close().then(() => process.exit(0)); });
} catch (error) {
  console.log('failed ' + error.name + ': ' + error.message);
  process.exit(1);
}`;

export interface HeldStore {
  /** `opened <pid>`, or `failed <ErrorName>: <message>`. */
  readonly outcome: string;
  readonly pid: number;
  /** Closes the store and lets the process exit. */
  release(): Promise<void>;
  /** Kills the process without closing anything, as a crash would. */
  kill(): Promise<void>;
}

export async function holdStoreElsewhere(home: string): Promise<HeldStore> {
  const dir = await mkdtemp(join(tmpdir(), 'twilio-source-control-'));
  await mkdir(join(dir, 'control'));
  await symlink(resolve(controlDir, '../../node_modules'), join(dir, 'node_modules'));
  await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  for (const name of await readdir(controlDir)) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    const source = await readFile(join(controlDir, name), 'utf8');
    const output = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } });
    await writeFile(join(dir, 'control', name.replace(/\.ts$/, '.js')), output.outputText);
  }
  // The store's lock is shared with the runs' locks, one folder up.
  const pidLock = ts.transpileModule(await readFile(resolve(controlDir, '../pid-lock.ts'), 'utf8'), { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } });
  await writeFile(join(dir, 'pid-lock.js'), pidLock.outputText);
  await writeFile(join(dir, 'hold.mjs'), OPEN_AND_WAIT);
  const child = spawn(process.execPath, [join(dir, 'hold.mjs'), home], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdout.setEncoding('utf8');
  const exited = once(child, 'exit');
  // A child that dies before saying anything must fail the test, not hang it.
  const line = await Promise.race([once(child.stdout, 'data').then(([data]) => String(data)), exited.then(() => 'exited without a word')]);
  const finish = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) await exited;
    await rm(dir, { recursive: true, force: true });
  };
  return {
    outcome: line.trim(),
    pid: child.pid ?? 0,
    release: async () => {
      child.stdin.end();
      await finish();
    },
    kill: async () => {
      child.kill('SIGKILL');
      await finish();
    },
  };
}
