// #/event/ID: every field of a fused event, its sources, its revisions, and
// each source article with the event's evidence highlighted.
import { get } from '../api.js';
import { h, clear, fmtDate, fmtRange, fmtInt, fmtTime, typeBadge, modalityBadge, actorLink, loading, errorBox, names } from '../util.js';
import { article } from './article.js';

export async function renderEvent(main, ctx, id) {
  main.append(loading('Loading event…'));
  let r;
  try {
    r = await get('events/' + encodeURIComponent(id), {}, { signal: ctx.signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    clear(main).append(h('div.page', h('p', h('a', { href: '#/events' }, '← events')), errorBox(e, 'event ' + id)));
    return;
  }
  clear(main);
  const e = r.event;
  const docs = r.documents || [];
  const docById = new Map(docs.map((d) => [d.id, d]));
  const loc = e.location || {};
  const row = (k, ...v) => {
    const vals = v.flat().filter((x) => x != null && x !== '');
    return vals.length ? [h('dt', k), h('dd', vals)] : [h('dt', k), h('dd.muted', '—')];
  };
  const actorList = (xs) => (xs || []).map((a, i) => [i ? ', ' : '', typeof a === 'string' ? a : actorLink(a)]);
  const partyList = (xs) => (xs || []).map((a, i) => [i ? ', ' : '', typeof a === 'string' ? a : a.entity ? h('span', { title: a.entity }, a.name) : a.name]);
  const fat = e.fatalities;
  const inj = e.injuries;

  const fields = h(
    'dl.fields',
    row('Type', typeBadge(e.type, e.subtype)),
    row('Date', fmtDate(e.date), e.date && e.date.precision ? h('span.muted', ` · precision: ${e.date.precision}`) : null, e.date && e.date.text ? h('span.muted', ` · “${e.date.text}”`) : null),
    row(
      'Place',
      [loc.name, loc.admin1, loc.country].filter(Boolean).join(', '),
      loc.precision ? h('span.muted', ` · precision: ${loc.precision}`) : null,
      loc.lat != null ? h('span.muted', ` · ${(+loc.lat).toFixed(3)}, ${(+loc.lon).toFixed(3)}`) : null,
      loc.geonames_id ? h('span.muted', ` · GeoNames ${loc.geonames_id}`) : null,
      loc.country
        ? [
            ' ',
            h('a.small.countrylink', { href: '#/country/' + encodeURIComponent(loc.country), title: 'the country page' }, `country ${loc.country} →`),
            ' ',
            h('a.small', { href: '#/events?country=' + encodeURIComponent(loc.country) }, `events in ${loc.country} →`),
          ]
        : null,
    ),
    row('Actors', actorList(e.actors)),
    row('Claimed by', actorList(e.claimed_by)),
    row('Targets', partyList(e.targets)),
    row('Victims', partyList(e.victims)),
    row('Perpetrator nationality', names(e.perpetrator_nationality).join(', ')),
    row(
      'Fatalities',
      fmtRange(e.fatality_range, fat),
      e.fatality_range ? h('span.muted', ` · low ${fmtInt(e.fatality_range.low)}, best ${fmtInt(e.fatality_range.best)}, high ${fmtInt(e.fatality_range.high)}`) : null,
      fat && fat.qualifier ? h('span.muted', ` · ${fat.qualifier}`) : null,
      fat && fat.text ? h('span.muted', ` · “${fat.text}”`) : null,
    ),
    row('Injuries', fmtRange(e.injury_range, inj), inj && inj.qualifier ? h('span.muted', ` · ${inj.qualifier}`) : null, inj && inj.text ? h('span.muted', ` · “${inj.text}”`) : null),
    row('Modality', modalityBadge(e.modality)),
    row('Confidence', e.confidence != null ? (+e.confidence).toFixed(2) : ''),
    row('Sources', `${fmtInt(e.independent_sources)} independent of ${fmtInt((e.sources || []).length)}`),
    row('Codes', e.codes && Object.keys(e.codes).length ? h('span.codes', Object.entries(e.codes).map(([k, v]) => h('span.code', h('span.k', k.replace(/_/g, ' ')), ' ', h('b', String(v))))) : null),
    row('Updated', fmtTime(e.updated)),
    row('ID', h('code', e.id)),
  );

  const sources = h(
    'table.sources',
    h('thead', h('tr', ['Document', 'Source', 'Published', 'Status'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      (e.sources || []).map((s) => {
        const d = docById.get(s.document) || {};
        return h(
          'tr',
          h('td', h('a', { href: '#doc-' + s.document, onclick: (ev) => jumpTo(ev, s.document) }, d.title || s.document)),
          h('td.small', s.source || d.source),
          h('td.date', d.published || ''),
          h('td', s.duplicate_of ? h('span.badge.dup', { title: 'syndicated copy of ' + s.duplicate_of }, 'syndicated copy') : h('span.badge.indep', 'independent')),
        );
      }),
    ),
  );

  const revs = e.revisions || [];
  const revisions = revs.length
    ? h(
        'table.revisions',
        h('thead', h('tr', ['When', 'Field', 'Change', 'Document'].map((t) => h('th', { scope: 'col' }, t)))),
        h(
          'tbody',
          revs.map((v) =>
            h(
              'tr',
              h('td.small', fmtTime(v.at)),
              h('td', v.field),
              h('td.small', v.old ? [h('del', short(v.old)), ' → '] : null, h('ins', short(v.new))),
              h('td.small.doccell', h('a', { href: '#/documents/' + encodeURIComponent(v.document), title: (docById.get(v.document) || {}).title || v.document }, (docById.get(v.document) || {}).source || (docById.get(v.document) || {}).title || v.document)),
            ),
          ),
        ),
      )
    : h('p.muted', 'No revisions.');

  const articles = h('div.articles');
  main.append(
    h(
      'div.page.wide.eventpage',
      h(
        'div.doc-head',
        h('p.crumbs', h('a', { href: '#/events' }, '← events'), ' ', h('button.link', { type: 'button', onclick: () => history.back() }, 'back')),
        h('h1', typeBadge(e.type, e.subtype), ' ', [loc.name, loc.country].filter(Boolean).join(', ') || 'unknown place', h('span.muted', ' · ' + (fmtDate(e.date) || 'undated')), ' ', modalityBadge(e.modality)),
      ),
      h(
        'div.split',
        h('div.col', h('section.panel', h('h2', 'Event'), fields), h('section.panel', h('h2', 'Sources'), sources), h('section.panel', h('h2', 'Revision history'), revisions)),
        h('div.col', h('section.panel', h('div.panel-head', h('h2', 'Evidence in the sources'), h('span.hint', 'highlighted sentences are what this event was coded from')), articles)),
      ),
    ),
  );

  // Evidence spans per document.
  const evByDoc = new Map();
  (e.evidence || []).forEach((s, i) => {
    const doc = (e.evidence_documents || [])[i] || (e.sources && e.sources[0] && e.sources[0].document);
    if (!evByDoc.has(doc)) evByDoc.set(doc, []);
    evByDoc.get(doc).push(s);
  });
  // Documents with evidence first, then the other sources.
  const order = [...new Set([...evByDoc.keys(), ...(e.sources || []).map((s) => s.document), ...docs.map((d) => d.id)])].filter(Boolean);
  let first = true;
  for (const docId of order) {
    const box = h('section.article#doc-' + docId);
    articles.append(box);
    const load = async () => {
      clear(box).append(loading('Loading article…'));
      try {
        const dr = await get('documents/' + encodeURIComponent(docId), {}, { signal: ctx.signal });
        const d = dr.document;
        const spans = (evByDoc.get(docId) || []).map((s) => ({ start: s.start, end: s.end, cls: 'evidence', title: 'evidence for this event' }));
        const art = article(d.text, spans, { label: 'Article: ' + (d.title || d.id) });
        clear(box).append(
          h(
            'header',
            h('h3', h('a', { href: '#/documents/' + encodeURIComponent(d.id) }, d.title || d.id)),
            h('div.small.muted', d.source, d.published ? ' · ' + d.published : '', d.duplicate_of ? ' · syndicated copy' : '', ` · ${spans.length} evidence span${spans.length === 1 ? '' : 's'}`),
          ),
          art.el,
        );
      } catch (err) {
        if (err.name === 'AbortError') throw err;
        clear(box).append(errorBox(err, 'document ' + docId));
      }
    };
    if (first || evByDoc.has(docId)) {
      load().catch(() => {}); // an AbortError: the view was left
    } else {
      const d = docById.get(docId) || {};
      box.append(h('header', h('h3', d.title || docId), h('button.secondary', { type: 'button', onclick: () => load().catch(() => {}) }, 'Show article')));
    }
    first = false;
  }
  if (!order.length) articles.append(h('p.muted', 'No source documents.'));
}

// A revision's old or new value (JSON text) as something a person reads.
function short(v) {
  let x = v;
  if (typeof v === 'string' && /^[[{"\d-]/.test(v.trim())) {
    try {
      x = JSON.parse(v);
    } catch {
      x = v;
    }
  }
  const one = (y) => {
    if (y == null) return '—';
    if (typeof y !== 'object') return String(y);
    if (Array.isArray(y)) {
      if (y.length && y.every((z) => z && typeof z === 'object' && 'text' in z && 'start' in z)) return `${y.length} evidence span${y.length === 1 ? '' : 's'}: “${y[0].text}”${y.length > 1 ? ' …' : ''}`;
      return y.map(one).join('; ') || '—';
    }
    if ('precision' in y && ('start' in y || 'end' in y)) return `${fmtDate(y)} (${y.precision})`;
    if ('document' in y && 'source' in y) return `${y.source}${y.duplicate_of ? ' (copy)' : ''}`;
    if ('min' in y || 'best' in y) return fmtRange(y.best != null ? y : null, y);
    if ('name' in y) return y.name + (y.entity ? ` (${y.entity})` : '');
    return JSON.stringify(y);
  };
  const s = one(x);
  return s.length > 200 ? s.slice(0, 197) + '…' : s;
}

function jumpTo(ev, id) {
  ev.preventDefault();
  const el = document.getElementById('doc-' + id);
  if (el) el.scrollIntoView({ behavior: 'smooth', block: 'start' });
}
