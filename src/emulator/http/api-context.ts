// What every API handler gets (the request, who sent it, the current data) and what it returns.
import type { EmulatedData } from '../data/emulated-data.js';
import type { Principal } from './authenticate.js';
import type { PageTokenSigner } from './page-token.js';

export interface ApiContext {
  readonly data: EmulatedData;
  readonly principal: Principal;
  readonly signer: PageTokenSigner;
  /** Changes on every reset, so PageTokens from earlier data are refused. */
  readonly generation: number;
  /** The emulator's own base URL (`http://127.0.0.1:port`), for v1's absolute page URLs. */
  readonly baseUrl: string;
  /** Path segments after the leading '/', percent-decoded. */
  readonly segments: readonly string[];
  readonly query: readonly (readonly [string, string])[];
}

export interface ApiResult {
  readonly status: number;
  readonly body: string;
  /** How many records the body holds: per-record latency is charged on it. */
  readonly records: number;
}

export function jsonResult(value: unknown): ApiResult {
  return { status: 200, body: JSON.stringify(value), records: 1 };
}
