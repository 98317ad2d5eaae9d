import { api, className, colour, kindName, el, eventLink, fill, run, status, table } from './common.js';

/** The line that sums up the chart; a click on a month must not wipe it. */
let summary = '';

const d3 = window.d3;
const controls = ['set', 'split', 'from', 'to'].map(id => document.getElementById(id));

function monthsBetween(fromYear, toYear) {
  const months = [];
  for (let y = fromYear; y <= toYear; y++) for (let m = 1; m <= 12; m++) months.push(`${y}-${String(m).padStart(2, '0')}`);
  return months;
}

function lastDay(month) {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

async function showMonth(month, query) {
  status(`Loading the events of ${month}…`);
  const page = await api(`/api/events?${query}&since=${month}-01&until=${lastDay(month)}&order=oldest&limit=1000`);
  fill('month-heading', `Events of ${month}`);
  fill('month-events', page.events.length === 0 ? el('p', {}, 'None.') : table([
    { label: 'Date', value: e => e.date },
    { label: 'Event', value: e => eventLink(e.id, e.title) },
    { label: 'Class', value: e => (e.class ? className(e.class) : '') },
    { label: 'System', value: e => e.system?.name ?? '' },
  ], page.events, `Events of ${month}`));
  status(summary);
}

/** The latest draw asked for: an answer to an earlier one that arrives after it is dropped, so the chart always shows the controls' current choice. */
let drawn = 0;

async function draw() {
  const asked = ++drawn;
  const set = controls[0].value, split = controls[1].value;
  const fromYear = Number(controls[2].value) || 1984, toYear = Number(controls[3].value) || 2025;
  const query = new URLSearchParams();
  if (set) query.set('set', set);
  query.set('since', `${fromYear}-01-01`);
  query.set('until', `${toYear}-12-31`);
  status('Loading…');
  const stats = await api(`/api/stats?by=month&then=${split}&${query}`);
  if (asked !== drawn) return;
  const months = monthsBetween(fromYear, toYear);
  const groups = [...d3.rollup(stats.rows, v => d3.sum(v, r => r.events), r => r.group)].sort((a, b) => b[1] - a[1]).map(([g]) => g);
  const byMonth = new Map(months.map(m => [m, Object.fromEntries(groups.map(g => [g, 0]))]));
  for (const row of stats.rows) if (byMonth.has(row.key)) byMonth.get(row.key)[row.group] = row.events;
  const data = months.map(m => ({ month: m, ...byMonth.get(m) }));
  const series = d3.stack().keys(groups)(data);
  const total = d3.sum(stats.rows, r => r.events);

  const width = 960, height = 400, margin = { top: 10, right: 10, bottom: 46, left: 56 };
  const label = g => (split === 'class' ? className(g) : split === 'kind' ? kindName(g) : g);
  const x = d3.scaleBand().domain(months).range([margin.left, width - margin.right]).paddingInner(0.1);
  const y = d3.scaleLinear().domain([0, d3.max(series, s => d3.max(s, d => d[1])) || 1]).nice().range([height - margin.bottom, margin.top]);
  const svg = d3.create('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img')
    .attr('aria-label', `Stacked bar chart: ${total} events per month from ${fromYear} to ${toYear}, split by ${split}.`);
  svg.append('clipPath').attr('id', 'plot-area').append('rect')
    .attr('x', margin.left).attr('y', margin.top).attr('width', width - margin.left - margin.right).attr('height', height - margin.top - margin.bottom);
  const plot = svg.append('g').attr('clip-path', 'url(#plot-area)');
  const layers = plot.selectAll('g.layer').data(series).join('g').attr('class', 'layer').attr('fill', s => colour(s.key));
  const bars = layers.selectAll('rect').data(s => s.filter(d => d[1] > d[0]).map(d => Object.assign(d, { key: s.key }))).join('rect')
    .attr('class', 'bar tooltip-target')
    .attr('x', d => x(d.data.month)).attr('width', x.bandwidth())
    .attr('y', d => y(d[1])).attr('height', d => y(d[0]) - y(d[1]))
    .attr('tabindex', 0).attr('role', 'button').attr('aria-label', d => `${d.data.month}: ${d[1] - d[0]} ${label(d.key)}; press Enter to list the month's events`)
    .on('keydown', (event, d) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); run(() => showMonth(d.data.month, set ? `set=${encodeURIComponent(set)}` : '')); } })
    .on('click', (_, d) => run(() => showMonth(d.data.month, set ? `set=${encodeURIComponent(set)}` : '')));
  bars.append('title').text(d => `${d.data.month}: ${d[1] - d[0]} ${label(d.key)}`);
  const xAxis = svg.append('g').attr('transform', `translate(0,${height - margin.bottom})`);
  const tickEvery = Math.max(1, Math.ceil((toYear - fromYear + 1) / 12));
  const axis = scale => d3.axisBottom(scale).tickValues(months.filter(m => m.endsWith('-01') && (Number(m.slice(0, 4)) - fromYear) % tickEvery === 0)).tickFormat(m => m.slice(0, 4));
  xAxis.call(axis(x));
  // Counts are whole numbers: no tick at 0.5 when a month holds one or two events.
  svg.append('g').attr('class', 'y-axis').attr('transform', `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(Math.min(5, y.domain()[1])).tickFormat(d3.format('d')));
  svg.append('text').attr('class', 'axis-label').attr('transform', 'rotate(-90)').attr('x', -(height - margin.bottom + margin.top) / 2).attr('y', 14)
    .attr('text-anchor', 'middle').attr('font-size', 12).text('Events per month');
  svg.append('text').attr('class', 'axis-label').attr('x', (margin.left + width - margin.right) / 2).attr('y', height - 6)
    .attr('text-anchor', 'middle').attr('font-size', 12).text('Month (Korean dates); scroll or pinch to zoom');

  const zoom = d3.zoom().scaleExtent([1, 24]).translateExtent([[margin.left, 0], [width - margin.right, height]])
    .extent([[margin.left, 0], [width - margin.right, height]])
    .on('zoom', event => {
      x.range([margin.left, width - margin.right].map(v => event.transform.applyX(v)));
      bars.attr('x', d => x(d.data.month)).attr('width', x.bandwidth());
      xAxis.call(axis(x));
    });
  svg.call(zoom);

  fill('legend', groups.map(g => {
    const item = el('span', {}, label(g));
    item.style.setProperty('--swatch', colour(g));
    return item;
  }));
  fill('chart', svg.node());
  summary = `${total.toLocaleString('en')} ${total === 1 ? 'event' : 'events'}, ${fromYear}–${toYear}. Click a bar for the month's events.`;
  status(summary);
}

for (const control of controls) control.addEventListener('change', () => run(draw));
document.getElementById('filters').addEventListener('submit', event => { event.preventDefault(); run(draw); });
run(draw);
