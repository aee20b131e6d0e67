// The overview: GET /v1/admin/overview every sampling interval, drawn with uPlot (a web jar served by the gateway).
'use strict';

(() => {
  const COLORS = ['#0b5cad', '#c62828', '#1a7f37', '#9a6700', '#8250df', '#bc4c00', '#57606a'];
  const charts = {};
  let errorTypes = [];

  function width(figure) {
    return Math.max(260, figure.querySelector('.plot').clientWidth || figure.clientWidth - 24);
  }

  function format(value, digits) {
    return value === null || value === undefined ? '–' : Number(value).toFixed(digits);
  }

  /** Creates (or re-creates, when its series change) the chart of one figure. */
  function chart(name, labels, data) {
    const figure = document.querySelector('[data-chart="' + name + '"]');
    const existing = charts[name];
    if (existing && existing.labels.join() === labels.join()) {
      existing.plot.setData(data);
    } else {
      if (existing) existing.plot.destroy();
      const series = [{}].concat(labels.map((label, i) => ({
        label, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: false,
        value: (u, v) => format(v, name === 'cost' ? 4 : 2)
      })));
      const options = {
        width: width(figure), height: 180, series,
        axes: [{}, { size: 56 }],
        scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(max || 0, name === 'cost' ? 0.01 : 1)] } },
        legend: { live: false }
      };
      figure.querySelector('.plot').replaceChildren();
      charts[name] = { labels, plot: new uPlot(options, data, figure.querySelector('.plot')) };
    }
    // what the test and a screen reader can read: the latest values, and the peak over the window
    const latest = labels.map((label, i) => label + ' ' + format(data[i + 1][data[0].length - 1], name === 'cost' ? 4 : 2));
    figure.querySelector('.now').textContent = data[0].length ? latest.join(' · ') : 'no samples yet';
    const peak = Math.max(0, ...data.slice(1).flat().filter(v => v !== null && v !== undefined));
    figure.dataset.points = String(data[0].length);
    figure.dataset.peak = String(peak);
  }

  function draw(overview) {
    const samples = overview.samples;
    const x = samples.map(s => s.time / 1000);
    const column = field => samples.map(s => s[field]);
    chart('rps', ['requests/s'], [x, column('requests_per_second')]);
    chart('latency', ['p50', 'p99'], [x, column('latency_p50_ms'), column('latency_p99_ms')]);
    chart('ttft', ['p50', 'p99'], [x, column('time_to_first_token_p50_ms'), column('time_to_first_token_p99_ms')]);
    samples.forEach(s => Object.keys(s.errors_per_second).forEach(type => {
      if (!errorTypes.includes(type)) errorTypes = errorTypes.concat(type).sort();
    }));
    const types = errorTypes.length ? errorTypes : ['errors/s'];
    chart('errors', types, [x].concat(types.map(type => samples.map(s => s.errors_per_second[type] || 0))));
    chart('cost', ['USD/min'], [x, column('cost_usd_per_minute')]);
    document.getElementById('interval').textContent = String(overview.interval_seconds);
    providers(overview.providers);
  }

  function providers(list) {
    const rows = list.map(p => Console.el('tr', { 'data-provider': p.name },
      Console.el('th', { scope: 'row', text: p.name }),
      Console.el('td', { text: p.type }),
      Console.el('td', {}, Console.el('span', { class: 'badge ' + p.circuit_breaker, text: p.circuit_breaker.replace('_', '-') })),
      Console.el('td', { text: p.in_flight + (p.concurrency_limit ? ' / ' + p.concurrency_limit : '') }),
      Console.el('td', { text: p.last_error ? p.last_error + ' at ' + new Date(p.last_error_at).toLocaleTimeString() : '–' })));
    document.querySelector('#providers tbody').replaceChildren(...rows);
  }

  async function refresh() {
    const status = document.getElementById('overview-status');
    let delay = 5000;
    try {
      const answer = await Console.api('GET', '/v1/admin/overview');
      if (answer.status === 200) {
        status.textContent = '';
        draw(answer.body);
        delay = Math.max(1000, answer.body.interval_seconds * 1000);
      } else {
        status.textContent = Console.message(answer);
      }
    } catch (e) {
      status.textContent = 'The gateway did not answer: ' + e.message;
    }
    setTimeout(refresh, delay);
  }

  window.addEventListener('resize', () => Object.entries(charts).forEach(([name, c]) => {
    c.plot.setSize({ width: width(document.querySelector('[data-chart="' + name + '"]')), height: 180 });
  }));

  if (Console.key()) {
    refresh();
  }
})();
