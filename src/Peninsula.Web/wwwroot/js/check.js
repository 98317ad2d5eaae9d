import { api, el, eventLink, fill, run, status } from './common.js';

const labels = { supported: 'Supported', refuted: 'Refuted', 'not-enough-evidence': 'Not enough evidence' };
const swatches = { supported: '#dff3e4', refuted: '#fbe0e0', 'not-enough-evidence': '#fff2c7' };

/** The article as text with each claim in a <mark>, built from text nodes only. */
function highlight(text, claims) {
  const container = el('div', { class: 'article' });
  let at = 0;
  const sorted = [...claims].sort((a, b) => a.start - b.start);
  sorted.forEach((claim, i) => {
    if (claim.start < at) return;
    container.append(document.createTextNode(text.slice(at, claim.start)));
    container.append(el('mark', { class: claim.verdict, id: `claim-mark-${i}`, title: `${labels[claim.verdict]}: ${claim.reason}` },
      text.slice(claim.start, claim.end)));
    at = claim.end;
  });
  container.append(document.createTextNode(text.slice(at)));
  return container;
}

async function check() {
  const text = document.getElementById('article').value;
  const published = document.getElementById('published').value;
  const button = document.getElementById('check');
  button.disabled = true;
  status('Checking…');
  try {
    const result = await api(`/api/check${published ? `?published=${published}` : ''}`, {
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
    fill('claims', el('h2', {}, 'Claim by claim'), el('ol', { class: 'claims' }, result.claims.map(c => el('li', { class: 'claim' },
      el('q', {}, c.text), ' ', el('span', { class: `verdict ${c.verdict}` }, labels[c.verdict] ?? c.verdict), ` (${c.kind}): ${c.reason}`,
      c.evidence.length ? [' Evidence: ', c.evidence.map((id, i) => [i ? ', ' : '', eventLink(id)]).flat()] : null))),
    result.statements.length ? [el('h2', {}, 'Not checked (intentions and opinions)'), el('ul', {}, result.statements.map(x => el('li', {}, el('q', {}, x.text), ` (${x.kind})`)))] : null);
    status('');
  } finally {
    button.disabled = false;
  }
}

document.getElementById('check-form').addEventListener('submit', event => { event.preventDefault(); run(check); });
status('Paste an article and press Check.');
