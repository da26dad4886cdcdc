// UTF-8 text written piece by piece into one buffer that is reused, instead of one large string per file.
//
// Why: a string longer than V8's largest regular object (~128 KB), such as JSON.stringify of a whole page or a `+=`
// rope flattened for writing, is allocated in fresh memory each time and freed after the next GC. On this project's
// machine every such page of memory costs a page fault (~10 µs each, measured: a third of a sync's CPU was system
// time). Small pieces written into a buffer that stays allocated cost none. A lone UTF-16 surrogate is written as
// U+FFFD, as any UTF-8 encoding of JavaScript text makes it.

const INITIAL_BYTES = 1 << 20;
/**
 * Text up to this length is copied byte by byte when it is ASCII: for the short pieces a staged row is made of, a
 * loop costs less than the call into Buffer.write.
 */
const SHORT_TEXT = 64;

export class ByteWriter {
  #buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  #length = 0;

  write(text: string): void {
    // Three bytes per UTF-16 unit is UTF-8's worst case, so the write always fits.
    this.#reserve(text.length * 3);
    if (text.length <= SHORT_TEXT && this.#copyAscii(text)) return;
    this.#length += this.#buffer.write(text, this.#length, 'utf8');
  }

  /** One byte (an ASCII separator or quote). */
  writeByte(byte: number): void {
    this.#reserve(1);
    this.#buffer[this.#length++] = byte;
  }

  writeBytes(bytes: Uint8Array): void {
    this.#reserve(bytes.length);
    this.#buffer.set(bytes, this.#length);
    this.#length += bytes.length;
  }

  /** bytes[start..end), copied in a loop when short: for a field's few bytes, cheaper than a subarray and a set. */
  writeRange(bytes: Uint8Array, start: number, end: number): void {
    this.#reserve(end - start);
    if (end - start > SHORT_TEXT) {
      this.#buffer.set(bytes.subarray(start, end), this.#length);
      this.#length += end - start;
      return;
    }
    const buffer = this.#buffer;
    let at = this.#length;
    for (let i = start; i < end; i++) buffer[at++] = bytes[i] as number;
    this.#length = at;
  }

  /** The bytes written since the last `clear`: a view, valid until the next write or clear. */
  bytes(): Buffer {
    return this.#buffer.subarray(0, this.#length);
  }

  clear(): void {
    this.#length = 0;
  }

  /** Copies ASCII text and returns true; leaves the buffer as it was and returns false at any other character. */
  #copyAscii(text: string): boolean {
    const buffer = this.#buffer;
    let at = this.#length;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) return false;
      buffer[at++] = code;
    }
    this.#length = at;
    return true;
  }

  #reserve(bytes: number): void {
    if (this.#length + bytes <= this.#buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, this.#length + bytes));
    this.#buffer.copy(grown, 0, 0, this.#length);
    this.#buffer = grown;
  }
}
