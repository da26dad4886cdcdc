// stageRows: chunk files in order, ids deduped across chunks, and a staging folder it cannot write named in one line.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ByteWriter } from '../byte-writer.js';
import { stageRows, type RowChunk } from './stage-rows.js';
import { LONG_VALUE_BYTES, type TextRows } from './text-rows.js';
import { StagingWriteError } from './warehouse-errors.js';

describe('stageRows', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stage-rows-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const encode = (rows: TextRows, chunk: number, out: ByteWriter): void => out.write(`${chunk}:${rows.ids.join(',')}`);

  it('writes one file per non-empty chunk in order, the last row of an id in a chunk, and says when ids repeat', async () => {
    const staged = await stageRows([[{ id: 'a' }, { id: 'b' }, { id: 'a' }], [], [{ id: 'c' }, { id: 'b' }]], { tableName: 't', dir, encode, encodeIds: (ids, out) => out.write(ids.join('\n')) });
    expect(await Promise.all(staged.files.map((file) => readFile(file, 'utf8')))).toEqual(['0:b,a', '1:c,b']);
    expect(staged.ids).toEqual(['b', 'a', 'c']);
    expect(staged.repeats).toBe(true);
    expect(await readFile(staged.idsFile ?? '', 'utf8')).toBe('b\na\nc');
    await staged.remove();
    await staged.remove();
  });

  it('takes no chunk after the one that reaches maxLongValueBytes, counting only long values', async () => {
    const long = 'é'.repeat(LONG_VALUE_BYTES / 2);
    const chunks = [[{ id: 'a', body: 'short' }], [{ id: 'b', body: long }], [{ id: 'c', body: long }], [{ id: 'd', body: long }]];
    let taken = 0;
    function* counted(): Generator<RowChunk> {
      for (const chunk of chunks) {
        taken++;
        yield chunk;
      }
    }
    // Each long body is LONG_VALUE_BYTES of UTF-8 (half as many UTF-16 units), so the third chunk reaches twice that.
    const staged = await stageRows(counted(), { tableName: 't', dir, encode, maxLongValueBytes: 2 * LONG_VALUE_BYTES });
    expect(staged.ids).toEqual(['a', 'b', 'c']);
    expect(taken).toBe(3);
    await staged.remove();
  });

  it('names a staging folder it cannot write, with what to do', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, '');
    const attempt = stageRows([[{ id: 'a' }]], { tableName: 't', dir: join(blocker, 'staging'), encode });
    await expect(attempt).rejects.toThrow(StagingWriteError);
    await expect(attempt).rejects.toThrow(/^Could not write a load's rows to .*a-file\/staging \(ENOTDIR\): free some disk space or fix its permissions, then run again$/);
  });
});
