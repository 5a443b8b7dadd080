// #/actor/KEY: an actor's profile from /api/actors/{key}.
import { get } from '../api.js';
import { h, clear, fmtInt, fmtDate, fmtPlace, fmtRange, typeBadge, modalityBadge, typeColor, loading, errorBox, empty, names, stat, claimBar } from '../util.js';
import { timeline } from './timeline.js';
import { network } from './network.js';
import { hashFor } from './filters.js';

export async function renderActor(main, ctx, key) {
  main.append(loading('Loading actor…'));
  let r;
  let graphNodes = [];
  try {
    r = await get('actors/' + encodeURIComponent(key), {}, { signal: ctx.signal });
    // The graph around the actor names the other ends of its relations.
    graphNodes = (await get('graph', { actor: r.actor && (r.actor.entity || r.actor.name) || key, limit: 40 }, { signal: ctx.signal }).catch(() => ({ nodes: [] }))).nodes || [];
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    clear(main).append(h('div.page', errorBox(e, 'actor ' + key)));
    return;
  }
  clear(main);
  const a = r.actor || {};
  const name = a.name || key;
  // The knowledge base's entry, when the API sends one (kb may be a flag or the entry).
  const kb = a.kb && typeof a.kb === 'object' ? a.kb : {};
  const aliases = names(a.aliases && a.aliases.length ? a.aliases : kb.aliases);
  const countriesKB = (a.countries && a.countries.length ? a.countries : kb.countries || []).map((c) => (typeof c === 'string' ? c : c.name ? `${c.name}${c.id ? ' (' + c.id + ')' : ''}` : c.id));
  const affiliations = a.affiliations && a.affiliations.length ? a.affiliations : kb.parents || [];
  const filterKey = a.entity || a.name || key;
  const evHref = (extra = {}) => hashFor('events', { actor: filterKey, ...extra });

  const claimed = r.claimed || 0;
  const attributed = r.attributed || 0;
  const ca = claimBar(claimed, attributed);

  const maxType = Math.max(1, ...(r.by_type || []).map((t) => t.events));
  const byType = (r.by_type || []).length
    ? h(
        'table.bars',
        h(
          'tbody',
          r.by_type.map((t0) => {
            const t = { type: t0.type || t0.value || t0.key, events: t0.events };
            const bar = h('span.bar');
            bar.style.width = (100 * t.events) / maxType + '%';
            bar.style.background = typeColor(t.type);
            return h('tr', h('td', h('a', { href: evHref({ type: t.type }) }, t.type)), h('td.barcell', bar, h('span.v', fmtInt(t.events))));
          }),
        ),
      )
    : empty('No events.');

  const countries = (r.countries || []).length
    ? h(
        'table.compact',
        h('thead', h('tr', ['Country', 'Events', 'First', 'Last'].map((t) => h('th', { scope: 'col' }, t)))),
        h(
          'tbody',
          r.countries.map((c) =>
            h(
              'tr',
              h('td', c.country ? h('a', { href: '#/country/' + encodeURIComponent(c.country), title: 'the country page' }, c.country) : '?'),
              h('td.num', h('a', { href: evHref({ country: c.country }), title: 'the events of this actor there' }, fmtInt(c.events))),
              h('td.date', c.first || ''),
              h('td.date', c.last || ''),
            ),
          ),
        ),
      )
    : empty('No located events.');

  const nats = (r.nationalities || []).length ? h('ul.plain', r.nationalities.map((n) => h('li', n.nationality || n.value || n.key, h('span.muted', ` ${fmtInt(n.events)}`)))) : h('p.muted', 'None recorded.');

  const byId = new Map(graphNodes.map((n) => [n.id, n]));
  const relations = (r.relations || []).length
    ? h(
        'ul.relations',
        r.relations.map((e) => {
          const link = (id) => {
            const n = byId.get(id);
            const nm = n ? n.name : id.replace(/^name:/, '').replace(/^[a-z]+\//, '').replace(/-/g, ' ');
            if (id === a.entity || (n && n.name === a.name) || id === 'name:' + String(a.name || '').toLowerCase()) return h('b', name);
            return h('a', { href: '#/actor/' + encodeURIComponent(n ? n.entity || n.name : id.replace(/^name:/, '')), title: id }, nm);
          };
          return h(
            'li',
            h(
              'details',
              h('summary', link(e.source), ' ', h('span.rel', e.kind === 'co_participation' ? `same ${e.type} event` : e.type), ' ', link(e.target), h('span.muted', ` · ${e.count || 1}× · ${e.modality || 'asserted'}`)),
              (e.evidence || []).length
                ? h('ul.evidence-list', e.evidence.map((s) => h('li', h('q', s.text), ' ', h('a.muted', { href: `#/documents/${encodeURIComponent(s.document)}?start=${s.start}&end=${s.end}` }, 'source'))))
                : h('p.muted', 'No evidence recorded.'),
            ),
          );
        }),
      )
    : h('p.muted', 'No relations recorded.');

  const recent = (r.recent || []).length
    ? h(
        'table.events',
        h('thead', h('tr', ['Date', 'Type', 'Place', 'Killed', 'Modality', 'Role'].map((t) => h('th', { scope: 'col' }, t)))),
        h(
          'tbody',
          r.recent.map((e) => {
            const isClaim = (e.claimed_by || []).some((c) => c.entity === a.entity || c.name === a.name);
            return h(
              'tr',
              h('td.date', h('a', { href: '#/event/' + encodeURIComponent(e.id) }, fmtDate(e.date) || 'undated')),
              h('td', typeBadge(e.type, e.subtype)),
              h('td', fmtPlace(e.location)),
              h('td.num', fmtRange(e.fatality_range, e.fatalities)),
              h('td', modalityBadge(e.modality)),
              h('td.small', isClaim ? 'claimed' : 'actor'),
            );
          }),
        ),
      )
    : empty('No events.');

  const tl = h('div.panel-body.tl');
  const net = h('div.panel-body.net');
  main.append(
    h(
      'div.page.wide.actorpage',
      h(
        'div.doc-head',
        h('h1', name, a.kb ? h('span.badge.indep', { title: 'in the knowledge base' }, 'KB') : h('span.badge.dup', { title: 'not in the knowledge base' }, 'not in KB')),
        h(
          'div.profile',
          a.entity ? h('span', h('code', a.entity)) : null,
          kb.type || kb.actor_kind ? h('span', h('b', 'kind: '), [...new Set([kb.actor_kind, kb.type].filter(Boolean).map((k) => String(k).toLowerCase().replace(/_/g, ' ')))].join(' · ')) : null,
          kb.founded ? h('span', h('b', 'founded: '), kb.founded) : null,
          aliases.length ? h('span', h('b', 'aliases: '), aliases.join(' · ')) : null,
          countriesKB.length ? h('span', h('b', 'countries: '), countriesKB.join(', ')) : null,
          affiliations.length
            ? h(
                'span',
                h('b', 'affiliations: '),
                affiliations.map((x, i) => [
                  i ? ', ' : '',
                  typeof x === 'string' ? x : x.entity || x.id ? h('a', { href: '#/actor/' + encodeURIComponent(x.entity || x.id) }, x.name || x.entity || x.id) : x.name,
                  x.type ? h('span.muted', ` (${x.type.replace(/_/g, ' ')})`) : null,
                ]),
              )
            : null,
          (kb.sources || []).length ? h('span.muted', 'sources: ' + kb.sources.join(', ')) : null,
          h('a', { href: evHref() }, 'all events of this actor →'),
        ),
      ),
      h(
        'div.cards',
        stat(fmtInt(r.events), 'events'),
        r.fatalities != null ? stat(fmtInt(r.fatalities), 'fatalities') : null,
        stat(r.first_seen || '—', 'first seen'),
        stat(r.last_seen || '—', 'last seen'),
        h('div.card.wide2', h('div.l', `claimed ${fmtInt(claimed)} · attributed ${fmtInt(attributed)}`), ca, h('div.legend-inline', h('span.sw.claimed'), 'claimed ', h('span.sw.attributed'), 'attributed (named as actor)')),
      ),
      h('section.panel', h('div.panel-head', h('h2', 'Events over time, by type'), h('span.hint', 'drag to open the events of a period')), tl),
      h(
        'div.grid3',
        h('section.panel', h('h2', 'Event types'), byType),
        h('section.panel', h('h2', 'Countries'), countries),
        h('section.panel', h('h2', 'Perpetrator nationalities'), nats),
      ),
      h('div.grid2', h('section.panel', h('h2', 'Relations'), relations), h('section.panel', h('h2', 'Network around this actor'), net)),
      h('section.panel', h('div.panel-head', h('h2', 'Recent events'), h('a.hint', { href: evHref() }, 'all →')), recent),
    ),
  );
  const f = { actor: filterKey };
  await Promise.all([
    timeline(tl, f, { signal: ctx.signal, height: 150, onBrush: (from, to) => (location.hash = evHref({ from, to })) }),
    network(net, { actor: filterKey }, { signal: ctx.signal, height: 260, limit: 40 }).then((cy) => cy && ctx.onCleanup(() => cy.destroy())),
  ]);
}
