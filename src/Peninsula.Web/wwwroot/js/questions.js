import { api, el, eventLink, fill, num, pct, run, safeUrl, signed, status, table, targetName } from './common.js';

const d3 = window.d3;

function statusCell(q) {
  if (q.status === 'yes') return [el('strong', {}, 'yes'), ' (', eventLink(q.resolving_event, `${q.resolved_on}`), ')'];
  if (q.status === 'no') return el('strong', {}, 'no');
  return 'open';
}

/** A window's first and last days, each kept whole on a narrow screen (a date broken at its hyphen reads as two). */
function windowDays(w) {
  return [el('span', { class: 'date' }, w.opens), ' to ', el('span', { class: 'date' }, w.closes)];
}

function subject(q) {
  return q.target ? targetName(q.target) : `filter: ${q.filter}`;
}

function questionLink(q) {
  return el('a', { href: `/questions.html?id=${encodeURIComponent(q.id)}`, 'data-id': q.id }, q.title);
}

/** A chart's two axis titles: across, under the plot; up, beside it. */
function axisTitles(svg, width, height, margin, across, up) {
  svg.append('text').attr('class', 'axis-label').attr('x', (margin.left + width - margin.right) / 2).attr('y', height - 5).attr('text-anchor', 'middle')
    .attr('font-size', 12).text(across);
  svg.append('text').attr('class', 'axis-label').attr('transform', 'rotate(-90)').attr('x', -(height - margin.bottom + margin.top) / 2).attr('y', 14)
    .attr('text-anchor', 'middle').attr('font-size', 12).text(up);
}

/** Each expert's colour in the chart and its legend, in the order of their names. */
function expertColours(forecasts) {
  const names = [...new Set(forecasts.filter(f => f.by !== 'model').map(f => f.by))].sort();
  return new Map(names.map((name, i) => [name, d3.schemeTableau10[(i + 1) % 10]]));
}

/** The chart's key, as the map's: the model's line and each expert's colour. */
function historyLegend(forecasts, colours) {
  const swatch = (colour, text, kind) => {
    const item = el('span', { class: kind }, text);
    item.style.setProperty('--swatch', colour);
    return item;
  };
  return el('div', { id: 'history-legend', class: 'legend', 'aria-label': 'Legend: forecasters' },
    forecasts.some(f => f.by === 'model') ? swatch('#0b5cad', 'model (its forecast each day)', 'line') : null,
    [...colours].map(([name, colour]) => swatch(colour, name, 'dot')));
}

