// The source's form fields, shared by the add-source steps and the settings page: each field has a label, a hint, an
// error slot tied to it with aria-describedby, and reads back the value the API expects.
import { h } from './dom.js';

/** @typedef {import('./api.js').SourceView} SourceView */
/**
 * @typedef {{ element: HTMLElement, read: () => unknown, showError: (message: string | null) => void, focus: () => void }} Field
 */

export const allCollections = ['messages', 'calls', 'conferences', 'addresses', 'transcriptions', 'call_feedback'];

let counter = 0;

/**
 * @param {string} label
 * @param {string} hint
 * @param {(ids: { id: string, describedBy: string }) => HTMLElement} control
 * @param {() => unknown} read
 * @param {boolean} [group] a fieldset with a legend, for radios and checkboxes
 * @returns {Field}
 */
function field(label, hint, control, read, group = false) {
  const id = `f${++counter}`;
  const describedBy = `${id}-hint ${id}-error`;
  const input = control({ id, describedBy });
  const error = h('p', { id: `${id}-error`, class: 'error', hidden: true });
  const hintElement = h('p', { id: `${id}-hint`, class: 'hint' }, hint);
  const element = group
    ? h('fieldset', { class: 'field', 'aria-describedby': describedBy }, h('legend', {}, label), hintElement, input, error)
    : h('div', { class: 'field' }, label && h('label', { for: id }, label), hintElement, input, error);
  const focusable = () => /** @type {HTMLElement | null} */ (element.querySelector('input, textarea, select'));
  return {
    element,
    read,
    showError(message) {
      error.hidden = message === null;
      error.textContent = message ?? '';
      focusable()?.setAttribute('aria-invalid', String(message !== null));
    },
    focus: () => focusable()?.focus(),
  };
}

/**
 * @param {string} label
 * @param {string} hint
 * @param {{ value?: string | null, type?: string, required?: boolean, placeholder?: string, autocomplete?: string, name?: string }} [options]
 */
export function textField(label, hint, options = {}) {
  /** @type {HTMLInputElement | undefined} */
  let input;
  const result = field(label, hint, ({ id, describedBy }) => {
    input = h('input', { id, name: options.name ?? id, type: options.type ?? 'text', value: options.value ?? '', required: options.required ?? false,
      placeholder: options.placeholder, autocomplete: options.autocomplete ?? 'off', spellcheck: 'false', 'aria-describedby': describedBy });
    return input;
  }, () => (input?.value.trim() ? input.value.trim() : undefined));
  return Object.assign(result, { input: /** @type {HTMLInputElement} */ (input) });
}

/** Labels as `key=value` lines. @param {Record<string, string>} labels */
export function labelsField(labels) {
  /** @type {HTMLTextAreaElement | undefined} */
  let area;
  return field('Labels', 'Optional. One per line, as key=value (for example env=prod).', ({ id, describedBy }) => {
    area = h('textarea', { id, name: 'labels', rows: 3, 'aria-describedby': describedBy }, Object.entries(labels).map(([k, v]) => `${k}=${v}`).join('\n'));
    return area;
  }, () => Object.fromEntries((area?.value ?? '').split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const at = line.indexOf('=');
    return at < 0 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  })));
}

/**
 * Radio buttons; `onChange` lets a choice show or hide the fields it governs.
 * @param {string} label
 * @param {string} hint
 * @param {[string, string][]} choices value and label
 * @param {string} value
 * @param {(value: string) => void} [onChange]
 */
export function radioField(label, hint, choices, value, onChange) {
  const name = `r${++counter}`;
  const inputs = choices.map(([choice]) => h('input', { type: 'radio', name, value: choice, checked: choice === value, id: `${name}-${choice}`, onchange: () => onChange?.(choice) }));
  return field(label, hint, () => h('div', { class: 'choices' }, inputs.map((input, i) => h('label', { for: input.id }, input, ` ${choices[i]?.[1] ?? ''}`))),
    () => inputs.find((input) => input.checked)?.value, true);
}

/** @param {readonly string[]} selected */
export function collectionsField(selected) {
  const boxes = allCollections.map((name) => h('input', { type: 'checkbox', name: 'collections', value: name, id: `c-${name}-${++counter}`, checked: selected.includes(name) }));
  return field('Collections', 'The Twilio objects to sync: one table each.', () => h('div', { class: 'choices' }, boxes.map((box) => h('label', { for: box.id }, box, ` ${box.value}`))),
    () => boxes.filter((box) => box.checked).map((box) => box.value), true);
}

/** @param {string} label @param {string} hint @param {boolean} checked */
export function checkboxField(label, hint, checked) {
  /** @type {HTMLInputElement | undefined} */
  let box;
  return field('', hint, ({ id, describedBy }) => {
    box = h('input', { id, type: 'checkbox', checked, 'aria-describedby': describedBy });
    return h('label', { for: id, class: 'inline' }, box, ` ${label}`);
  }, () => box?.checked ?? false);
}

/** Shows only the elements of the chosen option. @param {Record<string, HTMLElement[]>} groups @param {string} chosen */
export function showOnly(groups, chosen) {
  for (const [key, elements] of Object.entries(groups)) for (const element of elements) element.hidden = key !== chosen;
}

/** "Twilio Prod" → twilio_prod, as the server defaults it. @param {string} name */
export const schemaFromName = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^(\d)/, '_$1').slice(0, 63);
