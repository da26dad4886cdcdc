// The UI's one door to the server: JSON over fetch with the admin token (kept in sessionStorage) as a bearer header.
/* global sessionStorage, fetch */

const tokenKey = 'twilio-source-admin-token';

/** A refused or failed call, with the API's error code and the field at fault. */
export class ApiFailure extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {string | null} field
   */
  constructor(status, code, message, field) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export const getToken = () => sessionStorage.getItem(tokenKey);
/** @param {string} token */
export const setToken = (token) => sessionStorage.setItem(tokenKey, token);
export const forgetToken = () => sessionStorage.removeItem(tokenKey);

/**
 * @param {'GET' | 'POST' | 'PATCH' | 'DELETE'} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<unknown>}
 */
async function request(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { authorization: `Bearer ${getToken() ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  } catch {
    throw new ApiFailure(0, 'network', 'The server did not answer: is `twilio-source serve` still running?', null);
  }
  if (response.status === 204) return null;
  const json = /** @type {unknown} */ (await response.json().catch(() => null));
  if (response.ok) return json;
  const error = /** @type {{ error?: { code?: string, message?: string, field?: string | null } } | null} */ (json)?.error;
  if (response.status === 401) forgetToken();
  throw new ApiFailure(response.status, error?.code ?? 'internal', error?.message ?? `The server answered ${response.status}`, error?.field ?? null);
}

/**
 * @typedef {{ name: string, status: 'success' | 'failed', records: number, pages: number, rowsLoaded: number, error?: string }} CollectionReport
 * @typedef {{ id: string, sourceId: string, trigger: string, status: 'running' | 'success' | 'partial' | 'failed', startedAt: string,
 *   finishedAt: string | null, durationMs: number | null, collections: CollectionReport[], notices: string[], error: string | null }} RunView
 * @typedef {{ id: string, name: string, labels: Record<string, string>, schema: string, accountSid: string, credentialKind: 'auth_token' | 'api_key',
 *   apiKey: string | null, secretMasked: string, subaccount: string | null, includeSubaccounts: boolean, startDate: string | null,
 *   collections: string[], schedule: string, warehouse: string, warehouseSchedule: string, enabled: boolean, createdAt: string,
 *   updatedAt: string, nextRunAt: string | null, lastRun: RunView | null }} SourceView
 * @typedef {{ name: string, rowsLastRun: number, rowsTotal: number, lastSyncAt: string | null, status: 'success' | 'failed' | 'never' }} CollectionOverview
 * @typedef {{ source: SourceView, collections: CollectionOverview[], history: { runId: string, startedAt: string, rows: number, status: string }[] }} SourceOverview
 * @typedef {{ table: string, columns: { name: string, type: string }[] }} TablePreview
 * @typedef {{ accountSid: string, friendlyName: string | null, collections: { name: string, readable: boolean, error?: string }[] }} AuthenticationResult
 */

export const listSources = async () => /** @type {{ sources: SourceView[] }} */ (await request('GET', '/api/sources')).sources;
/** @param {string} id */
export const getSource = async (id) => /** @type {SourceView} */ (await request('GET', `/api/sources/${encodeURIComponent(id)}`));
/** @param {Record<string, unknown>} input */
export const createSource = async (input) => /** @type {SourceView} */ (await request('POST', '/api/sources', input));
/** @param {string} id @param {Record<string, unknown>} patch */
export const updateSource = async (id, patch) => /** @type {SourceView} */ (await request('PATCH', `/api/sources/${encodeURIComponent(id)}`, patch));
/** @param {string} id */
export const deleteSource = async (id) => { await request('DELETE', `/api/sources/${encodeURIComponent(id)}`); };
/** @param {string} id @param {boolean} enabled */
export const setEnabled = async (id, enabled) => /** @type {SourceView} */ (await request('POST', `/api/sources/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`));
/** @param {Record<string, unknown>} credentials */
export const authenticate = async (credentials) => /** @type {AuthenticationResult} */ (await request('POST', '/api/authenticate', credentials));
export const listCollections = async () => /** @type {{ collections: TablePreview[] }} */ (await request('GET', '/api/collections')).collections;
/** @param {string} id @param {boolean} full */
export const triggerRun = async (id, full) => /** @type {RunView} */ (await request('POST', `/api/sources/${encodeURIComponent(id)}/runs`, { full }));
/** @param {string} id @param {number} limit */
export const listRuns = async (id, limit) => /** @type {{ runs: RunView[] }} */ (await request('GET', `/api/runs?source=${encodeURIComponent(id)}&limit=${limit}`)).runs;
/** @param {string} id */
export const getOverview = async (id) => /** @type {SourceOverview} */ (await request('GET', `/api/sources/${encodeURIComponent(id)}/overview`));
