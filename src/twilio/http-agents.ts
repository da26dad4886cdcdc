// The keep-alive connection pools of one Twilio client: one node:http agent and one node:https agent, made on first use.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/**
 * How long an idle socket stays open: undici's default, so connection reuse is what it was with fetch. Node also
 * honours a shorter `Keep-Alive: timeout=N` from the server (minus a second), but only when this is set.
 */
const IDLE_SOCKET_MS = 4_000;

export class HttpAgents {
  readonly #idleSockets: number;
  #http: HttpAgent | undefined;
  #https: HttpsAgent | undefined;

  /** `idleSockets`: how many idle sockets to keep per host; the client's max concurrency, so a steady pool reuses all. */
  constructor(idleSockets: number) {
    this.#idleSockets = idleSockets;
  }

  /**
   * The agent for this URL's protocol. maxSockets stays unbounded: the client's per-account semaphores already cap
   * requests in flight, and several accounts share one host; a queue inside the agent would spend the timeout waiting.
   * Idle sockets are unref'd by Node's agent, so a finished process exits without a close().
   */
  for(url: URL): HttpAgent {
    const options = { keepAlive: true, maxFreeSockets: this.#idleSockets, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' } as const;
    if (url.protocol === 'https:') return (this.#https ??= new HttpsAgent(options));
    return (this.#http ??= new HttpAgent(options));
  }
}
