// #/documents (list with search) and #/documents/ID (one article with its
// entities and events highlighted).
import { get } from '../api.js';
import { h, clear, fmtInt, fmtTime, loading, empty, errorBox, typeBadge } from '../util.js';
import { article } from './article.js';

export async function renderDocuments(main, ctx) {
  const q = ctx.params.q || '';
  const input = h('input#doc-q', { type: 'search', name: 'q', value: q, placeholder: 'title, source, text…' });
  const form = h('form.filters', { role: 'search' }, h('div.field.wide', h('label', { for: 'doc-q' }, 'Search documents'), input), h('div.field.buttons', h('button', { type: 'submit' }, 'Search')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = '#/documents' + (input.value.trim() ? '?q=' + encodeURIComponent(input.value.trim()) : '');
  });
  const box = h('div.panel-body');
  main.append(h('div.page.wide', form, h('section.panel', h('h2', 'Documents'), box)));
  box.append(loading());
  const tbody = h('tbody');
  const more = h('button.more', { type: 'button' }, 'More');
  let next = '';
  let n = 0;
  const load = async () => {
    const r = await get('documents', { q, limit: 100, cursor: next }, { signal: ctx.signal });
    for (const d of r.documents || []) {
      tbody.append(
        h(
          'tr',
          h('td', h('a', { href: '#/documents/' + encodeURIComponent(d.id) }, d.title || d.id)),
          h('td.small', d.source),
          h('td.date', d.published || ''),
          h('td.small.muted', fmtTime(d.ingested)),
          h('td', d.duplicate_of ? h('a.badge.dup', { href: '#/documents/' + encodeURIComponent(d.duplicate_of), title: 'syndicated copy of ' + d.duplicate_of }, 'copy') : h('span.badge.indep', 'original')),
          h('td.num', fmtInt(Array.isArray(d.events) ? d.events.length : d.events)),
        ),
      );
      n++;
    }
    next = r.next || '';
    more.hidden = !next;
  };
  more.addEventListener('click', () => load().catch((e) => box.append(errorBox(e))));
  try {
    await load();
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    clear(box).append(errorBox(e, 'documents'));
    return;
  }
  clear(box);
  if (!n) {
    box.append(empty(q ? 'No documents match.' : 'No documents stored yet.'));
    return;
  }
  box.append(
    h(
      'div.table-wrap',
      h('table.events', h('thead', h('tr', ['Title', 'Source', 'Published', 'Ingested', 'Copy', 'Events'].map((t) => h('th', { scope: 'col' }, t)))), tbody),
    ),
    h('div.table-foot', more),
  );
}

const ENTITY_CLASSES = ['PER', 'ORG', 'GPE', 'LOC', 'FAC', 'NORP', 'GROUP'];

export async function renderDocument(main, ctx, id) {
  main.append(loading('Loading document…'));
  let r;
  try {
    r = await get('documents/' + encodeURIComponent(id), {}, { signal: ctx.signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    clear(main).append(h('div.page', errorBox(e, 'document ' + id)));
    return;
  }
  clear(main);
  const d = r.document;
  const x = r.extraction || {};
  const spans = [];
  for (const en of x.entities || []) {
    const t = String(en.type || '').toUpperCase();
    for (const m of en.mentions || []) spans.push({ start: m.start, end: m.end, cls: 'ent ent-' + (ENTITY_CLASSES.includes(t) ? t : 'OTHER'), title: `${en.type}: ${en.name}${en.id ? ' (' + en.id + ')' : ''}` });
  }
  (x.events || []).forEach((ev, i) => {
    for (const s of ev.evidence || []) spans.push({ start: s.start, end: s.end, cls: 'ev', title: `event ${i + 1}: ${ev.type}${ev.subtype ? '/' + ev.subtype : ''}` });
  });
  const st = ctx.params.start;
  const en = ctx.params.end;
  if (st != null && en != null) spans.push({ start: +st, end: +en, cls: 'evidence', title: 'selected evidence' });
  const art = article(d.text, spans, { focusCls: st != null ? 'evidence' : 'ev', label: 'Article: ' + (d.title || d.id) });

  const fused = r.events || [];
  main.append(
    h(
      'div.page.wide.docpage',
      h(
        'div.doc-head',
        h('h1', d.title || d.id),
        h(
          'div.muted',
          d.source,
          d.published ? ' · published ' + d.published : '',
          d.ingested ? ' · ingested ' + fmtTime(d.ingested) : '',
          d.duplicate_of ? [' · syndicated copy of ', h('a', { href: '#/documents/' + encodeURIComponent(d.duplicate_of) }, d.duplicate_of)] : '',
        ),
      ),
      h(
        'div.split',
        h(
          'section.panel.article-panel',
          h('div.panel-head', h('h2', 'Text'), h('span.hint', 'underlined: entities · shaded: event evidence')),
          art.el,
        ),
        h(
          'aside.panel',
          h('h2', 'Events'),
          (x.events || []).length
            ? h(
                'ol.doc-events',
                (x.events || []).map((ev, i) =>
                  h('li', typeBadge(ev.type, ev.subtype), ' ', ev.date ? ev.date.start || '' : '', ' ', ev.location ? ev.location.name || '' : ''),
                ),
              )
            : h('p.muted', 'No events coded in this document.'),
          fused.length ? h('p.small', 'Fused events: ', fused.map((f, i) => [i ? ', ' : '', h('a', { href: '#/event/' + encodeURIComponent(f) }, f)])) : null,
          h('h2', 'Entities'),
          h(
            'ul.entities',
            (x.entities || []).map((e) =>
              h('li', h('span.badge.ent-' + (ENTITY_CLASSES.includes(String(e.type).toUpperCase()) ? String(e.type).toUpperCase() : 'OTHER'), e.type), ' ', /^actor\//.test(e.id || '') ? h('a', { href: '#/actor/' + encodeURIComponent(e.id) }, e.name) : e.name, h('span.muted.small', ` ×${(e.mentions || []).length}`)),
            ),
          ),
        ),
      ),
    ),
  );
}

