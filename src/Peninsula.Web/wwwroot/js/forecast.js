import { api, daysBetween, el, fill, freshness, num, pct, run, safeUrl, signed, status, table, targetName } from './common.js';

const d3 = window.d3;
let forecasts = [];
let asOf;
let record;

function reliabilityChart(bins, model) {
  // Room at the right and top for the '100%' ticks, at the bottom and left for the axis titles.
  const size = 360, margin = 52, edge = 22;
  const x = d3.scaleLinear().domain([0, 1]).range([margin, size - edge]);
  const y = d3.scaleLinear().domain([0, 1]).range([size - margin, edge]);
  const used = bins.filter(b => b.n > 0);
  const svg = d3.create('svg').attr('viewBox', `0 0 ${size} ${size}`).attr('role', 'img')
    .attr('aria-label', `Reliability diagram of the ${model} model: observed frequency against forecast probability in ${used.length} bins; a calibrated model lies on the diagonal.`);
  svg.append('line').attr('x1', x(0)).attr('y1', y(0)).attr('x2', x(1)).attr('y2', y(1)).attr('stroke', '#7d8a96').attr('stroke-dasharray', '4 3');
  const r = d3.scaleSqrt().domain([1, d3.max(used, b => b.n) || 1]).range([3, 12]);
  svg.append('path').datum(used).attr('fill', 'none').attr('stroke', '#0b5cad')
    .attr('d', d3.line().x(b => x(b.mean_forecast)).y(b => y(b.observed)));
  svg.append('g').selectAll('circle').data(used).join('circle').attr('class', 'bin')
    .attr('cx', b => x(b.mean_forecast)).attr('cy', b => y(b.observed)).attr('r', b => r(b.n)).attr('fill', '#0b5cad').attr('fill-opacity', 0.7)
    .append('title').text(b => `forecasts ${b.bin_low.toFixed(1)}–${b.bin_high.toFixed(1)}: ${b.n} issued, mean ${pct(b.mean_forecast)}, happened ${pct(b.observed)}`);
  svg.append('g').attr('transform', `translate(0,${size - margin})`).call(d3.axisBottom(x).ticks(5, '%'));
  svg.append('g').attr('transform', `translate(${margin},0)`).call(d3.axisLeft(y).ticks(5, '%'));
  svg.append('text').attr('class', 'axis-label').attr('x', (margin + size - edge) / 2).attr('y', size - 8).attr('text-anchor', 'middle').attr('font-size', 11).text('Forecast probability');
  svg.append('text').attr('class', 'axis-label').attr('transform', 'rotate(-90)').attr('x', -(size - margin + edge) / 2).attr('y', 12).attr('text-anchor', 'middle').attr('font-size', 11).text('How often it happened');
  return svg.node();
}

/** The events inside the chart's years (the record starts a year before its first point). */
function shownEvents(t) {
  return t.events.filter(e => e.date >= t.points[0].date);
}

function tempoChart(t) {
  const width = 760, height = 260, left = 44, right = 12, top = 12, bottom = 46;
  const parse = d3.utcParse('%Y-%m-%d');
  const points = t.points.map(p => ({ ...p, when: parse(p.date) }));
  const x = d3.scaleUtc().domain(d3.extent(points, p => p.when)).range([left, width - right]);
  const y = d3.scaleLinear().domain([0, d3.max(points, p => p.high) || 1]).nice().range([height - bottom, top]);
  const svg = d3.create('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img')
    .attr('aria-label', `Tempo of ${t.description}, ${t.points[0].date} to ${t.data_until}: the change-point model's rate in event days a year, its median with a 90% interval; ${shownEvents(t).length} events, each a link; the current regime began about ${t.regime_start}.`);
  svg.append('path').datum(points).attr('class', 'band').attr('fill', '#0b5cad').attr('fill-opacity', 0.18)
    .attr('d', d3.area().x(p => x(p.when)).y0(p => y(p.low)).y1(p => y(p.high)));
  svg.append('path').datum(points).attr('class', 'rate').attr('fill', 'none').attr('stroke', '#0b5cad').attr('stroke-width', 1.5)
    .attr('d', d3.line().x(p => x(p.when)).y(p => y(p.per_year)));
  const start = x(parse(t.regime_start));
  svg.append('line').attr('class', 'regime').attr('x1', start).attr('x2', start).attr('y1', top).attr('y2', height - bottom)
    .attr('stroke', '#b35c00').attr('stroke-dasharray', '4 3');
  const onLeft = start > width / 2;
  svg.append('text').attr('x', onLeft ? start - 4 : start + 4).attr('y', top + 10).attr('text-anchor', onLeft ? 'end' : 'start')
    .attr('font-size', 11).attr('fill', '#8a4700').text(`current regime from about ${t.regime_start}`);
  const ticks = svg.append('g').attr('class', 'events');
  for (const e of shownEvents(t)) {
    const link = ticks.append('a').attr('href', `/event.html?id=${encodeURIComponent(e.id)}`);
    link.append('line').attr('x1', x(parse(e.date))).attr('x2', x(parse(e.date))).attr('y1', height - bottom + 4).attr('y2', height - bottom + 14)
      .attr('stroke', '#333').attr('stroke-width', 1.5);
    link.append('title').text(`${e.date}: ${e.title}`);
  }
  svg.append('g').attr('transform', `translate(0,${height - bottom + 16})`).call(d3.axisBottom(x).ticks(10));
  svg.append('g').attr('transform', `translate(${left},0)`).call(d3.axisLeft(y).ticks(5));
  svg.append('text').attr('transform', 'rotate(-90)').attr('x', -(height - bottom) / 2).attr('y', 11).attr('text-anchor', 'middle').attr('font-size', 11)
    .text('event days a year');
  return svg.node();
}

