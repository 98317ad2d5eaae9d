import { api, el, fill, num, pct, run, status, table } from './common.js';

const d3 = window.d3;
let forecasts = [];

function reliabilityChart(bins, model) {
  const size = 360, margin = 40;
  const x = d3.scaleLinear().domain([0, 1]).range([margin, size - 10]);
  const y = d3.scaleLinear().domain([0, 1]).range([size - margin, 10]);
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
  svg.append('text').attr('x', size / 2).attr('y', size - 6).attr('text-anchor', 'middle').attr('font-size', 11).text('forecast probability');
  return svg.node();
}

async function show() {
  const target = document.getElementById('target').value;
  const horizon = Number(document.getElementById('horizon').value);
  const rows = forecasts.filter(f => f.horizon_days === horizon);
  fill('forecasts', table([
    { label: 'Target', value: f => f.target },
    { label: `Probability within ${horizon} days`, value: f => pct(f.probability), num: true },
    { label: 'Base rate', value: f => pct(f.base_rate), num: true },
    { label: 'Biggest factors', value: f => f.factors.slice(0, 2).map(x => `${x.factor} ${(x.effect * 100).toFixed(1)} pts`).join(', ') || '–' },
  ], rows, 'Forecasts'));
  const chosen = forecasts.find(f => f.target === target && f.horizon_days === horizon);
  fill('explanation', el('h3', {}, `Why ${pct(chosen.probability)} for ${target} within ${horizon} days`), el('ul', {}, chosen.explanation.map(line => el('li', {}, line))));

  status('Scoring the models on past weekly forecasts…');
  const b = await api(`/api/backtest?target=${encodeURIComponent(target)}&horizon=${horizon}`);
  const model = b.models.find(m => m.model === b.forecast_model);
  fill('backtest-note', `${model.n} weekly forecasts from ${b.from} to ${b.to}, each made with only what was known that day; the target followed ${b.happened} of them. The forecast model is '${b.forecast_model}'. Skill is the Brier skill score against climatology (above 0 beats the base rate), with a 95% block-bootstrap interval.`);
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

run(async () => {
  status('Computing the forecasts…');
  forecasts = await api('/api/forecasts');
  const targets = [...new Set(forecasts.map(f => f.target))];
  fill('target', targets.map(t => el('option', { value: t }, t)));
  document.getElementById('choose').addEventListener('change', () => run(show));
  await show();
});
