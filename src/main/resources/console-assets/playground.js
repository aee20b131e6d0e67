// The playground: one conversation turn sent to /v1/stream, its server-sent events read as they arrive
// (fetch and a stream reader: EventSource cannot send a key in a header), and the same call as a curl command.
'use strict';

(() => {
  const input = id => document.getElementById(id);
  const form = input('play-form');
  const formError = input('play-error');
  const target = input('play-target');
  const model = input('play-model');
  let running = null;

  async function targets() {
    const [providers, routes] = await Promise.all([Console.api('GET', '/v1/providers'), Console.api('GET', '/v1/routes')]);
    const routeGroup = Console.el('optgroup', { label: 'Routes' });
    const providerGroup = Console.el('optgroup', { label: 'Providers' });
    if (routes.status === 200) {
      routes.body.routes.forEach(r => routeGroup.append(Console.el('option', { value: r.name, 'data-kind': 'route',
        text: r.name + (r.muted ? ' (muted)' : '') })));
    }
    if (providers.status === 200) {
      providers.body.providers.forEach(p => providerGroup.append(Console.el('option', { value: p.name,
        'data-kind': 'provider', 'data-model': p.model || '', text: p.name + ' (' + p.type + ')' })));
    }
    target.replaceChildren(routeGroup, providerGroup);
    const preferred = providers.status === 200 && providers.body.default_provider;
    if (preferred) target.value = preferred;
    targetChanged();
  }

  function targetChanged() {
    const option = target.selectedOptions[0];
    const route = option && option.dataset.kind === 'route';
    model.disabled = route;
    model.placeholder = route ? 'set by the route' : (option && option.dataset.model) || '';
    if (route) model.value = '';
    curl();
  }

  function request() {
    const body = { messages: [{ role: 'user', content: input('play-message').value }] };
    const system = input('play-system').value.trim();
    if (system) body.system_prompt = system;
    const query = new URLSearchParams();
    if (target.value) query.set('provider', target.value);
    if (model.value.trim() && !model.disabled) query.set('model', model.value.trim());
    const q = query.toString();
    return { url: '/v1/stream' + (q ? '?' + q : ''), body };
  }

  function shellQuote(text) {
    return "'" + text.replace(/'/g, "'\\''") + "'";
  }

  /** The same call for a terminal; the key is a placeholder, never the signed-in one. */
  function curl() {
    const { url, body } = request();
    // the URL's query is percent-encoded, so double quotes hold it safely
    input('play-curl').textContent = 'curl -sN "${SWITCHBOARD_URL:-' + location.origin + '}' + url + '" \\\n'
      + '  -H "Authorization: Bearer $SWITCHBOARD_KEY" -H \'Content-Type: application/json\' \\\n  -d '
      + shellQuote(JSON.stringify(body));
  }

  function meta(name, value) {
    if (value === undefined || value === null || value === '') return;
    input('play-meta').append(Console.el('dt', { text: name }), Console.el('dd', { 'data-meta': name, text: String(value) }));
  }

  function reset() {
    input('play-text').textContent = '';
    input('play-thinking').textContent = '';
    input('play-thinking-box').hidden = true;
    input('play-tools').replaceChildren();
    input('play-meta').replaceChildren();
    Console.clearErrors(form, formError);
  }

  function on(event) {
    switch (event.type) {
      case 'text_delta':
        input('play-text').append(event.text);
        break;
      case 'thinking_delta':
        input('play-thinking-box').hidden = false;
        input('play-thinking').append(event.thinking || '');
        break;
      case 'tool_call':
        input('play-tools').append(Console.el('li', {}, Console.el('strong', { text: event.name }), ' ',
          Console.el('code', { text: JSON.stringify(event.arguments) })));
        break;
      case 'done': {
        const m = event.metadata || {};
        const u = event.usage || {};
        meta('finish', event.finish_reason);
        meta('provider', m.provider && m.provider + (m.model ? ' / ' + m.model : ''));
        meta('usage', 'in ' + (u.input_tokens ?? '–') + ', out ' + (u.output_tokens ?? '–')
          + (u.cache_read_tokens ? ', cache read ' + u.cache_read_tokens : '')
          + (u.reasoning_tokens ? ', reasoning ' + u.reasoning_tokens : ''));
        meta('cost', m.cost_usd !== undefined && m.cost_usd !== null ? '$' + Number(m.cost_usd).toFixed(6) : 'not priced');
        meta('attempts', m.attempts);
        meta('muted', m.muted ? 'yes' : undefined);
        meta('request id', m.request_id);
        break;
      }
      case 'error':
        formError.textContent = (event.error && event.error.message) || 'the stream failed';
        meta('request id', event.error && event.error.request_id);
        break;
      default:
    }
  }

  /** Splits the body into server-sent events, handing each one's data over as it completes. */
  async function read(response) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).replace(/^ /, '')).join('\n');
        if (data) on(JSON.parse(data));
      }
    }
  }

  async function send(event) {
    event.preventDefault();
    reset();
    if (!input('play-message').value.trim()) {
      Console.showError(form, formError, 'messages: write a message');
      return;
    }
    const { url, body } = request();
    running = new AbortController();
    input('play-send').disabled = true;
    input('play-stop').disabled = false;
    try {
      const response = await fetch(url, {
        method: 'POST', signal: running.signal, body: JSON.stringify(body),
        headers: { Authorization: 'Bearer ' + Console.key(), 'Content-Type': 'application/json', Accept: 'text/event-stream' }
      });
      if (response.ok) {
        await read(response);
        if (!input('play-meta').querySelector('[data-meta="request id"]')) meta('request id', response.headers.get('X-Request-Id'));
      } else {
        const text = await response.text();
        let message = 'HTTP ' + response.status;
        try { message = JSON.parse(text).error.message; } catch (e) { /* not the error envelope */ }
        Console.showError(form, formError, message);
        meta('request id', response.headers.get('X-Request-Id'));
      }
    } catch (e) {
      formError.textContent = e.name === 'AbortError' ? 'Stopped.' : 'The gateway did not answer: ' + e.message;
    } finally {
      running = null;
      input('play-send').disabled = false;
      input('play-stop').disabled = true;
    }
  }

  target.addEventListener('change', targetChanged);
  ['play-model', 'play-system', 'play-message'].forEach(id => input(id).addEventListener('input', curl));
  input('play-stop').addEventListener('click', () => running && running.abort());
  input('play-curl-copy').addEventListener('click', event => Console.copy(input('play-curl').textContent, event.currentTarget));
  form.addEventListener('submit', send);
  if (Console.key()) {
    targets();
  }
})();
