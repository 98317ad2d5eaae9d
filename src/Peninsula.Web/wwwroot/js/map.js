import { api, classColour, className, contextColour, launchClasses, el, eventLink, fill, kindName, run, status, table } from './common.js';

const d3 = window.d3;
const topojson = window.topojson;
let launches = [];
let context = [];
let countries = null;

/** The context calendars' kinds drawn on the map, each with its own colour (common.js, none a launch class's) and one shape. */
const contextKinds = {
  'show-of-force': { colour: contextColour('show-of-force'), shape: 'symbolTriangle' },
  'diplomatic-visit': { colour: contextColour('diplomatic-visit'), shape: 'symbolSquare' },
  summit: { colour: contextColour('summit'), shape: 'symbolStar' },
  talks: { colour: contextColour('talks'), shape: 'symbolDiamond' },
  agreement: { colour: contextColour('agreement'), shape: 'symbolCross' },
  statement: { colour: contextColour('statement'), shape: 'symbolWye' },
  sanction: { colour: contextColour('sanction'), shape: 'symbolDiamond2' },
};
const located = e => e.site && e.site.lat !== null && e.site.lon !== null;


async function loadEvents(kinds, what) {
  const all = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await api(`/api/events?kind=${kinds}&order=oldest&limit=1000&offset=${offset}`);
    all.push(...page.events);
    status(`Loading ${what}… ${all.length.toLocaleString('en')}`);
    if (!page.next) break;
  }
  return all;
}

/** Events of the chosen year; an event that spans years counts in each. */
const ofYear = events => {
  const year = document.getElementById('year').value;
  return events.filter(e => !year || (e.date.slice(0, 4) <= year && (e.end_date ?? e.date).slice(0, 4) >= year));
};
const inYear = () => ofYear(launches);

function selected() {
  const classes = new Set([...document.querySelectorAll('#classes input:checked')].map(i => i.value));
  return inYear().filter(e => classes.has(e.class ?? 'unknown'));
}

/** The class and kind boxes show how many launches of each class, and placed context events of each kind, the chosen year has. */
function updateCounts() {
  const counts = d3.rollup(inYear(), v => v.length, e => e.class ?? 'unknown');
  for (const box of document.querySelectorAll('#classes input')) {
    box.parentElement.querySelector('.count').textContent = `(${(counts.get(box.value) ?? 0).toLocaleString('en')})`;
  }
  const kinds = d3.rollup(ofYear(context), v => v.length, e => e.kind);
  for (const box of document.querySelectorAll('#context-kinds input')) {
    box.parentElement.querySelector('.count').textContent = `(${(kinds.get(box.value) ?? 0).toLocaleString('en')})`;
  }
}

/**
 * The context events of the kinds chosen, grouped by place: one mark per place and kind, set
 * around the place when it has several kinds, so that none hides another.
 */