/**
 * The base rate, each factor and the forecast as the explanation's table prints them: each factor is
 * the difference of the running totals printed before and after it, so that the printed rows add up
 * to the printed forecast (each effect rounded on its own can miss it by a hundredth).
 */
function printedSteps(f) {
  const hundredths = p => Number((p * 100).toFixed(2));
  const rows = [{ factor: 'base rate', text: hundredths(f.base_rate).toFixed(2) }];
  let level = f.base_rate;
  let before = hundredths(level);
  f.factors.forEach((x, k) => {
    level = k === f.factors.length - 1 ? f.probability : level + x.effect;
    const after = hundredths(level);
    const difference = after - before;
    // A step that moves the printed figure by nothing is printed 0.00, not −0.00: the rows still add up as printed.
    rows.push({ factor: x.factor, text: `${difference < 0 ? '−' : difference > 0 ? '+' : ''}${Math.abs(difference).toFixed(2)}` });
    before = after;
  });
  rows.push({ factor: 'forecast (the sum)', text: hundredths(f.probability).toFixed(2) });
  return rows;
}

/** An effect in points to one decimal, signed unless it rounds to nothing (0.0 pts, never −0.0). */
function signedPoints(effect) {
  const shown = Math.abs(effect * 100).toFixed(1);
  return `${shown === '0.0' ? '' : effect < 0 ? '−' : '+'}${shown} pts`;
}

async function show() {
  const target = document.getElementById('target').value;
  const horizon = Number(document.getElementById('horizon').value);
  const rows = forecasts.filter(f => f.horizon_days === horizon);
  fill('forecasts', table([
    { label: 'Target', value: f => targetName(f.target) },
    { label: `Probability within ${horizon} days`, value: f => pct(f.probability), num: true },
    { label: 'Base rate', value: f => pct(f.base_rate), num: true },
    { label: 'Biggest factors (from the base rate)', value: f => [...f.factors].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect)).slice(0, 2).map(x => `${x.factor} ${signedPoints(x.effect)}`).join(', ') || '–' },
  ], rows, 'Forecasts'));
  const chosen = forecasts.find(f => f.target === target && f.horizon_days === horizon);
  fill('explanation', el('h3', {}, `Why ${pct(chosen.probability)} for ${targetName(target)} within ${horizon} days`),
    table([
      { label: 'Step', value: x => x.factor },
      { label: 'Percentage points', value: x => x.text, num: true },
    ], printedSteps(chosen), 'The base rate and each factor, adding up to the forecast'),
    planList(chosen, chosen.data_until),
    el('ul', {}, chosen.explanation.map(line => el('li', {}, line))));

  status('Reading the tempo…');
  const t = await api(`/api/forecasts/tempo?target=${encodeURIComponent(target)}&as_of=${asOf}`);
  const now = t.points[t.points.length - 1];
  fill('tempo-note', `How often ${t.description} has been happening, as the change-point model in the forecasts reads it: each week's rate uses only the record up to that week. On ${now.date}: ${num(now.per_year, 1)} event days a year (the median; 90% interval ${num(now.low, 1)} to ${num(now.high, 1)}), in a regime that began about ${t.regime_start} (the median of the model's estimate). The ticks under the chart are the ${shownEvents(t).length} events since ${t.points[0].date}; each links to its sources.`);
  fill('tempo', tempoChart(t));

  status('Scoring the models on past weekly forecasts…');
  const b = await api(`/api/backtest?target=${encodeURIComponent(target)}&horizon=${horizon}`);
  const model = b.models.find(m => m.model === b.forecast_model);
  const vs = b.against_best_reference;
  fill('backtest-note', `${model.n} weekly forecasts from ${b.from} to ${b.to}, each made with only what was known that day; the event came within the horizon after ${b.happened} of them. The forecast model is '${b.forecast_model}'. Skill is the Brier skill score against climatology (above 0 beats the base rate), with a 95% block-bootstrap interval. `,
    `Against the best simple model here (${vs.model}), the forecast model's Brier score minus that model's is ${signed(vs.brier_difference, 4)} (95% interval ${signed(vs.low, 4)} to ${signed(vs.high, 4)}): ${vs.verdict}.`);
  fill('reliability', reliabilityChart(model.reliability, b.forecast_model));
  fill('backtest', table([
    { label: 'Model', value: m => (m.model === b.forecast_model ? `${m.model} (used)` : m.model) },
    { label: 'Brier', value: m => num(m.brier, 4), num: true },
    { label: 'Log loss', value: m => num(m.log_loss, 4), num: true },
    { label: 'Skill (95% interval)', value: m => `${num(m.bss)} (${num(m.bss_low)} to ${num(m.bss_high)})`, num: true },
    { label: 'Calibration error', value: m => num(m.ece), num: true },
    { label: 'Sharpness', value: m => num(m.sharpness), num: true },
  ], b.models, 'Backtest'));
  status('');
}

