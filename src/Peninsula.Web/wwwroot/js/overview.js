import { api, className, el, kindName, eventLink, fill, freshness, daysBetween, pct, num, run, status, table, targetName } from './common.js';

const d3 = window.d3;

async function latest(query) {
  const page = await api(`/api/events?limit=1&${query}`);
  return page.events[0] ?? null;
}

function sinceCard(label, event, today, stale) {
  if (!event) {
    return el('div', { class: 'card' }, el('div', { class: 'figure' }, '–'), el('div', { class: 'label' }, `No ${label} in the record.`));
  }
  const last = event.end_date ?? event.date;
  const days = daysBetween(last, today);
  return el('div', { class: 'card' },
    el('div', { class: 'figure', 'data-days': days }, days.toLocaleString('en')),
    el('div', { class: 'label' }, stale ? `days from the last ${label} to the record's end (${today}): ` : `days since the last ${label}: `, eventLink(event.id, last)));
}

function forecastChart(forecasts, axis) {
  const width = 640, barHeight = 26, margin = { top: 8, right: 60, bottom: 42, left: 190 };
  const height = margin.top + margin.bottom + barHeight * forecasts.length;
  const x = d3.scaleLinear().domain([0, 1]).range([margin.left, width - margin.right]);
  const svg = d3.create('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img')
    .attr('aria-label', `Bar chart of the probability of each event within 30 days: ${forecasts.map(f => `${targetName(f.target)} ${pct(f.probability)}`).join(', ')}.`);
  const row = svg.selectAll('g.row').data(forecasts).join('g').attr('class', 'row')
    .attr('transform', (_, i) => `translate(0,${margin.top + i * barHeight})`);
  row.append('text').attr('x', margin.left - 8).attr('y', barHeight / 2).attr('dy', '0.35em').attr('text-anchor', 'end').attr('font-size', 13).text(f => targetName(f.target));
  row.append('rect').attr('class', 'bar').attr('x', x(0)).attr('y', 4).attr('height', barHeight - 8)
    .attr('width', f => Math.max(1, x(f.probability) - x(0))).attr('fill', '#0b5cad');
  row.append('line').attr('x1', f => x(f.base_rate)).attr('x2', f => x(f.base_rate)).attr('y1', 1).attr('y2', barHeight - 1)
    .attr('stroke', '#a3161b').attr('stroke-width', 2);
  row.append('text').attr('x', f => x(f.probability) + 4).attr('y', barHeight / 2).attr('dy', '0.35em').attr('font-size', 12).text(f => pct(f.probability));
  svg.append('g').attr('transform', `translate(0,${height - margin.bottom})`).call(d3.axisBottom(x).ticks(5, '%'));
  svg.append('text').attr('class', 'axis-label').attr('x', (margin.left + width - margin.right) / 2).attr('y', height - 6).attr('text-anchor', 'middle')
    .attr('font-size', 12).text(axis);
  return svg.node();
}

run(async () => {
  const [f, ballistic, icbm, nuclear, recent] = await Promise.all([
    freshness(), latest('set=ballistic'), latest('class=icbm'), latest('kind=nuclear-test'), api('/api/events?limit=10&set=provocations'),
  ]);
  // A record that stopped long ago is told as of its end: counted to today, the days since would
  // only be upper bounds, since a launch the record does not hold can only make them smaller.
  const to = f.counted_to;
  if (f.stale) fill('since-heading', `Days since, as of the record's end (${to})`);
  fill('since', sinceCard('ballistic launch', ballistic, to, f.stale), sinceCard('ICBM launch', icbm, to, f.stale), sinceCard('nuclear test', nuclear, to, f.stale));
  fill('coverage', f.stale
    ? `Counted to the record's end, ${to}, not to today (${f.today}, Korean date): the record holds no North Korean action after that. Counted to today these would be upper bounds, since a launch the record does not hold can only make them smaller; events after ${to} come in through imports or 'peninsula events add'.`
    : `Counted to today, ${to} (Korean date). The record's latest provocation is on ${recent.events[0]?.date ?? '–'}; events after the end of the record come in through imports.`);
  fill('latest', table([
    { label: 'Date', value: e => e.date },
    { label: 'Event', value: e => eventLink(e.id, e.title) },
    { label: 'Kind', value: e => kindName(e.kind) },
    { label: 'Class', value: e => (e.class ? className(e.class) : '') },
  ], recent.events, 'The latest provocations'));
  status('Loading the forecasts…');

  const forecasts = await api(`/api/forecasts?horizon=30${f.stale ? `&as_of=${to}` : ''}`);
  if (f.stale) fill('forecast-heading', `Forecasts for the 30 days after the record's end (${to})`);
  // The axis names the days the bars cover, as the heading does: the next 30, or the 30 after the record's end.
  fill('forecast-chart', forecastChart(forecasts, f.stale ? `Probability within the 30 days after ${to}` : 'Probability within the next 30 days'));
  fill('forecasts', el('p', { class: 'note' },
    `Blue bars: the forecast model's probability (as of ${forecasts[0]?.as_of}, using events to ${forecasts[0]?.data_until}); red marks: the base rate. `,
    el('a', { href: '/forecast.html' }, 'Reasons and track record')));
  status('');

  const backtest = await api('/api/backtest?target=any-missile&horizon=7');
  const model = backtest.models.find(m => m.model === backtest.forecast_model);
  fill('track-record',
    `Track record of the forecast model (${backtest.forecast_model}), any missile within 7 days, weekly from ${backtest.from} to ${backtest.to} (${model.n} forecasts): `,
    `skill against the base rate ${num(model.bss)} (95% interval ${num(model.bss_low)} to ${num(model.bss_high)}), calibration error ${num(model.ece)}. `,
    el('a', { href: '/forecast.html' }, 'Every target and horizon'));
});
