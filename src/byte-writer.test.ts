// ByteWriter: UTF-8 written piece by piece, past its first buffer, and reused after clear.
import { describe, expect, it } from 'vitest';
import { ByteWriter } from './byte-writer.js';

describe('ByteWriter', () => {
  it('writes UTF-8, a lone surrogate as U+FFFD, short text and long, bytes between', () => {
    const out = new ByteWriter();
    out.write('a 😀 ');
    out.write('\ud83d!');
    out.writeByte(0x2c);
    out.write('plain ascii');
    out.write('');
    out.write(`${'x'.repeat(70)}é`);
    out.write('ascii then é');
    expect(out.bytes().toString('utf8')).toBe(`a 😀 \ufffd!,plain ascii${'x'.repeat(70)}éascii then é`);
  });

  it('grows past its first megabyte and keeps what was written', () => {
    const out = new ByteWriter();
    const piece = 'é'.repeat(300_000);
    for (let i = 0; i < 5; i++) out.write(piece);
    expect(out.bytes().length).toBe(5 * 600_000);
    expect(out.bytes().toString('utf8')).toBe(piece.repeat(5));
  });

  it('writes bytes as they are, between text', () => {
    const out = new ByteWriter();
    out.write('[');
    out.writeBytes(Buffer.from('"é"', 'utf8'));
    out.write(']');
    expect(out.bytes().toString('utf8')).toBe('["é"]');
  });

  it('starts again from empty after clear', () => {
    const out = new ByteWriter();
    out.write('first');
    out.clear();
    out.write('second');
    expect(out.bytes().toString('utf8')).toBe('second');
  });
});
