// Shared helpers of the dashboard pages. Every piece of text from the record or from an article is
// put on the page with textContent (never innerHTML), so nothing in it can run as markup.

export const KST = 'Korean dates (UTC+9)';

/** Builds an element: el('a', { href: '/x', class: 'y' }, 'text', child, ...). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Fetches JSON from the API; a Problem Details error becomes an Error with its detail. */
export async function api(path, options = {}) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, ...options });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const detail = typeof body === 'object' && body ? (body.detail ?? body.title) : String(body);
    throw new Error(detail || `The server answered ${response.status}.`);
  }
  return body;
}

/** Shows a message in the page's status line (role=status, so screen readers hear it). */
export function status(message, isError = false) {
  const line = document.getElementById('status');
  if (!line) return;
  line.textContent = message ?? '';
  line.classList.toggle('error', Boolean(isError));
}

let freshnessAnswer;

/**
 * How current the record is, from the server's clock: { today, latest_event, record_end, days_old,
 * stale, counted_to }. Asked once per page.
 */
export function freshness() {
  freshnessAnswer ??= api('/api/freshness');
  return freshnessAnswer;
}

/** The "data as of" banner under the navigation when the record's end is more than 30 days before today. */
async function showFreshness() {
  if (document.getElementById('freshness')) return;
  let f;
  try {
    f = await freshness();
  } catch {
    return; // the page's own loader reports a server that does not answer
  }
  if (!f.stale) return;
  const days = f.days_old.toLocaleString('en');
  const banner = el('p', { id: 'freshness', class: 'banner', role: 'note' },
    el('strong', {}, `Data as of ${f.record_end}.`),
    ` The record ends ${days} days before today (${f.today} in Korea); its latest North Korean action is on ${f.latest_event}. `,
    `Figures on this page are counted to ${f.record_end}, not to today; anything since is missing until it is imported or added (peninsula events add).`);
  document.querySelector('main')?.prepend(banner);
}

/**
 * Runs a page's loader, reporting failures in the status line instead of the console. The loader
 * starts once the freshness banner is in place (one small request), so that the banner never
 * arrives above content already shown and moves it from under the reader's pointer.
 */
export async function run(loader) {
  await bannerShown;
  try {
    await loader();
  } catch (error) {
    status(`Could not load this page's data: ${error.message}`, true);
  }
}

// Every page imports this module, so every page shows the banner, whatever else it loads.
const bannerShown = showFreshness();

/** A link to an event's own page. */
export function eventLink(id, text) {
  return el('a', { href: `/event.html?id=${encodeURIComponent(id)}` }, text ?? id);
}

/** Only web addresses become links; anything else (javascript:, data:) stays text. */
export function safeUrl(url) {
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function pct(p) {
  if (p === null || p === undefined || Number.isNaN(p)) return '–';
  const value = p * 100;
  return `${value < 1 ? value.toFixed(2) : value.toFixed(1)}%`;
}

export function num(x, digits = 3) {
  return x === null || x === undefined ? '–' : Number(x).toFixed(digits);
}

/** A difference with its sign: '+0.051', '-0.002'. */
export function signed(x, digits = 3) {
  return (x > 0 ? '+' : '') + num(x, digits);
}

export function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

/** A table from column definitions [{ label, value: row => text|Node, num: bool }]. */
export function table(columns, rows, caption) {
  const head = el('thead', {}, el('tr', {}, columns.map(c => el('th', { scope: 'col', class: c.num ? 'num' : null }, c.label))));
  const body = el('tbody', {}, rows.map(row => el('tr', {}, columns.map(c => el('td', { class: c.num ? 'num' : null }, c.value(row))))));
  return el('div', { class: 'table-wrap' }, el('table', {}, caption ? el('caption', { class: 'visually-hidden' }, caption) : null, head, body));
}

/** Fills a container, replacing what it held. */
export function fill(id, ...children) {
  const node = typeof id === 'string' ? document.getElementById(id) : id;
  node.replaceChildren(...children.flat(Infinity).filter(c => c !== null && c !== undefined));
  return node;
}

/** Marks the current page in the navigation. */
export function markNavigation() {
  const here = window.location.pathname === '/' ? '/index.html' : window.location.pathname;
  for (const link of document.querySelectorAll('header nav a')) {
    if (link.getAttribute('href') === here || (here === '/index.html' && link.getAttribute('href') === '/')) {
      link.setAttribute('aria-current', 'page');
    }
  }
}

/** Readable names for the record's missile classes (the slugs stay in URLs and the API). */
const classNames = {
  srbm: 'Short-range ballistic (SRBM)', crbm: 'Close-range ballistic (CRBM)', mrbm: 'Medium-range ballistic (MRBM)',
  irbm: 'Intermediate-range ballistic (IRBM)', icbm: 'Intercontinental ballistic (ICBM)', slbm: 'Submarine-launched ballistic (SLBM)',
  hgv: 'Hypersonic glide vehicle', cruise: 'Cruise missile', slv: 'Space launch vehicle', sam: 'Surface-to-air missile', unknown: 'Unidentified',
};
export function className(slug) {
  return classNames[slug ?? 'unknown'] ?? slug;
}

/** A kind of event in words: missile-launch -> 'Missile launch'. */
export function kindName(slug) {
  if (!slug) return '';
  const words = slug.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Readable names for the forecast targets. */
const targetNames = {
  'any-missile': 'Any missile', ballistic: 'Ballistic or space launch', 'irbm-plus': 'IRBM or longer', icbm: 'ICBM',
  'nuclear-test': 'Nuclear test', 'satellite-launch': 'Satellite launch', artillery: 'Artillery or other incident',
};
export function targetName(slug) {
  return targetNames[slug] ?? slug;
}

/** One fixed colour per launch class, the same on every page and whatever the filters. */
const classColours = {
  srbm: '#0b5cad', crbm: '#16808a', mrbm: '#8e44ad', irbm: '#d35400', icbm: '#a3161b', slbm: '#1b7f3b',
  hgv: '#b03a7a', cruise: '#7f6a00', slv: '#34495e', sam: '#5d6d7e', unknown: '#8a8f94',
};
/** The launch classes in the order legends list them, shortest range first. */
export const launchClasses = Object.keys(classColours);
export function classColour(c) {
  return classColours[c ?? 'unknown'] ?? classColours.unknown;
}

/**
 * One fixed colour per kind of context event on the map, none of them a launch class's colour, so
 * that a mark is never read as a launch of some class: near-black, lime, gold, indigo, brown, cyan, pink.
 */
const contextColours = {
  'show-of-force': '#1f1f1f', 'diplomatic-visit': '#7cb342', summit: '#e0a800', talks: '#5c6bc0',
  agreement: '#795548', statement: '#26c6da', sanction: '#ec407a',
};
export function contextColour(kind) {
  return contextColours[kind];
}

/** Colours by class (fixed) or by any other key, readable on white; the same key always gets the same colour. */
const palette = ['#0b5cad', '#c0392b', '#1b7f3b', '#8e44ad', '#d35400', '#16808a', '#7f6a00', '#b03a7a', '#34495e', '#5d6d7e', '#a04000', '#117a65'];
const assigned = new Map();
export function colour(key) {
  if (Object.hasOwn(classColours, key)) return classColours[key];
  if (!assigned.has(key)) assigned.set(key, palette[assigned.size % palette.length]);
  return assigned.get(key);
}

markNavigation();
