// A source run: reads every selected collection of every account from Twilio into the hub, in parallel
// windows, and moves each account × collection cursor only once all its batches are durable in the hub.
import type { Collection, CollectionName } from '../collections/collection.js';
import type { Hub } from '../hub/hub.js';
import type { JsonObjects } from '../parse-json-bytes.js';
import { crashPoint } from '../crash-point.js';
import { pickJsonFields } from '../pick-json-fields.js';
import { TwilioNotFoundError } from '../twilio/twilio-errors.js';
import { planListings, type Listing } from './plan-listings.js';
import { runPool } from './run-pool.js';

/** What a source run needs of the Twilio client. */
export interface PageReader {
  /** Each page's records, and their JSON as Twilio sent it when the reader kept it (as TwilioPage does). */
  listPages(path: string, query: Readonly<Record<string, string>>, envelopeKey: string): AsyncIterable<ListedPage>;
  getJson(path: string): Promise<unknown>;
}

export interface ListedPage {
  readonly count: number;
  /** The records' JSON array, each an object, as Twilio sent it. */
  readonly recordsJson?: JsonObjects | undefined;
  records(): readonly unknown[];
}

export interface SourceAccount {
  readonly sid: string;
  /** A subaccount read with its parent's credentials. */
  readonly viaParent: boolean;
}

export interface CollectionProgress {
  readonly collection: CollectionName;
  records: number;
  pages: number;
  listingsDone: number;
  listings: number;
  status: 'running' | 'success' | 'failed';
  error?: string;
}

export interface SourceRunInput {
  readonly reader: PageReader;
  readonly hub: Hub;
  readonly collections: readonly Collection[];
  readonly accounts: readonly SourceAccount[];
  /** Twilio's clock at the start of the run: the new cursor. */
  readonly now: Date;
  readonly lookbackMs: number;
  /** Reset cursors and read from the start date again. */
  readonly full: boolean;
  /** Listings read at once (each is one chain of pages). */
  readonly concurrency: number;
  readonly maxWindows?: number;
  readonly onProgress?: (progress: Readonly<CollectionProgress>) => void;
}

export interface SourceRunReport {
  readonly collections: readonly CollectionProgress[];
  readonly notices: readonly string[];
}

const cursorKey = (accountSid: string, collection: CollectionName): string => `${accountSid}/${collection}`;

export async function runSource(input: SourceRunInput): Promise<SourceRunReport> {
  const { hub, now } = input;
  const state = hub.state.data;
  const startDate = state.startDate === null ? null : new Date(`${state.startDate}T00:00:00Z`);
  const notices: string[] = [];
  const progress = new Map<CollectionName, CollectionProgress>();
  const groups: { collection: Collection; accountSid: string; listings: Listing[]; failed: boolean; left: number }[] = [];

  for (const collection of input.collections) {
    const entry: CollectionProgress = { collection: collection.name, records: 0, pages: 0, listingsDone: 0, listings: 0, status: 'running' };
    progress.set(collection.name, entry);
    for (const account of input.accounts) {
      const cursor = input.full ? undefined : state.cursors[cursorKey(account.sid, collection.name)];
      const from = cursor === undefined ? startDate : new Date(Date.parse(cursor) - input.lookbackMs);
      const plan = planListings({
        collection,
        accountSid: account.sid,
        viaParent: account.viaParent,
        now,
        from,
        incremental: cursor !== undefined,
        maxWindows: input.maxWindows ?? 16,
      });
      notices.push(...plan.notices);
      groups.push({ collection, accountSid: account.sid, listings: plan.listings, failed: false, left: plan.listings.length });
      entry.listings += plan.listings.length;
    }
  }

  const work = groups.flatMap((group) => group.listings.map((listing) => ({ group, listing })));
  await runPool(work, input.concurrency, async ({ group, listing }) => {
    const entry = progress.get(group.collection.name) as CollectionProgress;
    try {
      if (!group.failed) await readListing(input, listing, entry);
      if (--group.left === 0 && !group.failed) {
        crashPoint('source:before-cursor');
        await hub.state.update((data) => void (data.cursors[cursorKey(group.accountSid, group.collection.name)] = now.toISOString()));
      }
    } catch (error) {
      group.failed = true;
      entry.status = 'failed';
      entry.error ??= error instanceof Error ? error.message : String(error);
    }
    entry.listingsDone++;
    if (entry.listingsDone === entry.listings && entry.status === 'running') entry.status = 'success';
    input.onProgress?.(entry);
  });
  return { collections: [...progress.values()], notices };
}

async function readListing(input: SourceRunInput, listing: Listing, entry: CollectionProgress): Promise<void> {
  const { collection, stopBefore: stop } = listing;
  // The next page is requested while the last batch is made durable; one batch in flight per listing bounds memory.
  let appending: Promise<unknown> = Promise.resolve();
  try {
    for await (const page of input.reader.listPages(listing.path, listing.query, collection.envelopeKey)) {
      // Records exactly as listed go to the hub as Twilio's own bytes, never parsed here: the warehouse run parses
      // them once, as it loads them, so they do not outlive a page in memory.
      const listed = collection.toRecord === undefined && collection.expand === undefined ? page.recordsJson : undefined;
      const records = listed ?? (await recordsOf(input.reader, collection, itemsOf(page, collection)));
      const count = Array.isArray(records) ? records.length : page.count;
      if (count > 0) {
        await appending;
        crashPoint('source:before-append');
        appending = input.hub.append(collection.name, { accountSid: listing.accountSid, receivedAt: new Date().toISOString(), records });
        // Awaited before the next append and at the end; until then its failure must not count as unhandled.
        appending.catch(() => undefined);
      }
      entry.pages++;
      entry.records += count;
      input.onProgress?.(entry);
      // Leaving the loop ends the page chain: the pages after this one are older still.
      if (stop !== undefined) {
        const items = page.records().filter(isObject);
        if (items.length > 0 && items.every((item) => isBefore(item[stop.field], stop.at))) break;
      }
    }
  } finally {
    // A listing is over only once its last batch is durable (or has failed, which fails the listing).
    await appending;
  }
}

/** A page's items, each cut down to the collection's itemFields when it has them. */
function itemsOf(page: ListedPage, collection: Collection): Record<string, unknown>[] {
  const fields = collection.itemFields;
  if (fields !== undefined && page.recordsJson !== undefined) return pickJsonFields(page.recordsJson, fields);
  return page.records().filter(isObject);
}

/** A page's items as the collection's records: expanded, then converted (those it drops left out). */
async function recordsOf(reader: PageReader, collection: Collection, items: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const expanded = collection.expand ? await Promise.all(items.map((item) => expand(reader, collection, item))) : items;
  const records: Record<string, unknown>[] = [];
  for (const item of expanded) {
    const record = collection.toRecord ? collection.toRecord(item) : item;
    if (record !== null) records.push(record);
  }
  return records;
}

/** Whether a Twilio date (RFC 2822 or ISO 8601) is before `at`; a missing or unreadable one is not. */
function isBefore(value: unknown, at: Date): boolean {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(time) && time < at.getTime();
}

/** An item fetched again at its own path (the client caps how many at once); a 404 means it has none. */
async function expand(reader: PageReader, collection: Collection, item: Record<string, unknown>): Promise<Record<string, unknown>> {
  const expansion = collection.expand as NonNullable<Collection['expand']>;
  const fetched = await reader.getJson(expansion.path(item)).catch((error: unknown) => {
    if (error instanceof TwilioNotFoundError) return null;
    throw error;
  });
  return expansion.combine(item, fetched);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
