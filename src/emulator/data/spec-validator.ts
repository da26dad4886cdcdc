// Validates JSON against Twilio's own OpenAPI schemas (twilio-spec/): the 2010 API's components and the
// Voice Insights schemas, converted from OpenAPI 3.0 (nullable, $ref siblings) to JSON Schema for ajv.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Schema = Record<string, unknown>;

/**
 * Where Twilio's reference data lives: twilio-spec/ in the repository (from src/ and dist/ alike), a copy of the
 * workspace's shared/twilio, so that a clone alone runs its tests.
 */
const SPEC_DIR = new URL('../../../twilio-spec/', import.meta.url);

const RFC_2822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;

/** OpenAPI 3.0 → JSON Schema: `nullable` becomes a null type, refs point into one `definitions` map. */
function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (node === null || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node as Schema)) {
    if (key.startsWith('x-') || key === 'description' || key === 'example' || key === 'nullable') continue;
    out[key] = key === '$ref' ? String(value).replace('#/components/schemas/', '#/definitions/') : convert(value);
  }
  if (out['format'] === 'uri-map') {
    // Twilio's map of subresource names to URIs: an object of strings (a format cannot say so).
    delete out['format'];
    out['additionalProperties'] = { type: 'string' };
  }
  if ((node as Schema)['nullable'] !== true) return out;
  if (typeof out['$ref'] === 'string') return { anyOf: [{ $ref: out['$ref'] }, { type: 'null' }] };
  if (typeof out['type'] === 'string') return { ...out, type: [out['type'], 'null'] };
  return out;
}

function loadDefinitions(): Schema {
  const read = (name: string) => JSON.parse(readFileSync(new URL(name, SPEC_DIR), 'utf8')) as Schema;
  const api = read('openapi-slice.json') as { components: { schemas: Schema } };
  const insights = read('voice_insights.json') as { schemas: Schema };
  return convert({ ...api.components.schemas, ...insights.schemas }) as Schema;
}

let cache: { ajv: Ajv; definitions: Schema; compiled: Map<string, ValidateFunction> } | undefined;

function validator(): NonNullable<typeof cache> {
  if (cache === undefined) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats.default(ajv, ['date-time', 'uri']);
    ajv.addFormat('date-time-rfc-2822', RFC_2822);
    ajv.addFormat('currency', /^[A-Za-z]{3}$/);
    ajv.addFormat('iso-country-code', /^[A-Z]{2}$/);
    ajv.addFormat('phone-number', /^.+$/);
    const definitions = loadDefinitions();
    ajv.addSchema({ $id: 'twilio', definitions });
    cache = { ajv, definitions, compiled: new Map() };
  }
  return cache;
}

/** Names of the schemas that can be checked: `api.v2010.account.message`, `insights.v1.call_summaries`, … */
export function specSchemaNames(): string[] {
  return Object.keys(validator().definitions);
}

/** The property names a schema declares (to check that a record has exactly Twilio's fields). */
export function specProperties(schemaName: string): string[] {
  const schema = validator().definitions[schemaName] as { properties?: Schema } | undefined;
  return Object.keys(schema?.properties ?? {});
}

/** Errors of `record` against the named schema, one line each; empty when it validates. */
export function validateAgainstSpec(schemaName: string, record: unknown): string[] {
  const v = validator();
  if (!(schemaName in v.definitions)) return [`unknown schema ${schemaName}`];
  let fn = v.compiled.get(schemaName);
  if (fn === undefined) {
    fn = v.ajv.getSchema(`twilio#/definitions/${schemaName}`);
    if (fn === undefined) return [`schema ${schemaName} did not compile`];
    v.compiled.set(schemaName, fn);
  }
  if (fn(record)) return [];
  return (fn.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
