// Turns a listing's query parameters into the data layer's ListFilter, with Twilio's date semantics and 400s.
import type { ListFilter } from '../data/emulated-data.js';
import type { ParamRule } from './collection-specs.js';
import { parseTwilioDate } from './parse-twilio-date.js';
import { invalidParameter } from './twilio-api-error.js';

export interface ParsedFilter {
  readonly filter: ListFilter;
  /** The filter parameters as the request gave them, in its order: page URIs repeat them. */
  readonly echo: readonly (readonly [string, string])[];
}

type Range = { gte?: number; lt?: number };

/**
 * Dates: `X=v` is the day (date-only) or the second `v` names. `X>=v` (wire key `X>`) is on or after the start of `v`.
 * `X<=v` (wire key `X<`) with a date-only value includes that whole UTC day ("on and before a specific date", as
 * Twilio documents DateSent); with a date and time it is strictly before that instant (Twilio documents `StartTime<`
 * as "before"), so windows `X>=a&X<=b`, `X>=b&X<=c` tile without overlap.
 */
export function parseListFilter(
  query: readonly (readonly [string, string])[],
  rules: Readonly<Record<string, ParamRule>>,
  defaults: Readonly<Record<string, string>> = {},
): ParsedFilter {
  const equals: Record<string, string | boolean> = {};
  const ranges = new Map<string, Range>();
  const echo: [string, string][] = [];
  const seen = new Set<string>();
  for (const [name, value] of query) {
    const rule = rules[name];
    if (!rule || seen.has(name)) continue; // Twilio ignores parameters it does not know
    seen.add(name);
    echo.push([name, value]);
    if (rule.kind === 'text') equals[rule.field] = value;
    else if (rule.kind === 'enum') {
      if (!rule.values.includes(value)) throw invalidParameter(name, `'${value}' is not one of ${rule.values.join(', ')}`);
      equals[rule.field] = value;
    } else if (rule.kind === 'boolean') {
      const lower = value.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw invalidParameter(name, `'${value}' is not true or false`);
      equals[rule.field] = lower === 'true';
    } else narrow(ranges, rule.field, dateRange(name, value, rule.bound));
  }
  for (const [field, value] of Object.entries(defaults)) if (!(field in equals)) equals[field] = value;
  return {
    filter: {
      ...(Object.keys(equals).length > 0 ? { equals } : {}),
      ...(ranges.size > 0 ? { ranges: [...ranges].map(([field, range]) => ({ field, ...range })) } : {}),
    },
    echo,
  };
}

function dateRange(name: string, value: string, bound: 'on' | 'before' | 'after'): Range {
  const span = parseTwilioDate(value);
  if (!span) throw invalidParameter(name, `'${value}' is not a date; use YYYY-MM-DD, ISO 8601 or RFC 2822`);
  if (bound === 'after') return { gte: span.startMs };
  if (bound === 'before') return { lt: span.dateOnly ? span.endMs : span.startMs };
  return { gte: span.startMs, lt: span.endMs };
}

/** Several bounds on one field all apply: keep the tightest of each. */
function narrow(ranges: Map<string, Range>, field: string, next: Range): void {
  const current = ranges.get(field) ?? {};
  const gte = Math.max(current.gte ?? -Infinity, next.gte ?? -Infinity);
  const lt = Math.min(current.lt ?? Infinity, next.lt ?? Infinity);
  ranges.set(field, { ...(gte > -Infinity ? { gte } : {}), ...(lt < Infinity ? { lt } : {}) });
}