/** The crowd comparison's figures, computed by the server from the record, with a link to every forecast behind them. */
async function crowdNote() {
  const p = await api('/api/questions/published');
  const crowds = p.kinds.find(k => k.kind === 'crowd');
  if (!crowds) return;
  const t = crowds.totals;
  fill('crowd-note', `Against forecasters: on ${t.questions} past questions with crowd forecasts published with a date (${t.forecasts} forecasts), the crowds’ Brier score is ${num(t.brier)} and this model’s, asked as of the same dates, ${num(t.model_brier)} `,
    `(each question weighed once: ${num(t.brier_per_question)} against ${num(t.model_brier_per_question)}; lower is better; `,
    `the model better on ${t.questions_model_better} of ${t.questions} questions, worse on ${t.questions_model_worse}`,
    t.model_minus_published_per_question.low === null ? '). ' :
      `; its Brier minus theirs ${num(t.model_minus_published_per_question.estimate)}, 95% interval ${num(t.model_minus_published_per_question.low)} to ${num(t.model_minus_published_per_question.high)}, resampling questions). `,
    el('a', { href: '/questions.html#published' }, 'Every forecast, its source and the event that resolved it'), '.');
}

/** A count of days in words: '1 day', '184 days'. */
function dayCount(n) {
  return `${n.toLocaleString('en')} ${n === 1 ? 'day' : 'days'}`;
}

/** What the window's answer rests on: how far the record it reads goes, said plainly when that is before the date it is forecast as of or long before today. */
function windowData(w) {
  const lines = [`The forecast reads the record up to ${w.data_until}.`];
  if (w.data_until < w.as_of) {
    lines.push(` The record ends ${dayCount(daysBetween(w.data_until, w.as_of))} before ${w.as_of}: anything since is missing, and the window is read as days ${daysBetween(w.data_until, w.from)} to ${daysBetween(w.data_until, w.until)} after the record's end, as the outlook stood then.`);
  } else if (record.stale && w.data_until === record.record_end) {
    lines.push(` The record ends ${dayCount(record.days_old)} before today (${record.today} in Korea); anything since is missing until it is added.`);
  }
  return lines.join('');
}

/**
 * The plans announced in public that add to a forecast (a window's or a fixed horizon's, as the API
 * gives them): the model's own probability, then each plan linked to its report with its note.
 */
function planList(forecast, asOf) {
  const plans = forecast.plans ?? [];
  return plans.length === 0 ? [] : [
    el('p', {}, `The model alone says ${pct(forecast.model_probability)}; `,
      plans.length === 1 ? 'a plan announced in public, active by ' : `${plans.length} plans announced in public, active by `,
      `${asOf}, ${plans.length === 1 ? 'adds' : 'add'} to it:`),
    el('ul', { class: 'plans' }, plans.map(p => el('li', {},
      safeUrl(p.source_url) ? el('a', { href: safeUrl(p.source_url) }, p.title) : p.title, '. ', p.note))),
  ];
}

