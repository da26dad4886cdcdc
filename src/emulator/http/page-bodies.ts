// Page bodies written straight into a string (envelope first, records last): the hot path of every listing.
import type { PagingRequest, ReadPage } from './paging.js';

/** The 2010-04-01 envelope: `{ end, first_page_uri, next_page_uri, page, page_size, previous_page_uri, start, uri, <key>: [...] }`. */
export function envelope2010Body(key: string, paging: PagingRequest, page: ReadPage): string {
  const { links } = page;
  return (
    `{"end":${page.end},"first_page_uri":${JSON.stringify(links.first)},"next_page_uri":${JSON.stringify(links.next)},` +
    `"page":${paging.page},"page_size":${paging.pageSize},"previous_page_uri":${JSON.stringify(links.previous)},` +
    `"start":${page.start},"uri":${JSON.stringify(links.current)},"${key}":${JSON.stringify(page.records)}}`
  );
}

/** The v1 envelope: `{ meta: { page, page_size, first_page_url, previous_page_url, next_page_url, key, url }, <key>: [...] }`. */
export function envelopeV1Body(key: string, paging: PagingRequest, page: ReadPage): string {
  const { links } = page;
  return (
    `{"meta":{"page":${paging.page},"page_size":${paging.pageSize},"first_page_url":${JSON.stringify(links.first)},` +
    `"previous_page_url":${JSON.stringify(links.previous)},"next_page_url":${JSON.stringify(links.next)},` +
    `"key":"${key}","url":${JSON.stringify(links.current)}},"${key}":${JSON.stringify(page.records)}}`
  );
}