function contextPlaces(projection, width, height) {
  const kinds = new Set([...document.querySelectorAll('#context-kinds input:checked')].map(i => i.value));
  const shown = ofYear(context).filter(e => kinds.has(e.kind));
  const places = d3.rollups(shown, v => v, e => `${e.site.lat},${e.site.lon}`).map(([, events]) => {
    const [x, y] = projection([events[0].site.lon, events[0].site.lat]);
    const name = d3.least(events.map(e => e.site.name), n => n.length);
    const byKind = d3.rollups(events, v => v, e => e.kind).sort((a, b) => Object.keys(contextKinds).indexOf(a[0]) - Object.keys(contextKinds).indexOf(b[0]));
    return { name, x, y, events, byKind, onMap: x >= 0 && x <= width && y >= 0 && y <= height };
  });
  const marks = places.filter(p => p.onMap).flatMap(p => p.byKind.map(([kind, events], i) => {
    const turn = (2 * Math.PI * i) / p.byKind.length;
    const spread = p.byKind.length > 1 ? 9 : 0;
    return { place: p, kind, events, x: p.x + spread * Math.cos(turn), y: p.y + spread * Math.sin(turn) };
  }));
  return { shown, places: places.sort((a, b) => b.events.length - a.events.length || (a.name < b.name ? -1 : 1)), marks };
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
  const placed = shown.filter(located);
  const sites = d3.rollups(placed, v => ({ site: v[0].site, launches: v, main: mainClass(v) }), e => e.site.name).map(([, s]) => s)
    .sort((a, b) => b.launches.length - a.launches.length);
  const showRanges = document.getElementById('ranges').checked;
  const width = 900, height = 620;
  const projection = d3.geoMercator().fitExtent([[10, 10], [width - 10, height - 10]],
    { type: 'MultiPoint', coordinates: [[114.8, 30.5], [146, 45.5]] });
  const path = d3.geoPath(projection);
  const svg = d3.create('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img')
    .attr('aria-label', `Map of Korea, Japan and north-east China: ${placed.length} launches from ${sites.length} sites, coloured by their most frequent class, and context events by kind. The tables below list the sites and the places.`);
  svg.append('rect').attr('width', width).attr('height', height).attr('fill', '#dceaf5');
  svg.append('g').selectAll('path').data(countries.features).join('path')
    .attr('class', 'country').attr('d', path).attr('fill', d => (d.properties.name === 'North Korea' ? '#f1e4d0' : '#f7f7f2'))
    .attr('stroke', '#7d8a96').attr('stroke-width', 0.6);
  const ranged = placed.filter(e => e.figures.range_km > 0);
  if (showRanges) {
    svg.append('g').attr('fill', 'none').attr('stroke-opacity', 0.45).selectAll('path')
      .data(ranged).join('path')
      .attr('class', 'range').attr('stroke', e => classColour(e.class))
      .attr('d', e => path(d3.geoCircle().center([e.site.lon, e.site.lat]).radius(e.figures.range_km / 111.195).precision(2)()))
      .append('title').text(e => `${e.date} ${e.title}: reported range ${e.figures.range_km} km`);
  }
  const radius = d3.scaleSqrt().domain([0, d3.max(sites, s => s.launches.length) || 1]).range([0, 18]);
  const site = svg.append('g').selectAll('circle').data(sites).join('circle')
    .attr('class', 'site').attr('cx', s => projection([s.site.lon, s.site.lat])[0]).attr('cy', s => projection([s.site.lon, s.site.lat])[1])
    .attr('r', s => Math.max(3, radius(s.launches.length))).attr('fill', s => classColour(s.main)).attr('fill-opacity', 0.8)
    .attr('stroke', '#fff').attr('stroke-width', 1);
  site.append('title').text(s => `${s.site.name}: ${s.launches.length} ${s.launches.length === 1 ? 'launch' : 'launches'}, mostly ${className(s.main)}`);
  const ctx = contextPlaces(projection, width, height);
  const size = d3.scaleSqrt().domain([1, d3.max(ctx.marks, m => m.events.length) || 1]).range([70, 420]);
  const mark = svg.append('g').selectAll('path').data(ctx.marks).join('path')
    .attr('class', 'context').attr('data-kind', m => m.kind)
    .attr('transform', m => `translate(${m.x},${m.y})`)
    .attr('d', m => d3.symbol(d3[contextKinds[m.kind].shape], size(m.events.length))())
    .attr('fill', m => contextKinds[m.kind].colour).attr('fill-opacity', 0.85).attr('stroke', '#fff').attr('stroke-width', 1);
  mark.append('title').text(m => {
    const last = m.events[m.events.length - 1];
    return `${m.place.name}: ${m.events.length} ${kindName(m.kind).toLowerCase()}${m.events.length === 1 ? '' : ' events'}; latest ${last.date}, ${last.title}`;
  });
  fill('map', svg.node());

  const classesShown = [...new Set(sites.map(s => s.main).concat(showRanges ? ranged.map(e => e.class ?? 'unknown') : []))]
    .sort((a, b) => launchClasses.indexOf(a) - launchClasses.indexOf(b));
  const swatch = (cls, text, kind) => {
    const item = el('span', { class: kind }, text);
    item.style.setProperty('--swatch', classColour(cls));
    return item;
  };
  fill('map-legend', classesShown.map(c => swatch(c, className(c), 'dot')),
    showRanges ? el('span', { class: 'note' }, `Rings: ${ranged.length} reported ranges, in the colour of their class.`) : null);
  const kindsShown = Object.keys(contextKinds).filter(k => ctx.marks.some(m => m.kind === k));
  fill('context-legend', kindsShown.map(k => {
    const item = el('span', { class: 'mark' }, kindName(k));
    item.style.setProperty('--swatch', contextKinds[k].colour);
    return item;
  }));
  fill('places', ctx.places.length === 0 ? el('p', {}, 'No context event of the kinds chosen has a place with coordinates in the year chosen.') : table([
    { label: 'Place', value: p => p.name },
    { label: 'Events', value: p => p.events.length, num: true },
    { label: 'Kinds', value: p => p.byKind.map(([k, v]) => `${kindName(k)} ${v.length}`).join(', ') },
    { label: 'Latest', value: p => eventLink(p.events[p.events.length - 1].id, `${p.events[p.events.length - 1].date} ${p.events[p.events.length - 1].title}`) },
    { label: 'On the map', value: p => (p.onMap ? 'yes' : 'outside the map') },
  ], ctx.places, 'Places of context events'));

  fill('sites', table([
    { label: 'Site', value: s => s.site.name },
    { label: 'Launches', value: s => s.launches.length, num: true },
    { label: 'Most frequent class', value: s => className(s.main) },
    { label: 'Latest', value: s => s.launches[s.launches.length - 1].date },
    { label: 'Longest reported range (km)', value: s => d3.max(s.launches, e => e.figures.range_km) ?? '–', num: true },
  ], sites, 'Launch sites'));
  const unlocated = shown.length - placed.length;
  const elsewhere = ctx.places.filter(p => !p.onMap).reduce((n, p) => n + p.events.length, 0);
  status(`${shown.length.toLocaleString('en')} launches shown from ${sites.length} sites${unlocated ? `; ${unlocated} have no site coordinates in the record and are not drawn` : ''}. ` +
    `${ctx.shown.length.toLocaleString('en')} context events at ${ctx.places.length} places${elsewhere ? `, ${elsewhere} of them outside the map (listed under Places)` : ''}.`);
}

