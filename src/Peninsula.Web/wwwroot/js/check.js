import { api, el, eventLink, fill, kindName, run, status } from './common.js';

const labels = { supported: 'Supported', refuted: 'Refuted', 'not-enough-evidence': 'Not enough evidence' };
const swatches = { supported: '#dff3e4', refuted: '#fbe0e0', 'not-enough-evidence': '#fff2c7' };

const claimKinds = {
  event: 'an event at a time', ordinal: 'an ordinal (its sixth ...)', count: 'a count', system: 'a weapon system',
  coincidence: 'a coincidence with another event', recency: 'a recency (recently ...)', first: 'a first',
  superlative: 'a superlative (its largest ...)', absence: 'that something did not happen',
};

/** What the record says about one claim: verdict, reason, facets and the events that decide it. */
function detail(claim) {
  const facets = [
    ['Kind of claim', claimKinds[claim.kind] ?? claim.kind],
    ['About', kindName(claim.event_kind)],
    ['Period (Korean dates)', claim.period?.replace('..', ' to ')],
    ['Attributed to', claim.attributed_to],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '');
  return [
    el('p', {}, el('span', { class: `verdict ${claim.verdict}` }, labels[claim.verdict] ?? claim.verdict)),
    el('p', {}, el('q', {}, claim.text)),
    el('p', {}, `${claim.reason.charAt(0).toUpperCase()}${claim.reason.slice(1)}.`),
    el('dl', { class: 'facets' }, facets.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
    el('p', { class: 'note' }, 'Each fact the claim states, against the record (✓ agrees, ✗ contradicted, ? cannot decide):'),
    el('ul', { class: 'facet-checks' }, (claim.facets ?? []).map(f => el('li', { class: `facet ${f.result}` },
      `${f.facet} ${f.stated} ${f.mark} — ${f.record}`))),
    claim.evidence.length
      ? [el('p', { class: 'note' }, 'Evidence in the record:'), el('ul', {}, claim.evidence.map(id => el('li', {}, eventLink(id))))]
      : el('p', { class: 'note' }, 'No event in the record bears on it.'),
  ];
}

/** Shows one claim's details beside the article and marks it as the one selected. */
function select(claim, mark) {
  for (const other of document.querySelectorAll('#highlighted mark[aria-pressed="true"]')) other.setAttribute('aria-pressed', 'false');
  mark.setAttribute('aria-pressed', 'true');
  fill('detail', el('h2', {}, 'This claim'), detail(claim));
}

/**
 * The article as text with each claim in a <mark> followed by its verdict, built from text nodes
 * only. A click (or Enter) on a claim shows its facets and evidence beside the article.
 */
function highlight(text, claims) {
  const container = el('div', { class: 'article' });
  let at = 0;
  const sorted = [...claims].sort((a, b) => a.start - b.start);
  sorted.forEach((claim, i) => {
    if (claim.start < at) return;
    container.append(document.createTextNode(text.slice(at, claim.start)));
    const mark = el('mark', { class: claim.verdict, id: `claim-mark-${i}`, tabindex: 0, role: 'button', 'aria-pressed': 'false',
      title: `${labels[claim.verdict]}: ${claim.reason}` }, text.slice(claim.start, claim.end));
    mark.addEventListener('click', () => select(claim, mark));
    mark.addEventListener('keydown', event => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select(claim, mark);
      }
    });
    container.append(mark, el('span', { class: `badge ${claim.verdict}` }, labels[claim.verdict] ?? claim.verdict));
    at = claim.end;
  });
  container.append(document.createTextNode(text.slice(at)));
  return container;
}

async function check() {
  const text = document.getElementById('article').value;
  const published = document.getElementById('published').value.trim();
  if (published && !/^\d{4}-\d{2}-\d{2}$/.test(published)) {
    status(`Published: '${published}' is not a date written YYYY-MM-DD (for example 2024-10-31), as every date here is.`, true);
    return;
  }
  const button = document.getElementById('check');
  button.disabled = true;
  status('Checking…');
  try {
    const query = new URLSearchParams({ clock: document.getElementById('clock').value });
    if (published) query.set('published', published);
    const result = await api(`/api/check?${query}`, {
      method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8', Accept: 'application/json' }, body: text,
    });
    const s = result.summary;
    fill('summary', el('p', { class: 'answer' },
      `${result.claims.length} claims checked: ${s.supported} supported, ${s.refuted} refuted, ${s.not_enough_evidence} that the record cannot decide; ${s.not_checked} statements of intention or opinion not checked.`),
    el('p', { class: 'note' }, `Dates anchored on ${result.anchor}. The record covers events to ${result.record_end} (Korean dates).`),
    result.notice ? el('p', { class: 'note' }, result.notice) : null);
    fill('legend', Object.entries(labels).map(([k, v]) => {
      const item = el('span', {}, v);
      item.style.setProperty('--swatch', swatches[k]);
      return item;
    }));
    fill('highlighted', el('h2', {}, 'The article'), highlight(text, result.claims));
    fill('detail', result.claims.length
      ? [el('h2', {}, 'This claim'), el('p', { class: 'note' }, 'Click a highlighted claim to see why the record supports it, refutes it or cannot decide, and the events it rests on.')]
      : null);
    fill('claims', el('h2', {}, 'Claim by claim'), el('ol', { class: 'claims' }, result.claims.map(c => el('li', { class: 'claim' },
      el('q', {}, c.text), ' ', el('span', { class: `verdict ${c.verdict}` }, labels[c.verdict] ?? c.verdict), ` (${c.kind}): ${c.reason}`,
      ' ', el('span', { class: 'facet-line' }, (c.facets ?? []).map(f => `${f.facet} ${f.stated} ${f.mark}`).join(' · ')),
      c.evidence.length ? [' Evidence: ', c.evidence.map((id, i) => [i ? ', ' : '', eventLink(id)]).flat()] : null))),
    result.unread?.length ? [el('h2', {}, 'Not read'), el('ul', {}, result.unread.map(x => el('li', {}, el('q', {}, x.text), ` (${x.reason})`)))] : null,
    result.statements.length ? [el('h2', {}, 'Not checked (intentions and opinions)'), el('ul', {}, result.statements.map(x => el('li', {}, el('q', {}, x.text), ` (${x.kind})`)))] : null);
    status('');
    document.getElementById('summary').scrollIntoView({ block: 'start' });
  } finally {
    button.disabled = false;
  }
}

document.getElementById('check-form').addEventListener('submit', event => { event.preventDefault(); run(check); });
status('Paste an article and press Check.');
