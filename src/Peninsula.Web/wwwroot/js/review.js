import { api, el, eventLink, fill, run, safeUrl, status } from './common.js';

const keyField = document.getElementById('key');
const showField = document.getElementById('show');
keyField.value = sessionStorage.getItem('peninsula-api-key') ?? '';
keyField.addEventListener('change', () => sessionStorage.setItem('peninsula-api-key', keyField.value.trim()));

function link(url, text) {
  const href = safeUrl(url);
  return href ? el('a', { href, rel: 'noopener noreferrer' }, text) : el('span', {}, text);
}

/** A document's headline and the sentences of it that report the event, each in a mark. */
function documentBlock(proposal, d) {
  const sentences = proposal.sentences.filter(s => s.document === d.url);
  return el('li', {},
    link(d.url, d.title), ` (${d.publisher}, ${d.published})`,
    sentences.length ? el('blockquote', {}, sentences.map(s => [el('mark', { class: 'supported' }, s.text), ' '])) : null);
}

async function decide(item, action) {
  const key = keyField.value.trim();
  if (!key) {
    status('Writes need an API key: paste one above (peninsula apikey create NAME makes one).', true);
    keyField.focus();
    return;
  }
  sessionStorage.setItem('peninsula-api-key', key);
  const options = { method: 'POST', headers: { Accept: 'application/json', 'X-Api-Key': key } };
  if (action === 'reject') {
    const reason = document.getElementById(`reason-${item.id}`)?.value.trim();
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify({ reason: reason || null });
  }
  try {
    const answer = await api(`/api/review/${encodeURIComponent(item.id)}/${action}`, options);
    status(action === 'accept' ? `Accepted ${item.id}: the record now holds ${answer.id}.` : `Rejected ${item.id}.`);
    await load();
  } catch (error) {
    status(error.message, true);
  }
}

function card(item) {
  const p = item.proposal;
  const what = [p.kind, p.class, p.system].filter(Boolean).join(' · ');
  const decided = item.status === 'pending' ? null
    : el('p', { class: 'note' }, `${item.status} by ${item.decided_by ?? 'someone'}`, item.event_id ? [' as ', eventLink(item.event_id)] : null, item.note ? `: ${item.note}` : null);
  const actions = item.status !== 'pending' ? null : el('div', { class: 'controls' },
    el('button', { type: 'button', 'data-action': 'accept' }, 'Accept'),
    el('label', { for: `reason-${item.id}` }, 'Reason'),
    el('input', { id: `reason-${item.id}`, type: 'text', placeholder: 'not an event, another country’s …' }),
    el('button', { type: 'button', 'data-action': 'reject' }, 'Reject'));
  actions?.querySelectorAll('button').forEach(b => b.addEventListener('click', () => decide(item, b.dataset.action)));
  return el('section', { class: 'card', 'aria-labelledby': `h-${item.id}` },
    el('h2', { id: `h-${item.id}` }, `${p.date} ${what}`),
    el('p', {}, `Confidence ${p.confidence.toFixed(2)}, ${p.documents.length} document${p.documents.length === 1 ? '' : 's'}`,
      p.count !== null ? `, ${p.count} fired` : '', p.site ? `, from ${p.site}` : '', `. Id ${item.id}.`),
    decided,
    el('ul', {}, p.documents.map(d => documentBlock(p, d))),
    actions);
}

async function load() {
  const items = await api(`/api/review?status=${encodeURIComponent(showField.value)}`);
  fill('queue', items.map(card));
  if (!items.length) status(showField.value === 'pending' ? 'Nothing waits for review.' : `No proposals are ${showField.value}.`);
  else if (!document.getElementById('status').classList.contains('error')) status(`${items.length} proposal${items.length === 1 ? '' : 's'}; dates are Korean dates (UTC+9).`);
}

showField.addEventListener('change', () => run(load));
run(load);
