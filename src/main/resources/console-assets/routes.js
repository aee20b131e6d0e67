// Routes: GET /v1/routes; a runtime route created or replaced with PUT, muted with a merge PATCH, deleted with DELETE.
'use strict';

(() => {
  const form = document.getElementById('route-form');
  const formError = document.getElementById('route-form-error');
  const status = document.getElementById('routes-status');
  const save = document.getElementById('route-save');
  const cancel = document.getElementById('route-cancel');
  const heading = document.getElementById('route-form-heading');
  const input = id => document.getElementById(id);
  let editing = null; // {name, etag} of the route being edited

  function path(name) {
    return '/v1/routes/' + encodeURIComponent(name);
  }

  async function load() {
    const answer = await Console.api('GET', '/v1/routes');
    if (answer.status !== 200) {
      status.textContent = Console.message(answer);
      return;
    }
    const rows = answer.body.routes.map(route => {
      const runtime = route.origin === 'runtime';
      const actions = runtime ? Console.el('div', { class: 'actions' },
        Console.el('button', { type: 'button', class: 'quiet', 'data-action': 'edit', text: 'Edit',
          'aria-label': 'Edit ' + route.name, onclick: () => edit(route.name) }),
        Console.el('button', { type: 'button', class: 'quiet', 'data-action': route.muted ? 'unmute' : 'mute',
          text: route.muted ? 'Unmute' : 'Mute', 'aria-label': (route.muted ? 'Unmute ' : 'Mute ') + route.name,
          onclick: () => mute(route.name, !route.muted) }),
        Console.el('button', { type: 'button', class: 'danger', 'data-action': 'delete', text: 'Delete',
          'aria-label': 'Delete ' + route.name, onclick: event => remove(route.name, event.currentTarget) }))
        : Console.el('span', { class: 'hint', text: 'read-only (configuration file)' });
      return Console.el('tr', { 'data-route': route.name },
        Console.el('th', { scope: 'row', text: route.name }),
        Console.el('td', {}, Console.el('span', { class: 'badge ' + (runtime ? 'live' : 'config'), text: route.origin })),
        Console.el('td', { text: route.targets.join(', ') }),
        Console.el('td', { text: route.strategy + (route.weights ? ' (' + route.weights.join(', ') + ')' : '') }),
        Console.el('td', {}, Console.el('span', { class: 'badge ' + (route.muted ? 'muted' : 'live'),
          'data-state': route.muted ? 'muted' : 'live', text: route.muted ? 'muted' : 'live' })),
        Console.el('td', {}, actions));
    });
    document.querySelector('#routes tbody').replaceChildren(...rows);
  }

  function number(id) {
    const value = input(id).value.trim();
    return value === '' ? undefined : Number(value);
  }

  /** The route body from the form; a field left empty is not sent. Throws naming a field the page cannot read. */
  function body() {
    const route = {
      targets: Console.list(input('route-targets').value) || [],
      strategy: input('route-strategy').value,
      weights: Console.list(input('route-weights').value),
      system_prompt: input('route-system-prompt').value.trim() || undefined,
      temperature: number('route-temperature'),
      max_tokens: number('route-max-tokens'),
      muted: input('route-muted').checked
    };
    if (route.weights) route.weights = route.weights.map(Number);
    const tools = input('route-tools').value.trim();
    if (tools) {
      try {
        route.tools = JSON.parse(tools);
      } catch (e) {
        throw new Error('tools: not valid JSON (' + e.message + ')');
      }
    }
    return route;
  }

  async function submit(event) {
    event.preventDefault();
    Console.clearErrors(form, formError);
    const name = input('route-name').value.trim();
    if (!name) {
      Console.showError(form, formError, 'name: required');
      return;
    }
    let route;
    try {
      route = body();
    } catch (e) {
      Console.showError(form, formError, e.message);
      return;
    }
    // an edit replaces the route only as it was loaded: a change made meanwhile answers 412
    const headers = editing && editing.etag ? { 'If-Match': editing.etag } : undefined;
    const answer = await Console.api('PUT', path(name), route, headers);
    if (answer.status === 200 || answer.status === 201) {
      status.textContent = 'Route ' + name + (answer.status === 201 ? ' created.' : ' saved.');
      reset();
      await load();
    } else {
      Console.showError(form, formError, Console.message(answer));
    }
  }

  async function edit(name) {
    const answer = await Console.api('GET', path(name));
    if (answer.status !== 200) {
      status.textContent = Console.message(answer);
      return;
    }
    const route = answer.body;
    editing = { name, etag: answer.headers.get('ETag') };
    input('route-name').value = name;
    input('route-name').readOnly = true;
    input('route-targets').value = route.targets.join(', ');
    input('route-strategy').value = route.strategy;
    input('route-weights').value = route.weights ? route.weights.join(', ') : '';
    input('route-system-prompt').value = route.system_prompt || '';
    input('route-temperature').value = route.temperature ?? '';
    input('route-max-tokens').value = route.max_tokens ?? '';
    input('route-tools').value = route.tools ? JSON.stringify(route.tools, null, 2) : '';
    input('route-muted').checked = !!route.muted;
    heading.textContent = 'Edit route ' + name;
    save.textContent = 'Save route';
    cancel.hidden = false;
    input('route-targets').focus();
  }

  function reset() {
    editing = null;
    form.reset();
    Console.clearErrors(form, formError);
    input('route-name').readOnly = false;
    heading.textContent = 'New runtime route';
    save.textContent = 'Create route';
    cancel.hidden = true;
  }

  async function mute(name, muted) {
    const answer = await Console.api('PATCH', path(name), { muted },
      { 'Content-Type': 'application/merge-patch+json' });
    status.textContent = answer.status === 200 ? 'Route ' + name + (muted ? ' muted.' : ' unmuted.')
      : Console.message(answer);
    await load();
  }

  async function remove(name, button) {
    // two steps instead of a dialog: the first press asks, the second deletes
    if (button.dataset.confirm !== 'yes') {
      button.dataset.confirm = 'yes';
      button.textContent = 'Confirm delete';
      return;
    }
    const answer = await Console.api('DELETE', path(name));
    status.textContent = answer.status === 204 ? 'Route ' + name + ' deleted.' : Console.message(answer);
    if (editing && editing.name === name) reset();
    await load();
  }

  form.addEventListener('submit', submit);
  cancel.addEventListener('click', reset);
  if (Console.key()) {
    load();
  }
})();