/** The model's forecasts over time as a line, each expert's as dots of its own colour. */
function historyChart(forecasts, colours) {
  const width = 900, height = 260, margin = { top: 10, right: 40, bottom: 40, left: 56 };
  const parse = d3.utcParse('%Y-%m-%d');
  const points = forecasts.map(f => ({ ...f, date: parse(f.as_of) }));
  const x = d3.scaleUtc().domain(d3.extent(points, p => p.date)).range([margin.left, width - margin.right]);
  // Forecasts a few days apart (or one day) get a fortnight of room at least, so that the axis counts days, not hours.
  if (x.domain()[1] - x.domain()[0] < 14 * 864e5) x.domain([d3.utcDay.offset(x.domain()[0], -7), d3.utcDay.offset(x.domain()[1], 7)]);
  const span = x.domain()[1] - x.domain()[0];
  const y = d3.scaleLinear().domain([0, 1]).range([height - margin.bottom, margin.top]);
  const svg = d3.create('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img')
    .attr('aria-label', 'The probability each forecaster gave over time: the model as a line, experts as dots.');
  const model = points.filter(p => p.by === 'model');
  if (model.length > 0) {
    svg.append('path').datum(model).attr('class', 'model').attr('fill', 'none').attr('stroke', '#0b5cad').attr('stroke-width', 2)
      .attr('d', d3.line().x(p => x(p.date)).y(p => y(p.probability)));
  }
  // A single model forecast is no line: each of its days also gets a small dot.
  svg.append('g').selectAll('circle').data(model).join('circle').attr('class', 'model-point')
    .attr('cx', p => x(p.date)).attr('cy', p => y(p.probability)).attr('r', 2.5).attr('fill', '#0b5cad')
    .append('title').text(p => `model, ${p.as_of}: ${pct(p.probability)}`);
  svg.append('g').selectAll('circle').data(points.filter(p => p.by !== 'model')).join('circle').attr('class', 'expert')
    .attr('cx', p => x(p.date)).attr('cy', p => y(p.probability)).attr('r', 4).attr('fill', p => colours.get(p.by))
    .append('title').text(p => `${p.by}, ${p.as_of}: ${pct(p.probability)}`);
  const axis = d3.axisBottom(x).ticks(6);
  if (span < 400 * 864e5) axis.tickFormat(d3.utcFormat('%Y-%m-%d'));
  svg.append('g').attr('transform', `translate(0,${height - margin.bottom})`).call(axis);
  svg.append('g').attr('transform', `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(5).tickFormat(d3.format('.0%')));
  axisTitles(svg, width, height, margin, 'Date the forecast was made (Korean date)', 'Probability of yes');
  return svg.node();
}

async function show(id) {
  const d = await api(`/api/questions/${encodeURIComponent(id)}`);
  const q = d.question;
  fill('question-heading', q.title);
  const url = q.url ? safeUrl(q.url) : null;
  fill('question',
    el('p', {}, `Counts: ${q.subject}. Window: ${q.opens} to ${q.closes} (Korean dates, inclusive).`),
    el('p', { id: 'resolution', class: 'answer' },
      q.status === 'yes' ? ['Resolved yes on ', q.resolved_on, ': ', eventLink(q.resolving_event, d.resolving_event_title ?? q.resolving_event), '.']
        : q.status === 'no' ? 'Resolved no: the record covers the window and holds nothing that counts.'
          : `Open${d.open_because ? `: ${d.open_because}` : ''}.`),
    url ? el('p', { class: 'note' }, 'Asked at ', el('a', { href: url, rel: 'noopener noreferrer' }, url)) : null);
  // Each forecaster's latest as the aggregate and the CLI take it: the one that counts from the latest day, of those the one dated latest.
  const latest = new Map();
  for (const f of d.forecasts) {
    const held = latest.get(f.by);
    if (!held || f.counts_from > held.counts_from || (f.counts_from === held.counts_from && f.as_of >= held.as_of)) latest.set(f.by, f);
  }
  const colours = expertColours(d.forecasts);
  fill('history', d.forecasts.length > 0 ? [historyChart(d.forecasts, colours), historyLegend(d.forecasts, colours)] : el('p', {}, 'No forecasts yet.'));
  // Every expert forecast with where it was published, when that adds to the latest of each (as questions show does).
  const experts = d.forecasts.filter(f => f.by !== 'model').sort((a, b) => a.by.localeCompare(b.by) || a.as_of.localeCompare(b.as_of));
  const history = experts.length > new Set(experts.map(f => f.by)).size || experts.some(f => f.url)
    ? el('details', { id: 'every-forecast' }, el('summary', {}, `Every expert forecast (${experts.length})`), table([
      { label: 'Forecaster', value: f => f.by },
      { label: 'As of (Korean date)', value: f => (f.counts_from !== f.as_of ? `${f.as_of}, entered ${f.counts_from}` : f.as_of) },
      { label: 'Probability', value: f => pct(f.probability), num: true },
      { label: 'Published at', value: f => (f.url ? link(f.url, f.url) : '–') },
    ], experts, 'Every expert forecast'))
    : null;
  fill('forecasts', table([
    { label: 'Forecaster', value: f => f.by },
    { label: 'Latest', value: f => pct(f.probability), num: true },
    // A forecast entered after the day it gives counts from the day it was entered (unless published): say so where it happened.
    { label: 'As of (Korean date)', value: f => (f.counts_from !== f.as_of ? `${f.as_of}, entered ${f.counts_from}` : f.as_of) },
    { label: 'Forecasts', value: f => d.forecasts.filter(x => x.by === f.by).length, num: true },
    // The model is scored on every resolved question (its forecasts are made as of their day); an expert's unless entered once the answer was known.
    { label: 'Scored', value: f => (f.before_the_answer === false ? 'no: entered after the answer was known' : f.before_the_answer || (f.by === 'model' && q.status !== 'open') ? 'yes' : '–') },
  ], [...latest.values()], 'Latest forecast of each forecaster'),
  history,
  q.aggregate ? el('p', { id: 'aggregate' }, el('strong', {}, `Experts' aggregate: ${pct(q.aggregate.probability)}`), ` (${d.aggregate_rule}).`,
    d.aggregate_note ? [' ', el('em', { id: 'aggregate-note' }, d.aggregate_note)] : null) : null,
  // The model's probabilities are read off its fixed-horizon forecasts: link to them and their reasons, and say what the record knew.
  q.target && latest.has('model')
    ? el('p', { id: 'model-evidence', class: 'note' }, 'The model’s forecasts are read off its 7 to 365-day forecasts of ',
      el('a', { href: `/forecast.html?target=${encodeURIComponent(q.target)}` }, `${targetName(q.target)}, with their reasons`),
      `; they know the record up to ${d.record_end} (Korean date), and past it the window’s days since then count as days still to come, not as quiet ones.`)
    : null);
  // On a resolved question, each forecaster's score over the days its forecasts stood.
  fill('scores', d.scores.length === 0 ? null : [el('h3', {}, 'Scores on this question'), el('p', { class: 'note' }, 'Each day from a forecaster’s first forecast until the answer was known (the day of the event that settled a yes, the day after the window for a no) is scored on the forecast standing that day; the leaderboard averages these over the questions.'), table([
    { label: 'Forecaster', value: s => s.by },
    { label: 'From (Korean date)', value: s => s.from },
    { label: 'Days', value: s => s.days.toLocaleString('en'), num: true },
    { label: 'Brier', value: s => num(s.brier), num: true },
    { label: 'Log score', value: s => num(s.log_score), num: true },
    { label: 'Brier minus the aggregate’s, same days', value: s => (s.brier_vs_aggregate === null ? '–' : `${signed(s.brier_vs_aggregate)} on ${s.days_with_aggregate} day${s.days_with_aggregate === 1 ? '' : 's'}`), num: true },
  ], d.scores, 'Scores on this question, over the days each forecast stood until the answer was known')]);
}

