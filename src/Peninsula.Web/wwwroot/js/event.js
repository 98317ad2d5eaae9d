import { api, el, fill, run, safeUrl, status, table } from './common.js';

function value(v) {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return '–';
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}

function link(url, text) {
  const href = safeUrl(url);
  return href ? el('a', { href, rel: 'noopener noreferrer' }, text ?? url) : value(text ?? url);
}

/** The yield as the CLI gives it: the central estimate with the range of published estimates. */
function yieldText(f) {
  const has = v => v !== null && v !== undefined;
  const range = has(f.yield_kt_low) ? `${f.yield_kt_low}–${f.yield_kt_high}` : null;
  if (has(f.yield_kt)) return range ? `${f.yield_kt} (estimates ${range})` : String(f.yield_kt);
  return range;
}

run(async () => {
  const id = new URLSearchParams(window.location.search).get('id');
  if (!id) {
    status('Name an event: /event.html?id=EVENT-ID.', true);
    return;
  }
  const e = await api(`/api/events/${encodeURIComponent(id)}`);
  document.title = `${e.title} · Peninsula`;
  fill('title', e.title);
  const f = e.figures ?? {};
  const rows = [
    ['Id', e.id], ['Kind', e.kind], ['Class', e.class], ['Date (Korean, UTC+9)', e.end_date ? `${e.date} to ${e.end_date}` : e.date],
    ['Date precision', e.date_precision], ['Instant (UTC)', e.utc_instant], ['Actors', e.actors], ['People', e.people],
    ['Weapon system', e.system ? `${e.system.name}${e.system.aliases?.length ? ` (also ${e.system.aliases.join(', ')})` : ''}` : null],
    ['Site', e.site ? `${e.site.name}${e.site.lat !== null ? ` (${e.site.lat}, ${e.site.lon})` : ''}` : null],
    ['Number fired', f.number_fired], ['Apogee (km)', f.apogee_km], ['Range (km)', f.range_km],
    ['Landing area', f.landing_area?.replaceAll('-', ' ')],
    ['Yield (kt)', yieldText(f)],
    ['Magnitude', f.magnitude], ['Outcome', e.outcome], ['Summary', e.summary],
  ];
  fill('fields', rows.flatMap(([name, v]) => [el('dt', {}, name), el('dd', {}, value(v))]));
  fill('sources', table([
    { label: 'Source', value: s => link(s.url, s.name) },
    { label: 'Dated', value: s => value(s.date) },
    { label: 'Dataset and row', value: s => [s.dataset, s.record].filter(Boolean).join(' ') || '–' },
    { label: 'Original label', value: s => value(s.original_label) },
    { label: 'Imported by', value: s => value(s.importer) },
  ], e.sources ?? [], 'Sources'));
  const history = await api(`/api/events/${encodeURIComponent(id)}/audit`);
  fill('history', table([
    { label: 'When (UTC)', value: a => a.at },
    { label: 'Change', value: a => a.operation },
    { label: 'Made by', value: a => a.origin },
  ], history, 'History'));
  status('');
});
