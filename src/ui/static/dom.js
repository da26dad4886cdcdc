// Tiny DOM builders: every node is created, never parsed from HTML, so no value from the API can become markup.
/* global document, setTimeout */

/** @typedef {string | number | Node | null | undefined | false} Child */
/** @typedef {Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>} Attrs */

/**
 * @param {Element} element
 * @param {Attrs} attrs
 * @param {(Child | Child[])[]} children
 */
function fill(element, attrs, children) {
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (value === true) element.setAttribute(key, '');
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : String(child));
  }
}

/**
 * An HTML element: attributes (`on…` keys add listeners), then children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  fill(element, attrs, children);
  return element;
}

/**
 * An SVG element.
 * @param {string} tag
 * @param {Attrs} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}, ...children) {
  const element = /** @type {SVGElement} */ (document.createElementNS('http://www.w3.org/2000/svg', tag));
  fill(element, attrs, children);
  return element;
}

const numbers = new Intl.NumberFormat('en-US');

/** @param {number} value */
export const formatNumber = (value) => numbers.format(value);

/** @param {string | null | undefined} iso */
export function formatTime(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** @param {number | null | undefined} ms */
export function formatDuration(ms) {
  if (ms === null || ms === undefined) return '—';
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** A status shown as a word with a colour, never by colour alone. @param {string} status */
export const statusBadge = (status) => h('span', { class: `badge badge-${status}` }, status);

/** Says something to screen readers and sighted users alike. @param {string} text */
export function announce(text) {
  const status = document.getElementById('status');
  if (!status) return;
  status.textContent = text;
  // A message is news, not a fixture: it goes after a while unless replaced.
  setTimeout(() => { if (status.textContent === text) status.textContent = ''; }, 10_000);
}