function link(url, text) {
  const safe = url ? safeUrl(url) : null;
  return safe ? el('a', { href: safe, rel: 'noopener noreferrer' }, text) : text;
}

function brierPair(t) {
  return `${num(t.brier)} against the model’s ${num(t.model_brier)}`;
}

/** A difference of Brier scores with its interval: '+0.131 (+0.012 to +0.265)'; the bounds are null with fewer than two questions. */
function gap(g) {
  return g.low === null ? signed(g.estimate) : `${signed(g.estimate)} (${signed(g.low)} to ${signed(g.high)})`;
}

/**
 * Each published forecast against the model's on the same day: above the diagonal the model said
 * more. Filled where the event happened, hollow where it did not, so a filled point above the
 * diagonal or a hollow one below it is one where the model was nearer what happened.
 */
function publishedChart(forecasts) {
  const size = 420, margin = { top: 12, right: 12, bottom: 44, left: 52 };
  const x = d3.scaleLinear().domain([0, 1]).range([margin.left, size - margin.right]);
  const y = d3.scaleLinear().domain([0, 1]).range([size - margin.bottom, margin.top]);
  const svg = d3.create('svg').attr('viewBox', `0 0 ${size} ${size}`).attr('role', 'img')
    .attr('aria-label', 'Each published forecast (across) against the model’s on the same day (up); filled where the event happened.');
  svg.append('line').attr('class', 'diagonal').attr('x1', x(0)).attr('y1', y(0)).attr('x2', x(1)).attr('y2', y(1))
    .attr('stroke', '#888').attr('stroke-dasharray', '4 3');
  const colour = f => (f.kind === 'crowd' ? '#0b5cad' : '#b35900');
  svg.append('g').selectAll('circle').data(forecasts).join('circle')
    .attr('class', f => `published ${f.outcome}`)
    .attr('cx', f => x(f.probability)).attr('cy', f => y(f.model_probability)).attr('r', 5)
    .attr('stroke', colour).attr('stroke-width', 1.5).attr('fill', f => (f.outcome === 'yes' ? colour(f) : 'white')).attr('fill-opacity', 0.85)
    .append('title').text(f => `${f.title}\n${f.by}, ${f.as_of} (Korean date): ${pct(f.probability)}; the model ${pct(f.model_probability)}; ${f.outcome === 'yes' ? 'it happened' : 'it did not happen'}`);
  svg.append('g').attr('transform', `translate(0,${size - margin.bottom})`).call(d3.axisBottom(x).ticks(5).tickFormat(d3.format('.0%')));
  svg.append('g').attr('transform', `translate(${margin.left},0)`).call(d3.axisLeft(y).ticks(5).tickFormat(d3.format('.0%')));
  axisTitles(svg, size, size, margin, 'Published forecast', 'The model, same day');
  return svg.node();
}

