// Twilio's paging: PageSize/Page/PageToken in, and the page URIs that carry the filters and a signed PageToken out.
import type { ListPage } from '../data/emulated-data.js';
import { formQuery } from './form-encode.js';
import type { PagePosition, PageTokenSigner } from './page-token.js';
import { TwilioApiError, invalidParameter } from './twilio-api-error.js';

export interface PagingRequest {
  readonly pageSize: number;
  readonly page: number;
  readonly token: string | undefined;
}

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

export function parsePaging(query: readonly (readonly [string, string])[]): PagingRequest {
  const get = (name: string): string | undefined => query.find(([key]) => key === name)?.[1];
  const pageSize = integerParam('PageSize', get('PageSize'), DEFAULT_PAGE_SIZE);
  if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw invalidParameter('PageSize', `${pageSize} is out of range; use 1 to ${MAX_PAGE_SIZE}`);
  }
  const page = integerParam('Page', get('Page'), 0);
  const token = get('PageToken');
  if (page > 0 && !token) throw new TwilioApiError(400, 70002, 'Paged requests must include a PageToken');
  return { pageSize, page, token: token === '' ? undefined : token };
}

function integerParam(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value)) throw invalidParameter(name, `'${value}' is not a whole number`);
  return Number(value);
}

/** Everything a listing needs to read one page and write the links to its neighbours. */
export interface PageContext {
  /** Path and filters as they appear in every page link (`/2010-04-01/…/Messages.json`, or a full v1 URL). */
  readonly base: string;
  readonly echo: readonly (readonly [string, string])[];
  readonly paging: PagingRequest;
  readonly signer: PageTokenSigner;
  /** Binds tokens to this data generation and listing. */
  readonly scope: string;
}

export interface ReadPage {
  readonly records: ListPage['records'];
  /** The page URIs, in Twilio's names: `uri`, `first_page_uri`, `next_page_uri` (null on the last page), `previous_page_uri`. */
  readonly links: { readonly current: string; readonly first: string; readonly next: string | null; readonly previous: string | null };
  readonly start: number;
  readonly end: number;
  /** The position the listing was read at (from the PageToken), for listings that freeze values in it. */
  readonly position: PagePosition | null;
}

/**
 * Reads one page through `read` and builds its links. `window` is stored in the tokens so later pages reuse
 * absolute bounds resolved on the first page.
 */
export function readPage(
  context: PageContext,
  read: (position: PagePosition | null, limit: number) => ListPage,
  window?: readonly [number, number],
): ReadPage {
  const { paging, signer } = context;
  const scope = `${context.scope}|${context.base}|${formQuery(context.echo)}`;
  const position = paging.token === undefined ? null : signer.verify(scope, paging.token);
  const page = read(position, paging.pageSize);
  const filters = formQuery(context.echo);
  const base = `${context.base}?${filters ? `${filters}&` : ''}PageSize=${paging.pageSize}`;
  const link = (index: number, next: PagePosition | null): string =>
    `${base}&Page=${index}${next ? `&PageToken=${signer.sign(scope, next)}` : ''}`;
  const frozen = position?.window ?? window;
  const withWindow = (next: PagePosition): PagePosition => (frozen ? { ...next, window: frozen } : next);
  const previous = position?.previous;
  const start = paging.page * paging.pageSize;
  return {
    records: page.records,
    links: {
      current: `${base}&Page=${paging.page}${paging.token ? `&PageToken=${paging.token}` : ''}`,
      first: link(0, null),
      next: page.next === null ? null : link(paging.page + 1, withWindow({ after: page.next, previous: position?.after ?? null })),
      previous:
        paging.page === 0 || previous === undefined
          ? null
          : previous === null
            ? link(0, null)
            : link(paging.page - 1, withWindow({ after: previous })),
    },
    start,
    end: start + Math.max(page.records.length, 1) - 1,
    position,
  };
}
