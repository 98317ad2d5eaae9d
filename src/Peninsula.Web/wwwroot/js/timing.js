import { api, el, eventLink, fill, num, run, status, table } from './common.js';

const d3 = window.d3;
const form = document.getElementById('ask');

function p(value) {
  return value === null || value === undefined ? '–' : value < 0.001 ? '< 0.001' : value.toFixed(3);
}

function profileChart(profile) {
  const width = 900, height = 280, margin = { top: 10, right: 10, bottom: 46, left: 56 };
  const x = d3.scaleLinear().domain(d3.extent(profile, d => d.offset)).range([margin.left, width - margin.right]);
  const y = d3.scaleLinear().domain([0, d3.max(profile, d => Math.max(d.observed, d.band_high)) || 1]).nice().range([height - margin.bottom, margin.top]);
  const svg = d3.create('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img')
    .attr('aria-label', `Launches on each day from ${profile[0].offset} to ${profile[profile.length - 1].offset} relative to the context events, against the range chance gives.`);
  svg.append('path').datum(profile).attr('class', 'band').attr('fill', '#d5dbe1')
    .attr('d', d3.area().x(d => x(d.offset)).y0(d => y(d.band_low)).y1(d => y(d.band_high)));
  svg.append('path').datum(profile).attr('fill', 'none').attr('stroke', '#5d6d7e').attr('stroke-dasharray', '4 3')
    .attr('d', d3.line().x(d => x(d.offset)).y(d => y(d.expected)));
  svg.append('g').selectAll('circle').data(profile).join('circle').attr('class', 'observed')
    .attr('cx', d => x(d.offset)).attr('cy', d => y(d.observed)).attr('r', 3.5)
    .attr('fill', d => (d.observed > d.band_high ? '#a3161b' : '#0b5cad'))
    .append('title').text(d => `day ${d.offset}: ${d.observed} launches (chance: ${d.expected.toFixed(1)}, 95% band ${d.band_low}–${d.band_high})`);
  svg.append('line').attr('x1', x(0)).attr('x2', x(0)).attr('y1', margin.top).attr('y2', height - margin.bottom).attr('stroke', '#1a1f24');
  svg.append('g').attr('transform', `translate(0,${height - margin.bottom})`).call(d3.axisBottom(x).tickFormat(d3.format('d')));
  svg.append('g').attr('transform', `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(Math.min(5, y.domain()[1])).tickFormat(d3.format('d')));
  svg.append('text').attr('class', 'axis-label').attr('x', (margin.left + width - margin.right) / 2).attr('y', height - 6).attr('text-anchor', 'middle')
    .attr('font-size', 12).text('Days from the first day of each context event');
  svg.append('text').attr('class', 'axis-label').attr('transform', 'rotate(-90)').attr('x', -(height - margin.bottom + margin.top) / 2).attr('y', 14)
    .attr('text-anchor', 'middle').attr('font-size', 12).text('Launches on that day');
  return svg.node();
}

async function ask() {
  const name = document.getElementById('question').value;
  const permutations = document.getElementById('permutations').value;
  const button = document.getElementById('run');
  button.disabled = true;
  status('Running the permutation test…');
  try {
    const r = await api(`/api/timing?context=${encodeURIComponent(name)}&permutations=${permutations}`);
    // The answer ends with the reading ('no evidence that ...'): print it once.
    fill('answer', el('p', { class: 'answer' }, r.answer), r.answer.includes(r.reading) ? null : el('p', { class: 'note' }, r.reading));
    const rows = [['Context events with a launch in their window', r.hits], ['Launches inside any window', r.provocations_inside]];
    fill('figures', table([
      { label: 'Figure', value: row => row[0] },
      { label: 'Observed', value: row => row[1].observed, num: true },
      { label: 'Chance (95% range)', value: row => `${row[1].expected.toFixed(1)} (${row[1].range_low}–${row[1].range_high})`, num: true },
      { label: 'Ratio (95% interval)', value: row => `${num(row[1].ratio, 2)} (${num(row[1].ratio_low, 2)}–${num(row[1].ratio_high, 2)})`, num: true },
      { label: 'p-value', value: row => p(row[1].p), num: true },
    ], rows, 'Figures'), el('p', { class: 'note' },
      `${r.provocations.count} ${r.provocations.noun}, ${r.context.count} ${r.context.noun}, ${r.period.start} to ${r.period.end} (${r.period.time_zone}); window: ${r.window.description}; ${r.method.permutations.toLocaleString('en')} permutations, seed ${r.method.seed}.`));
    fill('profile', profileChart(r.profile));
    const withLaunch = r.evidence.filter(e => e.provocations.length > 0);
    fill('evidence', withLaunch.length === 0 ? el('p', {}, 'No context event had a launch in its window.') : table([
      { label: 'Context event', value: e => eventLink(e.context_id, `${e.date} ${e.title}`) },
      { label: 'Window', value: e => `${e.window_start} to ${e.window_end}` },
      { label: 'Launches in it', value: e => e.provocations.map((x, i) => [i ? ', ' : '', eventLink(x.id, `${x.date} ${x.class ?? ''}`)]).flat() },
    ], withLaunch, 'Context events with a launch in their window'));
    status('');
  } finally {
    button.disabled = false;
  }
}

form.addEventListener('submit', event => { event.preventDefault(); run(ask); });
run(async () => {
  const questions = await api('/api/timing/questions');
  fill('question', questions.map(q => el('option', { value: q.name }, q.title)));
  await ask();
});
