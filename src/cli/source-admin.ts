// How `sources` and `runs` reach the sources: through a running server's API (it holds the embedded store), or the
// store directly when no server runs.
import { dataHome } from '../home.js';
import { createApiClient, type SourceAdmin } from '../server/api-client.js';
import { readAdminToken } from '../server/admin-token.js';
import { readServerFile } from '../server/server-file.js';
import { createLogger } from '../log.js';
import { openSourceService } from '../service/open-source-service.js';
import { NotFoundError, type SourceView } from '../service/source-service.js';

export interface OpenedAdmin {
  readonly admin: SourceAdmin;
  close(): Promise<void>;
}

export async function openSourceAdmin(env: NodeJS.ProcessEnv = process.env): Promise<OpenedAdmin> {
  const home = dataHome(env);
  const server = await readServerFile(home);
  if (server) {
    const token = await readAdminToken(home, env);
    if (token === null) throw new Error(`a server runs at ${server.url} but no admin token was found: set TWILIO_SOURCE_ADMIN_TOKEN to its token`);
    return { admin: createApiClient(server.url, token), close: () => Promise.resolve() };
  }
  return openDirectly(home, env);
}

/** Without the scheduler: a one-off command never starts scheduled runs (a run it triggers ends before it exits). */
async function openDirectly(home: string, env: NodeJS.ProcessEnv): Promise<OpenedAdmin> {
  const opened = await openSourceService({ home, env, logger: createLogger({ level: env['LOG_LEVEL'] ?? 'warn' }), schedule: false });
  return { admin: opened.service, close: () => opened.close() };
}

/** A source named on the command line by its id, schema or name. */
export async function findSource(admin: SourceAdmin, ref: string): Promise<SourceView> {
  const sources = await admin.listSources();
  const byId = sources.find((source) => source.id === ref || source.schema === ref);
  if (byId) return byId;
  const byName = sources.filter((source) => source.name === ref);
  if (byName.length > 1) throw new NotFoundError(`${byName.length} sources are named "${ref}": name one by its id or schema (twilio-source sources list)`);
  if (!byName[0]) throw new NotFoundError(`no source "${ref}": see twilio-source sources list`);
  return byName[0];
}

/** Runs a command's work with the admin open, closing it however the work ends. */
export async function withSourceAdmin<T>(work: (admin: SourceAdmin) => Promise<T>): Promise<T> {
  const opened = await openSourceAdmin();
  try {
    return await work(opened.admin);
  } finally {
    await opened.close();
  }
}
