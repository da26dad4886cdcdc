// Every setting of a source as form fields grouped in Segment's steps, read back as the API's input: the whole
// input for a new source, or only what changed for an update (credentials only when typed again).
import { h } from './dom.js';
import { allCollections, checkboxField, collectionsField, labelsField, radioField, schemaFromName, showOnly, textField } from './source-fields.js';

/** @typedef {import('./api.js').SourceView} SourceView */
/** @typedef {import('./source-fields.js').Field} Field */

/** @param {SourceView | null} source */
export function sourceForm(source) {
  const name = textField('Name', 'How this source is called here.', { value: source?.name, required: true, name: 'name' });
  const labels = labelsField(source?.labels ?? {});
  const schema = textField('Schema name', 'The warehouse schema its tables go to: lowercase letters, digits and underscores. Defaults from the name.', { value: source?.schema, name: 'schema' });
  if (!source) {
    let edited = false;
    schema.input.addEventListener('input', () => { edited = schema.input.value !== ''; });
    name.input.addEventListener('input', () => { if (!edited) schema.input.value = schemaFromName(name.input.value); });
  }
  const kept = source ? `Stored as ${source.secretMasked}; leave blank to keep it.` : 'From the Twilio Console; stored encrypted and never shown again.';
  const accountSid = textField('Account SID', 'AC followed by 32 hex digits.', { value: source?.accountSid, required: true, name: 'accountSid' });
  const authToken = textField('Auth Token', kept, { type: 'password', autocomplete: 'new-password', name: 'authToken' });
  const apiKey = textField('API key SID', 'SK followed by 32 hex digits.', { value: source?.apiKey, name: 'apiKey' });
  const apiSecret = textField('API key secret', kept, { type: 'password', autocomplete: 'new-password', name: 'apiSecret' });
  const credentialGroups = { auth_token: [authToken.element], api_key: [apiKey.element, apiSecret.element] };
  const kind = source?.credentialKind ?? 'auth_token';
  const credentialKind = radioField('Authenticate with', 'An Auth Token, or an API key with its secret.', [['auth_token', 'Use an Auth Token'], ['api_key', 'Use an API key']], kind, (chosen) => showOnly(credentialGroups, chosen));
  showOnly(credentialGroups, kind);
  const apiBaseUrl = textField('Twilio API URL', 'Leave blank for Twilio itself; only the emulator and tests set it.', { name: 'apiBaseUrl', placeholder: 'https://api.twilio.com' });

  const subaccount = textField('Subaccount SID', 'Read this subaccount with the main account\'s credentials.', { value: source?.subaccount, name: 'subaccount' });
  const accountsChoice = source?.includeSubaccounts ? 'all' : source?.subaccount ? 'one' : 'main';
  const accounts = radioField('Accounts', 'Which accounts this source reads.', [['main', 'Main account only'], ['all', 'Main account and all its subaccounts'], ['one', 'One subaccount']], accountsChoice, (chosen) => showOnly({ one: [subaccount.element] }, chosen));
  showOnly({ one: [subaccount.element] }, accountsChoice);
  const startDate = textField('Start date', 'Sync records from this date on (first run). Blank: everything Twilio keeps.', { type: 'date', value: source?.startDate, name: 'startDate' });
  const collections = collectionsField(source?.collections ?? allCollections);

  const schedule = textField('Sync schedule', 'An interval (30m, 3h, 1d) or a cron expression such as 0 */3 * * *.', { value: source?.schedule ?? '3h', required: true, name: 'schedule' });
  const warehouse = textField('Warehouse', 'duckdb:PATH or postgres://… Blank: the DuckDB file in the data directory.', { value: source?.warehouse, name: 'warehouse' });
  const warehouseSchedule = textField('Warehouse schedule', 'How often loaded batches are written besides after each sync, such as 1h.', { value: source?.warehouseSchedule ?? '1h', required: true, name: 'warehouseSchedule' });
  const enabled = checkboxField('Enabled', 'An enabled source syncs on its schedule.', source?.enabled ?? true);

  /** The API's field names → the field showing their errors. @type {Record<string, Field>} */
  const fields = { name, labels, schema, accountSid, credentialKind, authToken, apiKey, apiSecret, apiBaseUrl, includeSubaccounts: accounts, subaccount, startDate, collections, schedule, warehouse, warehouseSchedule, enabled };

  const credentials = () => {
    const chosen = credentialKind.read();
    const given = chosen === 'api_key' ? { apiKey: apiKey.read(), apiSecret: apiSecret.read() } : { authToken: authToken.read() };
    return Object.fromEntries(Object.entries({ accountSid: accountSid.read(), ...given, apiBaseUrl: apiBaseUrl.read() }).filter(([, value]) => value !== undefined));
  };

  /** @returns {Record<string, unknown>} */
  const settings = () => ({
    name: name.read() ?? '', labels: labels.read(), schema: schema.read(), accountSid: accountSid.read() ?? '',
    includeSubaccounts: accounts.read() === 'all', subaccount: accounts.read() === 'one' ? subaccount.read() ?? '' : null,
    startDate: startDate.read() ?? null, collections: collections.read(), schedule: schedule.read() ?? '', warehouse: warehouse.read(),
    warehouseSchedule: warehouseSchedule.read() ?? '', enabled: enabled.read(),
  });

  return {
    /** The steps of the add-source flow and of the settings page, in Segment's order. */
    groups: {
      name: [name, labels, schema],
      credentials: [accountSid, credentialKind, authToken, apiKey, apiSecret, h('details', { class: 'advanced' }, h('summary', {}, 'Advanced'), apiBaseUrl.element)],
      sync: [accounts, subaccount, startDate, collections],
      schedule: [schedule, warehouse, warehouseSchedule],
      enable: [enabled],
    },
    fields,
    credentials,
    /** The body of POST /api/sources. */
    createInput: () => Object.fromEntries(Object.entries({ ...settings(), ...credentials() }).filter(([, value]) => value !== undefined)),
    /** The body of PATCH /api/sources/:id: what differs from the source, and credentials only when typed. */
    patchInput() {
      if (!source) throw new Error('patchInput needs a source');
      /** @type {Record<string, unknown>} */
      const patch = {};
      for (const [key, value] of Object.entries(settings())) {
        const before = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (source))[key];
        if (value !== undefined && JSON.stringify(value) !== JSON.stringify(before)) patch[key] = value;
      }
      const typed = credentials();
      for (const key of ['authToken', 'apiSecret', 'apiBaseUrl']) if (typed[key] !== undefined) patch[key] = typed[key];
      if (typed['apiKey'] !== undefined && (typed['apiKey'] !== source.apiKey || typed['apiSecret'] !== undefined)) patch['apiKey'] = typed['apiKey'];
      return patch;
    },
    /** Shows the API's error beside its field and focuses it; false when no field of the form has that name. */
    showError(/** @type {string | null} */ apiField, /** @type {string} */ message) {
      for (const field of Object.values(fields)) field.showError(null);
      const field = apiField ? fields[apiField.split('.')[0] ?? ''] : undefined;
      if (!field) return false;
      field.showError(message);
      field.focus();
      return true;
    },
  };
}
