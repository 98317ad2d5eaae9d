import { api, colour, el, fill, run, status, table } from './common.js';

const d3 = window.d3;
const topojson = window.topojson;
let launches = [];
let countries = null;

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

function selected() {
  const year = document.getElementById('year').value;
  const classes = new Set([...document.querySelectorAll('#classes input:checked')].map(i => i.value));
  return launches.filter(e => (!year || e.date.startsWith(year)) && classes.has(e.class ?? 'unknown'));
}

function draw() {
  const shown = selected();
  const located = shown.filter(e => e.site && e.site.lat !== null && e.site.lon !== null);
  const sites = d3.rollups(located, v => ({ site: v[0].site, launches: v }), e => e.site.name).map(([, s]) => s)
    .sort((a, b) => b.launches.length - a.launches.length);
  const width = 900, height = 620;
  const projection = d3.geoMercator().fitExtent([[10, 10], [width - 10, height - 10]],
    { type: 'MultiPoint', coordinates: [[119, 31], [146, 45.5]] });
  const path = d3.geoPath(projection);
  const svg = d3.create('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img')
    .attr('aria-label', `Map of Korea and Japan: ${located.length} launches from ${sites.length} sites. The table below lists the sites.`);
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', '#dceaf5');
  svg.append('g').selectAll('path').data(countries.features).join('path')
    .attr('class', 'country').attr('d', path).attr('fill', d => (d.properties.name === 'North Korea' ? '#f1e4d0' : '#f7f7f2'))
    .attr('stroke', '#7d8a96').attr('stroke-width', 0.6);
  if (document.getElementById('ranges').value === 'on') {
    svg.append('g').attr('fill', 'none').attr('stroke-opacity', 0.35).selectAll('path')
      .data(located.filter(e => e.figures.range_km > 0)).join('path')
      .attr('class', 'range').attr('stroke', e => colour(e.class ?? 'unknown'))
      .attr('d', e => path(d3.geoCircle().center([e.site.lon, e.site.lat]).radius(e.figures.range_km / 111.195).precision(2)()))
      .append('title').text(e => `${e.date} ${e.title}: reported range ${e.figures.range_km} km`);
  }
  const radius = d3.scaleSqrt().domain([1, d3.max(sites, s => s.launches.length) || 1]).range([3, 16]);
  svg.append('g').selectAll('circle').data(sites).join('circle')
    .attr('class', 'site').attr('cx', s => projection([s.site.lon, s.site.lat])[0]).attr('cy', s => projection([s.site.lon, s.site.lat])[1])
    .attr('r', s => radius(s.launches.length)).attr('fill', '#a3161b').attr('fill-opacity', 0.75).attr('stroke', '#fff')
    .append('title').text(s => `${s.site.name}: ${s.launches.length} launches`);
  fill('map', svg.node());
  fill('sites', table([
    { label: 'Site', value: s => s.site.name },
    { label: 'Launches', value: s => s.launches.length, num: true },
    { label: 'Latest', value: s => s.launches[s.launches.length - 1].date },
    { label: 'Longest reported range (km)', value: s => d3.max(s.launches, e => e.figures.range_km) ?? '–', num: true },
  ], sites, 'Launch sites'));
  const unlocated = shown.length - located.length;
  status(`${shown.length.toLocaleString('en')} launches shown${unlocated ? `; ${unlocated} have no site coordinates in the record and are not drawn` : ''}.`);
}

run(async () => {
  const [world, all] = await Promise.all([fetch('/lib/countries-50m.json').then(r => r.json()), loadLaunches()]);
  countries = topojson.feature(world, world.objects.countries);
  launches = all;
  const years = [...new Set(launches.map(e => e.date.slice(0, 4)))].sort().reverse();
  document.getElementById('year').append(...years.map(y => el('option', { value: y }, y)));
  const classes = [...d3.rollup(launches, v => v.length, e => e.class ?? 'unknown')].sort((a, b) => b[1] - a[1]);
  document.getElementById('classes').append(...classes.map(([c, n]) =>
    el('label', {}, el('input', { type: 'checkbox', value: c, checked: true }), ` ${c} (${n})`)));
  document.getElementById('filters').addEventListener('change', draw);
  draw();
});
