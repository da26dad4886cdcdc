// A collection's itemFields are all that its expand and toRecord read: given only those fields of Twilio's own
// example items, they make the same records as from the whole items.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pickJsonFields } from '../pick-json-fields.js';
import { allCollections } from './all-collections.js';
import { callFeedbackPerCall } from './call-feedback-per-call.js';
import type { Collection } from './collection.js';

type Item = Record<string, unknown>;
type Spec = Record<string, Record<string, { value?: Record<string, unknown> } & Record<string, unknown>>>;
const spec = (name: string): Spec => JSON.parse(readFileSync(new URL(`../../twilio-spec/${name}.json`, import.meta.url), 'utf8')) as Spec;

const insights = spec('voice_insights');
const annotation = insights['annotation_fetch']?.['fetch']?.value;
const summaries = Object.values(insights['summaries_list'] ?? {}).flatMap((example) => (example.value?.['call_summaries'] ?? []) as Item[]);
/** Twilio's example call summaries, and each again carrying Twilio's example annotation. */
const examples: Readonly<Record<string, readonly Item[]>> = {
  call_summaries: [...summaries, ...summaries.map((summary) => ({ ...summary, annotation }))],
  calls: Object.values(spec('calls')['list'] ?? {}).flatMap((page) => (page['calls'] ?? []) as Item[]),
};

/** What a source run makes of an item: expanded (with Twilio's example annotation), then converted. */
function recordOf(collection: Collection, item: Item): { path: string | undefined; record: unknown } {
  const expanded = collection.expand ? collection.expand.combine(item, annotation) : item;
  return { path: collection.expand?.path(item), record: collection.toRecord ? collection.toRecord(expanded) : expanded };
}

describe('itemFields', () => {
  const picking = [...Object.values(allCollections), callFeedbackPerCall].filter((collection) => collection.itemFields !== undefined);
  it('are declared by call feedback, both ways of reading it', () => {
    expect(picking.map((collection) => collection.path)).toEqual([allCollections.call_feedback.path, callFeedbackPerCall.path]);
  });
  for (const collection of picking) {
    it(`of ${collection.name} from ${collection.path} are all it reads of an item`, () => {
      const items = examples[collection.envelopeKey] ?? [];
      expect(items.length, `Twilio's example ${collection.envelopeKey}`).toBeGreaterThan(2);
      const picked = pickJsonFields({ bytes: Buffer.from(JSON.stringify(items)), count: items.length }, collection.itemFields ?? []);
      expect(picked.map((item) => recordOf(collection, item))).toEqual(items.map((item) => recordOf(collection, item)));
      expect(items.some((item) => recordOf(collection, item).record !== null)).toBe(true);
    });
  }
});
