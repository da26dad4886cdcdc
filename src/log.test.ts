import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.js';

describe('createLogger', () => {
  it('redacts secrets at any of the first three levels, warehouse URLs included', () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk: Buffer, _encoding, done) => void (lines.push(chunk.toString()), done()) });
    const logger = createLogger({ level: 'info', destination });
    logger.info({ authToken: 'tok-1', source: { apiSecret: 'sec-2', credentials: { authToken: 'tok-3' } }, warehouse: 'postgres://u:pw-4@h/db' }, 'hello');
    const text = lines.join('');
    for (const secret of ['tok-1', 'sec-2', 'tok-3', 'pw-4']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});
