// Maps an API path to its handler, as api.twilio.com (2010-04-01) and insights.twilio.com (v1) lay them out.
import type { ApiContext, ApiResult } from './api-context.js';
import { fetchAccount, listAccounts } from './account-routes.js';
import { readableAccount } from './authenticate.js';
import { COLLECTIONS_BY_RESOURCE } from './collection-specs.js';
import { fetchFromCollection, listCollection } from './collection-routes.js';
import { fetchAnnotation, listSummaries } from './insights-routes.js';
import { notFound } from './twilio-api-error.js';

const TRANSCRIPTIONS = COLLECTIONS_BY_RESOURCE.get('Transcriptions');

export function routeApi(context: ApiContext, path: string): ApiResult {
  const [root, first, second, third, fourth, fifth, ...rest] = context.segments;
  if (root === 'v1' && first === 'Voice' && third === undefined) {
    if (second === 'Summaries') return listSummaries(context);
  } else if (root === 'v1' && first === 'Voice' && third === 'Annotation' && fourth === undefined && second) {
    return fetchAnnotation(context, second);
  } else if (root === '2010-04-01' && rest.length === 0) {
    if (first === 'Accounts.json' && second === undefined) return listAccounts(context);
    if (first === 'Accounts' && second?.endsWith('.json') && third === undefined) return fetchAccount(context, second.slice(0, -5));
    if (first === 'Accounts' && second && third) return routeAccountResource(context, path, second, third, fourth, fifth);
  }
  throw notFound(path);
}

function routeAccountResource(
  context: ApiContext,
  path: string,
  accountSid: string,
  resource: string,
  sid: string | undefined,
  sub: string | undefined,
): ApiResult {
  const account = readableAccount(context.data, context.principal, accountSid);
  if (sid === undefined && resource.endsWith('.json')) {
    const spec = COLLECTIONS_BY_RESOURCE.get(resource.slice(0, -5));
    if (spec) return listCollection(context, account, spec);
  } else if (sid !== undefined && sub === undefined && sid.endsWith('.json')) {
    const spec = COLLECTIONS_BY_RESOURCE.get(resource);
    if (spec) return fetchFromCollection(context, account, spec, sid.slice(0, -5));
  } else if (resource === 'Recordings' && sid && sub === 'Transcriptions.json' && TRANSCRIPTIONS) {
    return listCollection(context, account, TRANSCRIPTIONS, { path, equals: { recording_sid: sid } });
  }
  // Call Feedback reached end of life on 2023-12-31: its path answers 404 like any unknown resource.
  throw notFound(path);
}
