// Reads a Twilio list envelope: the records under its key and the link to the next page, in either API's shape.
import type { JsonObjects, ParsedJson } from '../parse-json-bytes.js';
import { TwilioEnvelopeError } from './twilio-errors.js';

export interface Envelope {
  /** Parsed, or checked and left as bytes when the body was parsed leaving the envelope key. */
  readonly records: unknown[] | JsonObjects;
  /** `next_page_uri` (2010, relative) or `meta.next_page_url` (v1, absolute) as Twilio gave it; null at the end. */
  readonly next: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function link(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * 2010 lists carry `next_page_uri` beside the records (older ones also `total`, `num_pages`, `last_page_uri`,
 * which are ignored); v1 lists carry `meta.next_page_url`. Anything else around the records is left alone.
 */
export function readEnvelope({ value: body, left }: ParsedJson, envelopeKey: string, path: string): Envelope {
  const records = left ?? (isRecord(body) ? body[envelopeKey] : undefined);
  if (!isRecord(body) || (left === undefined && !Array.isArray(records))) {
    const found = isRecord(body) ? Object.keys(body).slice(0, 12).join(', ') || 'nothing' : `a JSON ${Array.isArray(body) ? 'array' : typeof body}`;
    throw new TwilioEnvelopeError(
      `Twilio's answer for ${path} has no "${envelopeKey}" list (found: ${found}): the path or envelope key is wrong, or the API changed`,
    );
  }
  const meta = body['meta'];
  const next = isRecord(meta) && 'next_page_url' in meta ? link(meta['next_page_url']) : link(body['next_page_uri']);
  return { records: records as unknown[] | JsonObjects, next };
}
