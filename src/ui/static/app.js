// The web UI's entry: asks for the admin token once per browser session, then routes #/… to the pages.
/* global document, window, location, AbortController */
import { ApiFailure, getToken, setToken } from './api.js';
import { renderAddSource } from './add-source.js';
import { h } from './dom.js';
import { renderSourcePage } from './source-page.js';
import { renderSourcesList } from './sources-list.js';

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
let leaving = new AbortController();

/** @param {string} [problem] */
function askToken(problem) {
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'current-password', required: true, 'aria-describedby': 'token-hint' });
  main.replaceChildren(h('h1', {}, 'Admin token'),
    h('form', { class: 'token', onsubmit: (event) => {
      event.preventDefault();
      if (!input.value.trim()) return;
      setToken(input.value.trim());
      void route();
    } },
    h('div', { class: 'field' },
      h('label', { for: 'token' }, 'Admin token'),
      h('p', { id: 'token-hint', class: 'hint' }, 'Printed by twilio-source serve on first start, or TWILIO_SOURCE_ADMIN_TOKEN. Kept in this tab only.'),
      input),
    problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Continue'))));
  input.focus();
}

async function route() {
  leaving.abort();
  leaving = new AbortController();
  if (!getToken()) return askToken();
  const hash = location.hash || '#/';
  const source = /^#\/sources\/([\w-]+)(?:\/(runs|settings))?$/.exec(hash);
  try {
    if (hash === '#/new') renderAddSource(main);
    else if (source?.[1]) await renderSourcePage(main, source[1], source[2] === 'runs' || source[2] === 'settings' ? source[2] : 'overview', leaving.signal);
    else await renderSourcesList(main);
    document.title = `${main.querySelector('h1')?.textContent ?? 'Sources'} · twilio-source`;
    main.focus();
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) return askToken('That token was refused: check it and try again.');
    main.replaceChildren(h('h1', {}, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error)), h('p', {}, h('a', { href: '#/' }, 'Back to sources')));
  }
}

window.addEventListener('hashchange', () => void route());
void route();
