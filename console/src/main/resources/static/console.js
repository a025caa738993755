'use strict';
// The console's page: reads /api/dashboard every few seconds and draws it. No build step: Chart.js from its WebJar.

const REFRESH_MS = 5000;
const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4b5563', '#65a30d'];
const charts = {};

const number = (value, digits = 1) => value === null || value === undefined ? '–'
    : Number(value).toLocaleString('en', {maximumFractionDigits: digits});
const percent = (value, digits = 2) => value === null || value === undefined ? '–' : number(value * 100, digits) + '%';
const time = (iso) => iso ? new Date(iso).toLocaleTimeString('en-GB') : '';

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => {
    if (name === 'text') node.textContent = value; else node.setAttribute(name, value);
  });
  children.filter(Boolean).forEach(child => node.append(child));
  return node;
}

/** One line chart per canvas, its data replaced at each refresh; data-points tells how many points it drew. */
function draw(id, times, series, unit) {
  const canvas = document.getElementById(id);
  const labels = times.map(time);
  const datasets = Object.entries(series).map(([name, values], i) => ({
    label: name, data: values, borderColor: COLOURS[i % COLOURS.length], backgroundColor: COLOURS[i % COLOURS.length],
    borderWidth: 2, pointRadius: 0, tension: 0.25, spanGaps: true,
  }));
  if (!charts[id]) {
    charts[id] = new Chart(canvas, {
      type: 'line', data: {labels, datasets},
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, interaction: {mode: 'index', intersect: false},
        scales: {y: {beginAtZero: true, title: {display: !!unit, text: unit}}, x: {ticks: {maxTicksLimit: 8}}},
        plugins: {legend: {position: 'bottom', labels: {boxWidth: 12}}},
      },
    });
  } else {
    charts[id].data.labels = labels;
    charts[id].data.datasets = datasets;
    charts[id].update('none');
  }
  canvas.dataset.points = datasets.reduce((sum, d) => sum + d.data.filter(v => v !== null).length, 0);
}

function services(view) {
  const body = document.querySelector('#services tbody');
  body.replaceChildren(...view.services.map(service => {
    const down = service.instanceStates.filter(i => !i.up);
    const health = element('td', {class: down.length ? (service.up ? 'warn' : 'bad') : 'good'},
        `${service.up} of ${service.instances}`);
    down.forEach(i => health.append(element('div', {class: 'problem', text: `${i.id}: ${i.problem}`})));
    const errors = element('td', {class: service.errorRatio > 0 ? 'bad' : '', text: percent(service.errorRatio)});
    return element('tr', {'data-service': service.name, 'data-up': service.up},
        element('th', {scope: 'row', text: service.name}), health,
        element('td', {text: number(service.requestsPerSecond, 2)}), errors,
        element('td', {text: service.meanLatencyMillis === null ? '–' : number(service.meanLatencyMillis) + ' ms'}),
        element('td', {class: service.outboxBacklog > 0 ? 'warn' : '', text: number(service.outboxBacklog, 0)}),
        element('td', {class: service.deadLetters > 0 ? 'bad' : '', text: number(service.deadLetters, 0)}),
        element('td', {text: number(service.consumerLag, 0)}),
        element('td', {class: service.openBreakers > 0 ? 'bad' : '', text: number(service.openBreakers, 0)}),
        element('td', {text: service.heapMegabytes === null ? '–' : number(service.heapMegabytes, 0) + ' MB'}));
  }));
}

function objectives(view) {
  document.getElementById('objectives-note').textContent = view.alertingSpeedUp > 1
      ? `Alert windows run ${view.alertingSpeedUp} times faster than slos.yaml says (console.alerting-speed-up): a drill.`
      : 'Evaluated by the console from its own history, as the generated Prometheus rules evaluate them.';
  document.getElementById('objectives').replaceChildren(...view.objectives.map(objective => {
    const remaining = objective.budgetRemaining;
    const bar = element('div', {class: 'budget', role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': 100,
      'aria-valuenow': remaining === null ? 100 : Math.round(Math.max(0, remaining) * 100),
      'aria-label': `Error budget remaining for ${objective.name}`});
    bar.append(element('span', {style: `width:${remaining === null ? 100 : Math.max(0, Math.min(1, remaining)) * 100}%`,
      class: remaining !== null && remaining < 0.25 ? 'low' : ''}));
    const rates = element('table', {class: 'rates'},
        element('thead', {}, element('tr', {}, element('th', {scope: 'col', text: 'Window'}),
            element('th', {scope: 'col', text: 'Error ratio'}), element('th', {scope: 'col', text: 'Burn rate'}))),
        element('tbody', {}, ...objective.burnRates.map(rate => element('tr', {},
            element('td', {text: rate.window}), element('td', {text: percent(rate.errorRatio)}),
            element('td', {class: rate.burnRate > 1 ? 'bad' : '', text: rate.burnRate === null ? '–' : number(rate.burnRate, 2) + '×'})))));
    const alerts = element('p', {class: 'alert-states'}, ...objective.alerts.map(alert =>
        element('span', {class: 'state ' + alert.state.toLowerCase(), text: `${alert.severity}: ${alert.state.toLowerCase()}`})));
    return element('article', {class: 'card', 'data-objective': objective.name},
        element('h3', {text: objective.name}), element('p', {class: 'quiet', text: objective.description}),
        element('p', {text: `Target ${objective.target}; budget remaining `},
            element('strong', {class: 'budget-remaining', text: remaining !== null && remaining < 0
                ? `0% (${number(1 - remaining, 1)}× the budget spent)` : percent(remaining, 1)}),
            ` (error ratio ${percent(objective.budgetErrorRatio, 3)} over ${objective.budgetWindow})`),
        bar, rates, alerts);
  }));
}

