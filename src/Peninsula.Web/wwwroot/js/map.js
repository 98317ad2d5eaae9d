import { api, className, el, fill, run, status, table } from './common.js';

const d3 = window.d3;
const topojson = window.topojson;
let launches = [];
let countries = null;

/** One fixed colour per class, so a class looks the same whatever the filters. */
const classColours = {
  srbm: '#0b5cad', crbm: '#16808a', mrbm: '#8e44ad', irbm: '#d35400', icbm: '#a3161b', slbm: '#1b7f3b',
  hgv: '#b03a7a', cruise: '#7f6a00', slv: '#34495e', sam: '#5d6d7e', unknown: '#8a8f94',
};
const colourOf = c => classColours[c ?? 'unknown'] ?? '#8a8f94';

async function loadLaunches() {
  const all = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await api(`/api/events?kind=missile-launch&order=oldest&limit=1000&offset=${offset}`);
    all.push(...page.events);
    status(`Loading launches… ${all.length.toLocaleString('en')}`);
    if (!page.next) break;
  }
  return all;
}

const inYear = () => {
  const year = document.getElementById('year').value;
  return launches.filter(e => !year || e.date.startsWith(year));
};

function selected() {
  const classes = new Set([...document.querySelectorAll('#classes input:checked')].map(i => i.value));
  return inYear().filter(e => classes.has(e.class ?? 'unknown'));
}

/** The class boxes show how many launches of each class the chosen year has. */
function updateCounts() {
  const counts = d3.rollup(inYear(), v => v.length, e => e.class ?? 'unknown');
  for (const box of document.querySelectorAll('#classes input')) {
    box.parentElement.querySelector('.count').textContent = `(${(counts.get(box.value) ?? 0).toLocaleString('en')})`;
  }
}

/** The class launched most often from a site (the latest wins a tie). */
function mainClass(siteLaunches) {
  const counts = d3.rollups(siteLaunches, v => ({ n: v.length, last: v[v.length - 1].date }), e => e.class ?? 'unknown');
  counts.sort((a, b) => b[1].n - a[1].n || (a[1].last < b[1].last ? 1 : -1));
  return counts[0][0];
}

function draw() {
  updateCounts();
  const shown = selected();
  const located = shown.filter(e => e.site && e.site.lat !== null && e.site.lon !== null);
  const sites = d3.rollups(located, v => ({ site: v[0].site, launches: v, main: mainClass(v) }), e => e.site.name).map(([, s]) => s)
    .sort((a, b) => b.launches.length - a.launches.length);
  const showRanges = document.getElementById('ranges').checked;
  const width = 900, height = 620;
  const projection = d3.geoMercator().fitExtent([[10, 10], [width - 10, height - 10]],
    { type: 'MultiPoint', coordinates: [[119, 31], [146, 45.5]] });
  const path = d3.geoPath(projection);
  const svg = d3.create('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img')
    .attr('aria-label', `Map of Korea and Japan: ${located.length} launches from ${sites.length} sites, coloured by their most frequent class. The table below lists the sites.`);
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', '#dceaf5');
  svg.append('g').selectAll('path').data(countries.features).join('path')
    .attr('class', 'country').attr('d', path).attr('fill', d => (d.properties.name === 'North Korea' ? '#f1e4d0' : '#f7f7f2'))
    .attr('stroke', '#7d8a96').attr('stroke-width', 0.6);
  const ranged = located.filter(e => e.figures.range_km > 0);
  if (showRanges) {
    svg.append('g').attr('fill', 'none').attr('stroke-opacity', 0.45).selectAll('path')
      .data(ranged).join('path')
      .attr('class', 'range').attr('stroke', e => colourOf(e.class))
      .attr('d', e => path(d3.geoCircle().center([e.site.lon, e.site.lat]).radius(e.figures.range_km / 111.195).precision(2)()))
      .append('title').text(e => `${e.date} ${e.title}: reported range ${e.figures.range_km} km`);
  }
  const radius = d3.scaleSqrt().domain([0, d3.max(sites, s => s.launches.length) || 1]).range([0, 18]);
  const site = svg.append('g').selectAll('circle').data(sites).join('circle')
    .attr('class', 'site').attr('cx', s => projection([s.site.lon, s.site.lat])[0]).attr('cy', s => projection([s.site.lon, s.site.lat])[1])
    .attr('r', s => Math.max(3, radius(s.launches.length))).attr('fill', s => colourOf(s.main)).attr('fill-opacity', 0.8)
    .attr('stroke', '#fff').attr('stroke-width', 1);
  site.append('title').text(s => `${s.site.name}: ${s.launches.length} ${s.launches.length === 1 ? 'launch' : 'launches'}, mostly ${className(s.main)}`);
  fill('map', svg.node());

  const classesShown = [...new Set(sites.map(s => s.main).concat(showRanges ? ranged.map(e => e.class ?? 'unknown') : []))]
    .sort((a, b) => Object.keys(classColours).indexOf(a) - Object.keys(classColours).indexOf(b));
  const swatch = (cls, text, kind) => {
    const item = el('span', { class: kind }, text);
    item.style.setProperty('--swatch', colourOf(cls));
    return item;
  };
  fill('map-legend', classesShown.map(c => swatch(c, className(c), 'dot')),
    showRanges ? el('span', { class: 'note' }, `Rings: ${ranged.length} reported ranges, in the colour of their class.`) : null);

  fill('sites', table([
    { label: 'Site', value: s => s.site.name },
    { label: 'Launches', value: s => s.launches.length, num: true },
    { label: 'Most frequent class', value: s => className(s.main) },
    { label: 'Latest', value: s => s.launches[s.launches.length - 1].date },
    { label: 'Longest reported range (km)', value: s => d3.max(s.launches, e => e.figures.range_km) ?? '–', num: true },
  ], sites, 'Launch sites'));
  const unlocated = shown.length - located.length;
  status(`${shown.length.toLocaleString('en')} launches shown from ${sites.length} sites${unlocated ? `; ${unlocated} have no site coordinates in the record and are not drawn` : ''}.`);
}

run(async () => {
  const [world, all] = await Promise.all([fetch('/lib/countries-50m.json').then(r => r.json()), loadLaunches()]);
  countries = topojson.feature(world, world.objects.countries);
  launches = all;
  const years = [...new Set(launches.map(e => e.date.slice(0, 4)))].sort().reverse();
  document.getElementById('year').append(...years.map(y => el('option', { value: y }, y)));
  const classes = [...d3.rollup(launches, v => v.length, e => e.class ?? 'unknown')].sort((a, b) => b[1] - a[1]);
  document.getElementById('classes').append(...classes.map(([c]) =>
    el('label', { title: c }, el('input', { type: 'checkbox', value: c, checked: true }), ` ${className(c)} `, el('span', { class: 'count' }))));
  document.getElementById('filters').addEventListener('change', draw);
  draw();
});
