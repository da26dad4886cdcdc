// The HTTP API seen from another process (the CLI while `serve` runs): the same calls as the SourceService, the
// same named errors back.
import { z } from 'zod';
import { ConflictError, InvalidInputError, NotFoundError, type RunView, type SourceOverview, type SourceService, type SourceView } from '../service/source-service.js';

/** What the command line needs of the service, whether it is reached directly or over HTTP. */
export type SourceAdmin = Pick<SourceService, 'listSources' | 'getSource' | 'createSource' | 'updateSource' | 'deleteSource' | 'setEnabled' | 'triggerRun' | 'listRuns' | 'overview'>;

export class ApiClientError extends Error {
  override readonly name = 'ApiClientError';
}

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().nullable() }) });

export function createApiClient(baseUrl: string, token: string): SourceAdmin {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, baseUrl), {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new ApiClientError(`the server at ${baseUrl} did not answer: is twilio-source serve still running?`, { cause: error });
    }
    if (response.status === 204) return undefined as T;
    const json: unknown = await response.json().catch(() => null);
    if (response.ok) return json as T;
    const parsed = errorBody.safeParse(json);
    const message = parsed.success ? parsed.data.error.message : `the server answered ${response.status}`;
    if (response.status === 400 && parsed.success && parsed.data.error.field !== null) {
      const { field } = parsed.data.error;
      throw new InvalidInputError(field, message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message);
    }
    if (response.status === 404) throw new NotFoundError(message);
    if (response.status === 409) throw new ConflictError(message);
    if (response.status === 401) throw new ApiClientError(`the server at ${baseUrl} refused the admin token: set TWILIO_SOURCE_ADMIN_TOKEN to the server's token`);
    throw new ApiClientError(`the server at ${baseUrl} failed: ${message}`);
  }
  const source = (id: string): string => `/api/sources/${encodeURIComponent(id)}`;
  return {
    listSources: async () => (await call<{ sources: SourceView[] }>('GET', '/api/sources')).sources,
    getSource: (id) => call('GET', source(id)),
    createSource: (input) => call('POST', '/api/sources', input),
    updateSource: (id, patch) => call('PATCH', source(id), patch),
    deleteSource: (id) => call('DELETE', source(id)),
    setEnabled: (id, enabled) => call('POST', `${source(id)}/${enabled ? 'enable' : 'disable'}`),
    triggerRun: (id, options) => call<RunView>('POST', `${source(id)}/runs`, { full: options.full }),
    listRuns: async (sourceId, limit) => (await call<{ runs: RunView[] }>('GET', `/api/runs?${new URLSearchParams({ ...(sourceId === null ? {} : { source: sourceId }), limit: String(limit) }).toString()}`)).runs,
    overview: (id) => call<SourceOverview>('GET', `${source(id)}/overview`),
  };
}
