// Virtual keys: GET /v1/keys (and /v1/keys/{id} for a key's usage), POST /v1/keys, DELETE /v1/keys/{id}.
// While the gateway serves no /v1/keys (404), the page says keys are not available.
'use strict';

(() => {
  const form = document.getElementById('key-form');
  const formError = document.getElementById('key-form-error');
  const status = document.getElementById('keys-status');
  const input = id => document.getElementById(id);

  function path(id) {
    return '/v1/keys/' + encodeURIComponent(id);
  }

  /** The list, whether answered as an array or inside {"data": [...]} or {"keys": [...]}. */
  function keysOf(body) {
    if (Array.isArray(body)) return body;
    return (body && (body.data || body.keys)) || [];
  }

  function money(value) {
    return value === null || value === undefined ? '–' : '$' + Number(value).toFixed(value < 1 ? 4 : 2);
  }

  function limits(key) {
    const parts = [];
    if (key.rpm) parts.push(key.rpm + ' req/min');
    if (key.tpm) parts.push(key.tpm + ' tokens/min');
    if (key.max_concurrent) parts.push(key.max_concurrent + ' at once');
    return parts.length ? parts.join(', ') : 'none';
  }

  function spend(key) {
    const usage = key.usage || {};
    const spent = usage.cost_usd || 0;
    if (key.budget_usd === null || key.budget_usd === undefined) {
      return Console.el('span', { text: money(spent) + ' (no budget)' });
    }
    const label = money(spent) + ' of ' + money(key.budget_usd) + (key.budget_period ? ' / ' + key.budget_period : '');
    return Console.el('div', { class: 'spend' },
      Console.el('meter', { min: '0', max: String(key.budget_usd || 1e-9), high: String((key.budget_usd || 0) * 0.8),
        value: String(Math.min(spent, key.budget_usd)), 'aria-label': 'Spend of ' + key.name + ': ' + label }),
      Console.el('span', { text: label }));
  }

  async function withUsage(key) {
    if (key.usage) return key;
    const answer = await Console.api('GET', path(key.id));
    return answer.status === 200 ? answer.body : key;
  }

  async function load() {
    const answer = await Console.api('GET', '/v1/keys');
    if (answer.status === 404) {
      input('keys-unavailable').hidden = false;
      input('keys-content').hidden = true;
      return;
    }
    input('keys-content').hidden = false;
    if (answer.status !== 200) {
      status.textContent = Console.message(answer);
      return;
    }
    const keys = await Promise.all(keysOf(answer.body).map(withUsage));
    const rows = keys.map(key => Console.el('tr', { 'data-key': key.name, 'data-id': key.id },
      Console.el('th', { scope: 'row', text: key.name }),
      Console.el('td', { text: [key.routes && key.routes.length ? 'routes: ' + key.routes.join(', ') : '',
        key.models && key.models.length ? 'models: ' + key.models.join(', ') : ''].filter(s => s).join('; ') || 'all' }),
      Console.el('td', { text: limits(key) }),
      Console.el('td', {}, spend(key)),
      Console.el('td', { text: key.expires_at ? new Date(key.expires_at).toLocaleString() : 'never' }),
      Console.el('td', {}, Console.el('button', { type: 'button', class: 'danger', 'data-action': 'revoke',
        text: 'Revoke', 'aria-label': 'Revoke ' + key.name, onclick: event => revoke(key, event.currentTarget) }))));
    document.querySelector('#keys tbody').replaceChildren(...rows);
    if (!rows.length) {
      document.querySelector('#keys tbody').replaceChildren(Console.el('tr', {},
        Console.el('td', { colspan: '6', class: 'hint', text: 'No keys yet.' })));
    }
  }

  function number(id) {
    const value = input(id).value.trim();
    return value === '' ? undefined : Number(value);
  }

  function body() {
    const key = {
      name: input('key-name').value.trim(),
      routes: Console.list(input('key-routes').value),
      models: Console.list(input('key-models').value),
      rpm: number('key-rpm'),
      tpm: number('key-tpm'),
      max_concurrent: number('key-max-concurrent'),
      budget_usd: number('key-budget'),
      budget_period: input('key-budget-period').value || undefined,
      expires_at: input('key-expires').value ? new Date(input('key-expires').value).toISOString() : undefined
    };
    const metadata = input('key-metadata').value.trim();
    if (metadata) {
      try {
        key.metadata = JSON.parse(metadata);
      } catch (e) {
        throw new Error('metadata: not valid JSON (' + e.message + ')');
      }
    }
    return key;
  }

  async function submit(event) {
    event.preventDefault();
    Console.clearErrors(form, formError);
    let key;
    try {
      key = body();
    } catch (e) {
      Console.showError(form, formError, e.message);
      return;
    }
    if (!key.name) {
      Console.showError(form, formError, 'name: required');
      return;
    }
    const answer = await Console.api('POST', '/v1/keys', key);
    if (answer.status === 201 || answer.status === 200) {
      form.reset();
      input('key-secret-name').textContent = answer.body.name;
      input('key-secret-value').value = answer.body.key;
      input('key-secret').hidden = false;
      input('key-secret-value').focus();
      input('key-secret-value').select();
      await load();
    } else {
      Console.showError(form, formError, Console.message(answer));
    }
  }

  async function revoke(key, button) {
    if (button.dataset.confirm !== 'yes') {
      button.dataset.confirm = 'yes';
      button.textContent = 'Confirm revoke';
      return;
    }
    const answer = await Console.api('DELETE', path(key.id));
    status.textContent = answer.status === 204 ? 'Key ' + key.name + ' revoked.' : Console.message(answer);
    await load();
  }

  input('key-secret-copy').addEventListener('click', event =>
    Console.copy(input('key-secret-value').value, event.currentTarget));
  input('key-secret-done').addEventListener('click', () => {
    // the secret leaves the page: it is never shown again
    input('key-secret-value').value = '';
    input('key-secret').hidden = true;
  });
  form.addEventListener('submit', submit);
  if (Console.key()) {
    load();
  }
})();