function alerts(view) {
  document.getElementById('firing-list').replaceChildren(...view.firing.map(alert =>
      element('li', {'data-alert': alert.alert, 'data-severity': alert.severity},
          element('strong', {text: alert.alert}), ` (${alert.severity}) — ${alert.objective} burns its error budget too fast, since ${time(alert.since)}`)));
  document.getElementById('no-firing').hidden = view.firing.length > 0;
  document.getElementById('firing').classList.toggle('on', view.firing.length > 0);
  document.querySelector('#alert-history tbody').replaceChildren(...view.alertHistory.map(event => element('tr', {},
      element('td', {text: event.alert}), element('td', {text: event.severity}), element('td', {text: time(event.fired)}),
      element('td', {text: event.resolved ? time(event.resolved) : 'firing'}))));
  if (!view.alertHistory.length) {
    document.querySelector('#alert-history tbody').append(element('tr', {}, element('td', {colspan: 4, class: 'quiet', text: 'No alert has fired since the console started.'})));
  }
}

function orders(view) {
  const list = (id, traces, describe) => document.getElementById(id).replaceChildren(...(traces.length ? traces.map(trace =>
      element('li', {}, element('a', {href: trace.link, target: '_blank', rel: 'noopener', text: trace.orderId || trace.traceId}),
          ' ' + describe(trace))) : [element('li', {class: 'quiet', text: 'none'})]));
  list('slowest-orders', view.orders.slowest, trace => `${number(trace.durationMillis / 1000, 1)} s`);
  list('failed-orders', view.orders.failed, trace => [trace.error ? 'error' : null, ...trace.outcomes].filter(Boolean).join(', '));
  const problem = document.getElementById('orders-problem');
  problem.hidden = !view.orders.problem;
  problem.textContent = view.orders.problem || '';
  const zipkin = document.getElementById('zipkin-link');
  if (view.orders.search) {
    zipkin.href = view.orders.search.replace(/\?.*$/, '');
    zipkin.hidden = false;
  }
}

function totals(view) {
  const t = view.totals;
  const revenue = Object.entries(t.revenue).map(([currency, amount]) => `${number(amount, 2)} ${currency}`).join(', ') || 'no revenue';
  document.getElementById('totals').textContent = `over ${view.charts.span}: ${number(t.placed, 0)} placed, `
      + `${number(t.ended.delivered, 0)} delivered, ${number(t.ended.rejected, 0)} rejected, ${number(t.ended.cancelled, 0)} cancelled; ${revenue}`;
}

async function refresh() {
  const span = document.getElementById('span').value;
  const status = document.getElementById('status');
  try {
    const answer = await fetch('/api/dashboard?span=' + encodeURIComponent(span), {headers: {Accept: 'application/json'}});
    if (answer.status === 401 || answer.redirected) {
      status.textContent = 'Signed out: reload the page to sign in again.';
      return;
    }
    if (!answer.ok) {
      status.textContent = `The console answered ${answer.status}.`;
      return;
    }
    const view = await answer.json();
    status.textContent = `Updated ${time(view.at)} · scraping every ${view.scrapeInterval} · history ${view.historySpan}`;
    services(view);
    objectives(view);
    alerts(view);
    orders(view);
    totals(view);
    const c = view.charts;
    draw('orders-chart', c.times, c.ordersPerMinute, 'orders/min');
    draw('revenue-chart', c.times, c.revenuePerMinute, 'per min');
    draw('completion-chart', c.times, c.completionSeconds, 'seconds');
    draw('stock-chart', c.times, c.stockPerMinute, 'per min');
    draw('requests-chart', c.times, c.requestsPerSecond, 'requests/s');
    draw('errors-chart', c.times, c.errorsPerSecond, 'errors/s');
    draw('backlogs-chart', c.times, c.backlogs, '');
    document.body.dataset.loaded = 'true';
  } catch (e) {
    status.textContent = 'The console cannot be reached: ' + e.message;
  }
}

document.getElementById('span').addEventListener('change', refresh);
refresh();
setInterval(refresh, REFRESH_MS);