/** The model against the published forecasts on past questions, computed by the server from the record. */
async function showPublished() {
  const p = await api('/api/questions/published');
  fill('published-totals', table([
    { label: 'Forecasts', value: k => k.heading ?? 'All published forecasts' },
    { label: 'Forecasts (questions)', value: k => `${k.totals.forecasts} (${k.totals.questions})`, num: true },
    { label: 'Brier, forecast by forecast: published, model', value: k => `${num(k.totals.brier)}, ${num(k.totals.model_brier)}`, num: true },
    { label: 'Brier, each question weighed once: published, model', value: k => `${num(k.totals.brier_per_question)}, ${num(k.totals.model_brier_per_question)}`, num: true },
    { label: 'Model minus published, each question weighed once (95% interval)', value: k => gap(k.totals.model_minus_published_per_question), num: true },
    { label: 'Questions the model is better, worse', value: k => `${k.totals.questions_model_better}, ${k.totals.questions_model_worse}`, num: true },
  ], [...p.kinds, { totals: p.all }], 'Totals'),
  el('p', { class: 'note' }, `${p.brier_rule} The record ends on ${p.record_end}; the model is '${p.model}'.`,
    p.not_scored.length > 0 ? ` Not scored: ${p.not_scored.join('; ')}.` : ''));
  const yes = p.forecasts.filter(f => f.outcome === 'yes').length;
  fill('published-chart', publishedChart(p.forecasts), el('figcaption', { class: 'note' },
    `Each of the ${p.forecasts.length} published forecasts (across) against the model’s on the same day (up): blue, a crowd; orange, a statistical signal; `
    + `filled, the event happened (${yes}); hollow, it did not (${p.forecasts.length - yes}). Above the dashed diagonal the model said more than the published forecast, `
    + 'so a filled point above it or a hollow one below it is one where the model was nearer what happened.'));
  fill('published-forecasts', table([
    { label: 'Question', value: f => link(f.question_url, f.title) },
    { label: 'Window (KST)', value: f => windowDays(f) },
    { label: 'Forecaster', value: f => `${f.by} (${f.kind})` },
    { label: 'Published', value: f => link(f.source_url, `${pct(f.probability)} on ${f.as_of}`), num: true },
    { label: 'Model, same day', value: f => pct(f.model_probability), num: true },
    { label: 'Outcome', value: f => (f.outcome === 'yes' ? ['yes: ', eventLink(f.resolving_event, f.resolving_event_title ?? f.resolving_event)] : 'no') },
    { label: 'Brier published', value: f => num(f.brier), num: true },
    { label: 'Brier model', value: f => num(f.model_brier), num: true },
  ], p.forecasts, 'Each published forecast beside the model’s'));
  fill('published-questions', el('h3', {}, 'Per question'), table([
    { label: 'Question', value: q => link(q.question_url, q.title) },
    { label: 'Forecasts', value: q => q.totals.forecasts, num: true },
    { label: 'Mean Brier: published against the model', value: q => brierPair(q.totals), num: true },
  ], p.questions, 'Each question’s mean Brier scores'));
}

