// Opens a DuckDB file from a separate process, as a user's own tool would, to see whether the file is free.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** Resolved here, so the child finds the driver whatever its working directory. */
const DRIVER = pathToFileURL(createRequire(import.meta.url).resolve('@duckdb/node-api')).href;

const OPEN_AND_WAIT = `
const { DuckDBInstance } = await import(process.argv[1]);
try {
  const instance = await DuckDBInstance.create(process.argv[2]);
  console.log('opened');
  process.stdin.resume();
  process.stdin.on('end', () => { instance.closeSync(); process.exit(0); });
} catch (error) {
  console.log('failed: ' + error.message.split('\\n')[0]);
  process.exit(1);
}`;

export interface HeldFile {
  /** `opened`, or `failed: <reason>` when the file was locked. */
  readonly outcome: string;
  release(): Promise<void>;
}

/** Starts a process that opens the file read-write and keeps it open until released. */
export async function holdDuckDBFile(path: string): Promise<HeldFile> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', OPEN_AND_WAIT, DRIVER, path], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdout.setEncoding('utf8');
  // Ending stdin of a child that already exited may raise EPIPE; that child is gone either way.
  child.stdin.on('error', () => undefined);
  const exited = once(child, 'exit');
  // A child that dies before printing (a broken install) must fail the test, not hang it.
  const first = await Promise.race([once(child.stdout, 'data') as Promise<[string]>, exited.then(() => ['failed: exited early'] as [string])]);
  return {
    outcome: first[0].trim(),
    release: async () => {
      child.stdin.end();
      if (child.exitCode === null) await exited;
    },
  };
}

/** Whether another process can open the file read-write right now. */
export async function openableElsewhere(path: string): Promise<boolean> {
  const held = await holdDuckDBFile(path);
  await held.release();
  return held.outcome === 'opened';
}
