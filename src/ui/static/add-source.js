// The add-source flow in Segment's steps: name → credentials and Authenticate → selective sync → the tables it will
// create → schedule → enable and create. Nothing is saved before the last step.
/* global location */
import { ApiFailure, authenticate, createSource, listCollections } from './api.js';
import { announce, h } from './dom.js';
import { sourceForm } from './source-form.js';

/** @typedef {import('./source-fields.js').Field} Field */

const stepTitles = ['Name', 'Credentials', 'Selective sync', 'Schema', 'Schedule', 'Enable'];

/** @param {HTMLElement} main */
export function renderAddSource(main) {
  const form = sourceForm(null);
  /** @type {string | null} the credentials last authenticated, so that changing them asks again */
  let authenticated = null;
  const authResult = h('div', { class: 'auth-result', role: 'status' });
  const preview = h('div', { class: 'preview' });
  const formError = h('p', { class: 'error', role: 'alert', hidden: true });

  const authenticateButton = h('button', { type: 'button', onclick: () => void check() }, 'Authenticate');
  async function check() {
    authResult.textContent = 'Checking with Twilio…';
    form.showError(null, '');
    try {
      const result = await authenticate(form.credentials());
      authenticated = JSON.stringify(form.credentials());
      const unreadable = result.collections.filter((c) => !c.readable);
      authResult.replaceChildren(h('p', { class: 'ok' }, `Authenticated: ${result.friendlyName ?? result.accountSid}.`));
      if (unreadable.length) authResult.append(h('p', {}, `Not readable with these credentials: ${unreadable.map((c) => `${c.name}${c.error ? ` (${c.error})` : ''}`).join(', ')}.`));
    } catch (error) {
      authenticated = null;
      authResult.replaceChildren(h('p', { class: 'error' }, 'Not authenticated.'));
      if (!(error instanceof ApiFailure) || !form.showError(error.field, error.message)) authResult.append(h('p', { class: 'error' }, String(error instanceof Error ? error.message : error)));
    }
  }

  const nodes = (/** @type {(Field | HTMLElement)[]} */ items) => items.map((item) => (item instanceof HTMLElement ? item : item.element));
  const bodies = [
    nodes(form.groups.name),
    [...nodes(form.groups.credentials), h('div', { class: 'actions' }, authenticateButton), authResult],
    nodes(form.groups.sync),
    [h('p', {}, 'These tables and columns will be created in the warehouse when the first sync runs. Nothing has been created yet.'), preview],
    nodes(form.groups.schedule),
    [...nodes(form.groups.enable), h('p', {}, 'Creating the source saves it; when enabled, it syncs on its schedule, or now with Sync now.')],
  ];
  const steps = bodies.map((body, index) => h('section', { class: 'step', 'aria-labelledby': `step-${index}`, hidden: index > 0 },
    h('h2', { id: `step-${index}`, tabindex: -1 }, `Step ${index + 1} of ${stepTitles.length}: ${stepTitles[index] ?? ''}`), body));
  const stepList = h('ol', { class: 'steps' }, stepTitles.map((title) => h('li', {}, title)));
  const back = h('button', { type: 'button', class: 'secondary', onclick: () => go(current - 1) }, 'Back');
  const next = h('button', { type: 'submit' }, 'Next');
  let current = 0;

  /** @param {number} index */
  function go(index) {
    current = Math.max(0, Math.min(index, steps.length - 1));
    steps.forEach((step, i) => { step.hidden = i !== current; });
    [...stepList.children].forEach((item, i) => (i === current ? item.setAttribute('aria-current', 'step') : item.removeAttribute('aria-current')));
    back.hidden = current === 0;
    next.textContent = current === steps.length - 1 ? 'Create source' : 'Next';
    if (current === 3) void showPreview();
    steps[current]?.querySelector('h2')?.focus();
  }

  async function showPreview() {
    const chosen = /** @type {string[]} */ (form.fields['collections']?.read() ?? []);
    const schema = /** @type {string | undefined} */ (form.fields['schema']?.read()) ?? 'the schema';
    const tables = (await listCollections()).filter((table) => chosen.includes(table.table));
    preview.replaceChildren(...tables.map((table) => h('details', { class: 'table-preview' },
      h('summary', {}, `${schema}.${table.table} — ${table.columns.length} columns`),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Column'), h('th', { scope: 'col' }, 'Type'))),
        h('tbody', {}, table.columns.map((column) => h('tr', {}, h('td', {}, column.name), h('td', {}, column.type))))))));
  }

  /** Where a field lives, to show the server's error on its step. @param {string | null} apiField */
  const stepOf = (apiField) => {
    const name = apiField?.split('.')[0] ?? '';
    const groups = [form.groups.name, form.groups.credentials, form.groups.sync, [], form.groups.schedule, form.groups.enable];
    return groups.findIndex((group) => group.some((item) => form.fields[name] === item || (name === 'includeSubaccounts' && item === form.fields['subaccount'])));
  };

  /** @param {SubmitEvent} event */
  async function submit(event) {
    event.preventDefault();
    formError.hidden = true;
    if (current === 0 && !form.fields['name']?.read()) {
      form.showError('name', 'Give the source a name.');
      return;
    }
    if (current === 1 && authenticated !== JSON.stringify(form.credentials())) {
      form.showError(null, '');
      authResult.replaceChildren(h('p', { class: 'error' }, 'Authenticate these credentials before going on.'));
      authenticateButton.focus();
      return;
    }
    if (current < steps.length - 1) return go(current + 1);
    try {
      const source = await createSource(form.createInput());
      announce(`Source ${source.name} created.`);
      location.hash = `#/sources/${source.id}`;
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : null;
      const step = stepOf(failure?.field ?? null);
      if (failure && step >= 0) {
        go(step);
        form.showError(failure.field, failure.message);
      } else {
        formError.textContent = error instanceof Error ? error.message : String(error);
        formError.hidden = false;
      }
    }
  }

  main.replaceChildren(h('h1', {}, 'Add a Twilio source'), stepList,
    h('form', { class: 'wizard', novalidate: true, onsubmit: (event) => void submit(/** @type {SubmitEvent} */ (event)) }, steps, formError, h('div', { class: 'actions' }, back, next)));
  go(0);
}