/** The answer for one window as the API gives it: the probability in words, its basis, and the plans announced in public that add to the model's own. */
function windowAnswer(w) {
  const horizons = w.horizons.map(h => `${h.horizon_days} days ${pct(h.probability)}`).join(', ');
  const plans = planList(w, w.as_of);
  return [
    el('p', { class: 'answer' }, el('strong', {}, pct(w.probability)),
      ` probability of at least one event of “${targetName(w.target)}” from ${w.from} to ${w.until} (${dayCount(w.days)}, both counted; Korean dates), forecast as of ${w.as_of}.`),
    plans,
    el('p', {}, windowData(w)),
    el('p', {}, w.days_after_record_end
      ? `Read off the model's fixed-horizon forecasts as the record's end (${w.data_until}) left them, before any plan: ${horizons}; the window is their days ${w.days_after_record_end.first} to ${w.days_after_record_end.last}, counted from that end.`
      : `Read off the model's fixed-horizon forecasts as of ${w.as_of}, before any plan: ${horizons}.`),
    el('p', { class: 'note' }, `The rule: ${w.rule}`),
  ];
}

/** The latest window asked for: an answer to an earlier one that arrives after it is dropped. */
let windowAsked = 0;

/**
 * Forecasts one window, { target, as_of, from, until } with the API's names, and puts the choice in
 * the page's address so that the link shows the same answer; a window the API refuses shows its reason.
 */
async function showWindow(choice) {
  const asked = ++windowAsked;
  const query = new URLSearchParams();
  for (const name of ['target', 'as_of', 'from', 'until']) if (choice[name]) query.set(name, choice[name]);
  window.history.replaceState(null, '', `${window.location.pathname}?${query}${window.location.hash}`);
  const button = document.getElementById('window-ask');
  button.disabled = true;
  fill('window-result', el('p', { class: 'status' }, `Forecasting ${targetName(choice.target)} to ${choice.until}…`));
  try {
    const w = await api(`/api/forecasts/window?${query}`);
    if (asked === windowAsked) fill('window-result', windowAnswer(w));
  } catch (error) {
    if (asked === windowAsked) fill('window-result', el('p', { class: 'status error' }, `No forecast for this window: ${error.message}`));
  } finally {
    if (asked === windowAsked) button.disabled = false;
  }
}

/**
 * The window form: its target, as-of and days from the page's address (the API's names), else the
 * page's target and as-of. A link that names no as-of means what the API means by it, today, so
 * that the page and the API give the same answer to the same address.
 */
function windowForm(targets, pageTarget) {
  const asked = new URLSearchParams(window.location.search);
  const input = id => document.getElementById(id);
  fill('window-target', targets.map(t => el('option', { value: t }, targetName(t))));
  input('window-target').value = pageTarget;
  input('window-as-of').value = asked.get('as_of') ?? (asked.has('until') ? '' : asOf);
  input('window-from').value = asked.get('from') ?? '';
  input('window-until').value = asked.get('until') ?? '';
  input('window-form').addEventListener('submit', event => {
    event.preventDefault();
    showWindow({
      target: input('window-target').value,
      // Left empty, the as-of is the API's: today (the answer says how far the record reaches).
      as_of: input('window-as-of').value,
      from: input('window-from').value,
      until: input('window-until').value,
    });
  });
  // A shared link answers at once, with the address's own values (a value the date fields cannot hold still reaches the API, which says what is wrong with it).
  if (asked.has('until')) {
    return showWindow({ target: asked.get('target') ?? pageTarget, as_of: asked.get('as_of'), from: asked.get('from'), until: asked.get('until') });
  }
  return Promise.resolve();
}

run(async () => {
  status('Computing the forecasts…');
  const f = await freshness();
  // Forecasts "now" from a record that ended long ago would read a quiet spell into the gap: they
  // are made as of the record's end instead, and say so.
  record = f;
  asOf = f.counted_to;
  fill('now-heading', f.stale ? `As of the record's end (${asOf})` : `Now (${asOf})`);
  forecasts = await api(`/api/forecasts?as_of=${asOf}`);
  const targets = [...new Set(forecasts.map(f => f.target))];
  fill('target', targets.map(t => el('option', { value: t }, targetName(t))));
  // A link from elsewhere (a question's model forecast) can name the target: /forecast.html?target=icbm.
  const asked = new URLSearchParams(window.location.search).get('target');
  if (targets.includes(asked)) document.getElementById('target').value = asked;
  document.getElementById('choose').addEventListener('change', () => run(show));
  // A window in the address (/forecast.html?target=icbm&as_of=2025-06-30&until=2025-12-31) is answered while the rest loads.
  const windowShown = windowForm(targets, document.getElementById('target').value);
  await show();
  // A target the address names that is not one (a mistyped link) is said, not silently replaced.
  if (asked && !targets.includes(asked)) {
    status(`'${asked}' in the address is not a forecast target; showing ${targetName(document.getElementById('target').value)}. The targets: ${targets.join(', ')}.`, true);
  }
  await windowShown;
  // The note keeps its link to the table when the figures cannot be had now (the client's analysis budget spent).
  await crowdNote().catch(() => {});
});
