// Writes an answer with the emulator's Date header, or breaks it on purpose (connection reset, truncated body).
import type { ServerResponse } from 'node:http';

export type BreakKind = 'reset' | 'truncated';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: string,
  date: Date,
  headers: Readonly<Record<string, string>> = {},
  breakWith: BreakKind | null = null,
): void {
  if (res.destroyed) return;
  // Encoded once: the length comes from the bytes, and the socket writes them without converting again.
  const buffer = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': buffer.length,
    Date: date.toUTCString(),
    ...headers,
  });
  if (!breakWith) {
    res.end(buffer);
    return;
  }
  // Announce the full length, send half, then cut: a reset (RST) or a plain close mid-body.
  res.write(buffer.subarray(0, Math.floor(buffer.length / 2)), () => {
    if (breakWith === 'reset') res.socket?.resetAndDestroy();
    else res.socket?.destroy();
  });
}