run(async () => {
  const [list, board] = await Promise.all([api('/api/questions'), api('/api/questions/leaderboard')]);
  const questions = list.questions;
  fill('questions', questions.length === 0
    ? el('p', {}, 'No questions yet. Add one: peninsula questions add --title "Will North Korea launch an ICBM before 2027?" --target icbm --until 2026-12-31')
    : table([
      { label: 'Question', value: questionLink },
      { label: 'Window (KST)', value: q => windowDays(q) },
      { label: 'Counts', value: subject },
      { label: 'Status', value: statusCell },
      { label: 'Model', value: q => (q.model ? pct(q.model.probability) : '–'), num: true },
      { label: 'Experts', value: q => (q.aggregate ? pct(q.aggregate.probability) : '–'), num: true },
    ], questions, 'Questions'));
  // One line to read; the rules behind the scores folded under it, one to a line.
  fill('board-note', `${board.resolved_questions} resolved, ${board.open_questions} open. Lower scores are better. `
    + 'Rows are ranked by the last column: each forecaster’s Brier score minus the experts’ aggregate’s on the same days (below 0: better than the aggregate).');
  fill('board-rules-list', [
    'Brier: (p − outcome)², 0 best, 0.25 for always 50%, averaged over the days each forecast stood, then over the questions.',
    'Log score: ln of the probability given to what happened, 0 best, averaged the same way.',
    'Days: how long a forecaster’s forecasts stood before the answers were known.',
    board.ranking,
    'The interval beside each comes from resampling the shared questions; one that spans 0 cannot tell the forecaster from the aggregate.',
    board.which_forecast_counts,
    `Aggregate: ${board.aggregate_rule}.`,
  ].map(rule => el('li', {}, rule)));
  const late = board.entered_after_the_answer;
  fill('not-scored', late.length === 0 ? null : [el('p', { class: 'note' }, `Not scored: ${late.length} forecast${late.length === 1 ? '' : 's'} entered after the answer was known (whoever entered it could know the answer). A forecast published at the time is scored as of its date when entered with the address where it was published.`), table([
    { label: 'Forecaster', value: f => f.by },
    { label: 'Question', value: f => el('a', { href: `?id=${encodeURIComponent(f.question)}` }, f.question) },
    { label: 'Forecast', value: f => `${pct(f.probability)} as of ${f.as_of}`, num: true },
    { label: 'Entered (UTC)', value: f => (f.entered ?? '').replace('T', ' ').replace(/\.\d+/, '').replace(/(Z|\+00:00)$/, '') },
    { label: 'Answer known (Korean date)', value: f => `${f.answer} on ${f.answer_known}` },
  ], late, 'Not scored: entered after the answer was known')]);
  fill('leaderboard', board.rows.length === 0 ? el('p', {}, 'No resolved question has a forecast that can be scored yet.') : table([
    { label: 'Forecaster', value: r => r.by },
    { label: 'Questions', value: r => r.questions, num: true },
    { label: 'Resolved yes', value: r => r.resolved_yes, num: true },
    { label: 'Brier', value: r => num(r.brier), num: true },
    { label: 'Log score', value: r => num(r.log_score), num: true },
    { label: 'Days', value: r => r.days.toLocaleString('en'), num: true },
    { label: 'Brier minus the aggregate’s, same days (ranks; 95% interval)', value: r => (r.brier_vs_aggregate === null ? '–' : `${gap({ estimate: r.brier_vs_aggregate, low: r.brier_vs_aggregate_low, high: r.brier_vs_aggregate_high })} on ${r.questions_with_aggregate}`), num: true },
  ], board.rows, 'Leaderboard'));
  const asked = new URLSearchParams(window.location.search).get('id');
  const chosen = asked ?? questions[0]?.id;
  document.getElementById('question-section').hidden = !chosen;
  if (chosen) await show(chosen);
  status('Scoring the model against the published forecasts…');
  await showPublished();
  // A link to the comparison (the forecast page's note) lands on it once the tables above it have been filled.
  if (window.location.hash === '#published') document.getElementById('published').scrollIntoView();
  status('');
});
