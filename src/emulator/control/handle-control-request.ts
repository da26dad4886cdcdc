// Reads a control request's JSON body, runs it, and answers: loopback callers only, no auth, never faulted or delayed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/send-response.js';
import { ControlRequestError, handleControl, type EmulatorState } from './control-api.js';

const MAX_BODY_BYTES = 1 << 20;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function handleControlRequest(state: EmulatorState, req: IncomingMessage, res: ServerResponse, name: string): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  req.once('end', () => {
    try {
      if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
        throw new ControlRequestError(403, 'The control API answers only on the loopback interface');
      }
      if (size > MAX_BODY_BYTES) throw new ControlRequestError(413, 'Control request bodies are limited to 1 MiB');
      const result = handleControl(state, req.method ?? 'GET', name, parseBody(Buffer.concat(chunks).toString('utf8')));
      sendJson(res, result.status, JSON.stringify(result.body), state.data.now());
    } catch (error) {
      const status = error instanceof ControlRequestError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      sendJson(res, status, JSON.stringify({ error: message }), state.data.now());
    }
  });
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ControlRequestError(400, 'The request body is not JSON; send a JSON object', { cause: error });
  }
}
