// The console's shared part: the admin key in session storage (never in a URL, never in the page), and the one
// way the pages call the gateway: the admin API, with that key as a Bearer token, as curl would.
'use strict';

const Console = (() => {
  const KEY = 'switchboard.admin-key';

  function key() {
    return sessionStorage.getItem(KEY);
  }

  function signOut() {
    sessionStorage.removeItem(KEY);
    location.assign('/console');
  }

  /** Calls the gateway; resolves to {status, body, headers} (body parsed when JSON), whatever the status. */
  async function api(method, path, body, headers) {
    const init = { method, headers: Object.assign({ Authorization: 'Bearer ' + key() }, headers || {}) };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      if (!init.headers['Content-Type']) {
        init.headers['Content-Type'] = 'application/json';
      }
    }
    const response = await fetch(path, init);
    let parsed = null;
    const text = await response.text();
    if (text) {
      try { parsed = JSON.parse(text); } catch (e) { parsed = text; }
    }
    if (response.status === 401 && document.body.dataset.page !== 'sign-in') {
      signOut();
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  /** The message of an error answer. */
  function message(answer) {
    const error = answer.body && answer.body.error;
    return error && error.message ? error.message : 'HTTP ' + answer.status;
  }

  /**
   * Shows an API error next to the field it names: the admin API's 400 messages start with the field
   * ("targets[0]: ..."), matched to an element's data-field within the form; else in the form's error line.
   */
  function showError(form, generalError, text) {
    clearErrors(form, generalError);
    const match = /^([A-Za-z_]+)[\[.: ]/.exec(text || '');
    const field = match && form.querySelector('[data-field="' + match[1] + '"]');
    if (field) {
      const slot = document.getElementById(field.getAttribute('aria-describedby'));
      field.setAttribute('aria-invalid', 'true');
      slot.textContent = text;
      field.focus();
    } else {
      generalError.textContent = text;
    }
  }

  function clearErrors(form, generalError) {
    form.querySelectorAll('[aria-invalid]').forEach(el => el.removeAttribute('aria-invalid'));
    form.querySelectorAll('.field-error').forEach(el => { el.textContent = ''; });
    if (generalError) {
      generalError.textContent = '';
    }
  }

  /** A comma-separated input as a list; undefined when empty. */
  function list(value) {
    const items = value.split(',').map(s => s.trim()).filter(s => s.length > 0);
    return items.length ? items : undefined;
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value === undefined || value === null || value === false) return;
      if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : value);
    });
    children.flat().forEach(child => {
      if (child !== undefined && child !== null) node.append(child);
    });
    return node;
  }

  /** Copies text, by the clipboard API where the page may use it, else through a selection. */
  async function copy(text, button) {
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      const area = el('textarea', { class: 'visually-hidden' });
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    const label = button.textContent;
    button.textContent = 'Copied';
    setTimeout(() => { button.textContent = label; }, 1500);
  }

  function signInPage() {
    const form = document.getElementById('sign-in-form');
    const input = document.getElementById('admin-key');
    const error = document.getElementById('sign-in-error');
    input.focus();
    form.addEventListener('submit', async event => {
      event.preventDefault();
      error.textContent = '';
      const candidate = input.value.trim();
      if (!candidate) {
        error.textContent = 'Enter an admin key.';
        return;
      }
      sessionStorage.setItem(KEY, candidate);
      const answer = await api('GET', '/v1/routes');
      if (answer.status === 200) {
        location.assign('/console/overview');
      } else {
        sessionStorage.removeItem(KEY);
        input.setAttribute('aria-invalid', 'true');
        error.textContent = answer.status === 401 ? 'This is not an admin key of this gateway.' : message(answer);
      }
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    const page = document.body.dataset.page;
    if (page === 'sign-in') {
      if (key()) {
        location.replace('/console/overview');
      } else {
        signInPage();
      }
      return;
    }
    if (page !== 'off' && !key()) {
      location.replace('/console');
    }
    const out = document.getElementById('sign-out');
    if (out) {
      out.addEventListener('click', signOut);
    }
  });

  return { key, api, message, showError, clearErrors, list, el, copy };
})();