run(async () => {
  const [world, all, others] = await Promise.all([
    fetch('/lib/countries-50m.json').then(r => r.json()),
    loadEvents('missile-launch', 'launches'),
    loadEvents(Object.keys(contextKinds).join(','), 'context events'),
  ]);
  countries = topojson.feature(world, world.objects.countries);
  launches = all;
  context = others.filter(located);
  const placedKinds = new Set(context.map(e => e.kind));
  document.getElementById('context-kinds').append(...Object.keys(contextKinds).filter(k => placedKinds.has(k)).map(k =>
    el('label', { title: k }, el('input', { type: 'checkbox', value: k, checked: true }), ` ${kindName(k)} `, el('span', { class: 'count' }))));
  const years = [...new Set(launches.concat(context).map(e => e.date.slice(0, 4)))].sort().reverse();
  document.getElementById('year').append(...years.map(y => el('option', { value: y }, y)));
  const classes = [...d3.rollup(launches, v => v.length, e => e.class ?? 'unknown')].sort((a, b) => b[1] - a[1]);
  document.getElementById('classes').append(...classes.map(([c]) =>
    el('label', { title: c }, el('input', { type: 'checkbox', value: c, checked: true }), ` ${className(c)} `, el('span', { class: 'count' }))));
  document.getElementById('filters').addEventListener('change', draw);
  draw();
});
