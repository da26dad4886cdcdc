// The service refuses bad input with InvalidInputError naming the field, and changes nothing; schemas default from
// the name and are unique per warehouse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, NotFoundError, type SourceInput } from './source-service.js';
import type { ManagedSourceService } from './create-source-service.js';
import { defaultSchemaName } from './source-fields.js';
import { openServiceFixture, type ServiceFixture } from './testing/service-fixture.js';

const ACCOUNT = `AC${'1'.repeat(32)}`;
const TOKEN = 'token-value-aaaaaaaaaaaaaaaaaaaaaaa';
let fx: ServiceFixture;
let service: ManagedSourceService;
const valid = (overrides: Record<string, unknown> = {}): SourceInput => ({ name: 'Twilio Prod', accountSid: ACCOUNT, authToken: TOKEN, ...overrides });

beforeAll(async () => {
  fx = await openServiceFixture();
  service = await fx.service();
});
afterAll(async () => {
  await fx.dispose();
});

async function expectInvalid(attempt: Promise<unknown>, field: string): Promise<void> {
  const error: unknown = await attempt.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as InvalidInputError).field).toBe(field);
  expect((error as Error).message.startsWith(`${field}: `)).toBe(true);
}

const badInputs: [string, Record<string, unknown>][] = [
  ['name', { name: '   ' }],
  ['accountSid', { accountSid: 'AC123' }],
  ['authToken', { authToken: undefined }],
  ['authToken', { apiKey: `SK${'2'.repeat(32)}`, apiSecret: 'x'.repeat(20) }],
  ['apiSecret', { authToken: undefined, apiKey: `SK${'2'.repeat(32)}` }],
  ['apiKey', { authToken: undefined, apiKey: 'SKnope', apiSecret: 'y'.repeat(20) }],
  ['schema', { schema: 'Bad-Name' }],
  ['subaccount', { subaccount: `AC${'3'.repeat(32)}`, includeSubaccounts: true }],
  ['startDate', { startDate: '2024-02-31' }],
  ['startDate', { startDate: 'yesterday' }],
  ['collections.0', { collections: ['faxes'] }],
  ['collections', { collections: [] }],
  ['schedule', { schedule: 'every day' }],
  ['schedule', { schedule: '0m' }],
  ['schedule', { schedule: '61 * * * *' }],
  ['warehouseSchedule', { warehouseSchedule: '5x' }],
  ['warehouse', { warehouse: 'mysql://db/x' }],
  ['warehouse', { warehouse: 'duckdb:' }],
  ['labels.team', { labels: { team: 5 } }],
  ['apiBaseUrl', { apiBaseUrl: 'not a url' }],
  ['enabled', { enabled: 'yes' }],
  ['colour', { colour: 'blue' }],
];

describe('validation', () => {
  it.each(badInputs)('createSource names %s and adds nothing', async (field, overrides) => {
    await expectInvalid(service.createSource(valid(overrides)), field);
    expect(await service.listSources()).toEqual([]);
  });

  it('refuses a body that is not an object', async () => {
    await expectInvalid(service.createSource(null as unknown as SourceInput), 'input');
  });

  it.each(badInputs.filter(([field]) => !['authToken'].includes(field)))('updateSource names %s and changes nothing', async (field, overrides) => {
    const source = await service.createSource(valid({ name: `Patch ${field} ${Math.random()}` }));
    const before = await service.getSource(source.id);
    const credentialsBefore = await fx.store.getCredentials(source.id);
    await expectInvalid(service.updateSource(source.id, overrides), field);
    expect(await service.getSource(source.id)).toEqual(before);
    expect(await fx.store.getCredentials(source.id)).toEqual(credentialsBefore);
    await service.deleteSource(source.id);
  });

  it('an unknown id is NotFoundError', async () => {
    await expect(service.getSource('src_nope')).rejects.toThrow(NotFoundError);
    await expect(service.updateSource('src_nope', { name: 'x' })).rejects.toThrow(NotFoundError);
    await expect(service.triggerRun('src_nope', { full: false })).rejects.toThrow(NotFoundError);
    await expect(service.listRuns('src_nope', 5)).rejects.toThrow(NotFoundError);
  });

  it('previewTables lists each table with the base and declared columns, and refuses an unknown collection', () => {
    const [messages] = service.previewTables(['messages']);
    expect(messages?.table).toBe('messages');
    expect(messages?.columns.slice(0, 3)).toEqual([{ name: 'id', type: 'text' }, { name: 'received_at', type: 'timestamptz' }, { name: 'uuid_ts', type: 'timestamptz' }]);
    expect(messages?.columns).toContainEqual({ name: 'price', type: 'double' });
    expect(() => service.previewTables(['faxes' as 'messages'])).toThrow(InvalidInputError);
  });
});

describe('schemas', () => {
  it('defaults from the name', () => {
    expect(defaultSchemaName('Twilio Prod')).toBe('twilio_prod');
    expect(defaultSchemaName('  Ünïcode -- Señor 2! ')).toBe('unicode_senor_2');
    expect(defaultSchemaName('2024 account')).toBe('_2024_account');
    expect(defaultSchemaName('!!!')).toBe('twilio');
    expect(defaultSchemaName('x'.repeat(80))).toHaveLength(63);
  });

  it('are unique per warehouse: a second source with the same schema is a conflict and adds nothing', async () => {
    const first = await service.createSource(valid({ name: 'Twilio Prod' }));
    expect(first.schema).toBe('twilio_prod');
    expect(first.warehouse).toMatch(/^duckdb:\/.*warehouse\.duckdb$/);
    const count = (await service.listSources()).length;
    await expect(service.createSource(valid({ name: 'Twilio Prod' }))).rejects.toThrow(ConflictError);
    await expect(service.createSource(valid({ name: 'Other', schema: 'twilio_prod' }))).rejects.toThrow(/schema: "twilio_prod" is already used by "Twilio Prod"/);
    expect((await service.listSources()).length).toBe(count);
    const elsewhere = await service.createSource(valid({ name: 'Twilio Prod', warehouse: `${fx.home}/other.duckdb` }));
    expect(elsewhere.warehouse).toBe(`duckdb:${fx.home}/other.duckdb`);
    const second = await service.createSource(valid({ name: 'Second' }));
    await expect(service.updateSource(second.id, { schema: 'twilio_prod' })).rejects.toThrow(ConflictError);
    expect((await service.getSource(second.id)).schema).toBe('second');
  });

  it('keeps what a patch does not name, and replaces credentials whole', async () => {
    const source = await service.createSource(valid({ name: 'Patchable', labels: { team: 'ops' }, collections: ['messages'], schedule: '30m' }));
    const renamed = await service.updateSource(source.id, { name: 'Patched', warehouse: source.warehouse, authToken: source.secretMasked });
    expect({ ...renamed, updatedAt: source.updatedAt, name: source.name }).toEqual(source);
    const keyed = await service.updateSource(source.id, { apiKey: `SK${'4'.repeat(32)}`, apiSecret: 'secret-of-the-api-key-1234' });
    expect([keyed.credentialKind, keyed.apiKey, keyed.secretMasked]).toEqual(['api_key', `SK${'4'.repeat(32)}`, '••••1234']);
    const back = await service.updateSource(source.id, { authToken: 'another-token-abcdefgh-9876' });
    expect([back.credentialKind, back.apiKey, back.secretMasked]).toEqual(['auth_token', null, '••••9876']);
    const disabled = await service.setEnabled(source.id, false);
    expect([disabled.enabled, disabled.nextRunAt]).toEqual([false, null]);
  });
});
