// The overview (#/) and the events view (#/events?filters).
import { get, filterParams } from '../api.js';
import { h, append, clear, fmtInt, loading, errorBox, empty } from '../util.js';
import { filterBar, filtersFrom, activeFilters, setFilters } from './filters.js';
import { timeline } from './timeline.js';
import { eventMap } from './map.js';
import { network } from './network.js';
import { eventsTable } from './table.js';

export async function renderDashboard(main, ctx, { overview }) {
  const f = filtersFrom(ctx.params);
  const path = 'events';
  const panel = (id, title, body, extra) => h('section.panel#' + id, { 'aria-labelledby': id + '-h' }, h('div.panel-head', h('h2', { id: id + '-h' }, title), extra), body);

  const cards = h('div.cards');
  const tl = h('div.panel-body.tl');
  const mapBox = h('div.panel-body.mapbox');
  const netBox = h('div.panel-body.net');
  const tableBox = h('div.panel-body');
  const actorsBox = h('div.panel-body');
  const hasFilters = Object.keys(filterParams(f)).length > 0;

  const page = h('div.page.wide.dashboard' + (overview ? '.overview' : '.eventsview'));
  append(page, [filterBar(f, { path }), activeFilters(f, path)]);
  if (overview) page.append(cards);
  page.append(panel('timeline', 'Events and fatalities over time', tl, h('span.hint', 'drag across the chart to filter by date')));
  if (overview) {
    const grid = h('div.grid2');
    grid.append(panel('map', 'Map', mapBox), panel('network', 'Actor network', netBox, h('a.hint', { href: '#/network' }, 'full size →')));
    const grid2 = h('div.grid2.tablegrid');
    grid2.append(panel('events', 'Latest events', tableBox, h('a.hint', { href: '#/events' }, 'all events and filters →')), panel('actors', 'Top actors', actorsBox));
    page.append(grid, grid2);
  } else {
    page.append(
      h(
        'div.grid2.eventsgrid',
        panel('events', 'Events', tableBox),
        h('div.side', panel('map', 'Map', mapBox), panel('actors', hasFilters ? 'Actors in these events' : 'Top actors', actorsBox)),
      ),
    );
  }
  main.append(page);

  const onBrush = (from, to) => setFilters(f, { from, to }, path);
  const jobs = [
    timeline(tl, f, { signal: ctx.signal, onBrush, height: overview ? 170 : 140 }),
    eventMap(mapBox, f, { signal: ctx.signal, height: overview ? 330 : 250 }),
    eventsTable(tableBox, f, { signal: ctx.signal, limit: overview ? 15 : 50, path, compact: overview }),
    topActors(actorsBox, f, ctx.signal),
  ];
  if (overview) {
    jobs.push(statCards(cards, ctx.signal));
    jobs.push(network(netBox, f, { signal: ctx.signal, height: 290, limit: 60 }).then((cy) => cy && ctx.onCleanup(() => cy.destroy())));
  }
  await Promise.all(jobs);
}

async function statCards(el, signal) {
  el.append(loading());
  try {
    const [m, byType, actors] = await Promise.all([get('meta', {}, { signal }), get('counts', { by: 'type' }, { signal }), get('actors', { limit: 500 }, { signal })]);
    const killed = byType.buckets.reduce((s, b) => s + (b.fatalities || 0), 0);
    const card = (n, label, href) => h(href ? 'a.card' : 'div.card', href ? { href } : {}, h('div.n', n), h('div.l', label));
    const top = [...byType.buckets].sort((a, b) => b.events - a.events).slice(0, 3);
    clear(el).append(
      card(fmtInt(m.events), 'fused events', '#/events'),
      card(fmtInt(m.documents), 'source documents', '#/documents'),
      card(fmtInt(actors.actors.length) + (actors.actors.length >= 500 ? '+' : ''), 'actors', '#/network'),
      card(fmtInt(killed), 'fatalities (best estimate)'),
      card(m.first_date ? `${m.first_date} – ${m.last_date}` : '—', 'date span'),
      h('div.card.types', h('div.l', 'most frequent types'), h('ul', top.map((b) => h('li', h('a', { href: '#/events?type=' + encodeURIComponent(b.key || b.type) }, b.key || b.type), ' ', h('span.muted', fmtInt(b.events)))))),
    );
    if (!m.events) el.append(h('div.state.empty.wide', 'The store is empty. Ingest articles with ', h('code', 'sitrep ingest FILE|DIR'), ' and reload.'));
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    clear(el).append(errorBox(e, 'the summary'));
  }
}

async function topActors(el, f, signal) {
  clear(el).append(loading());
  const hasFilters = Object.keys(filterParams(f)).length > 0;
  try {
    let rows;
    if (hasFilters) {
      // Actors of the filtered events: the graph's nodes carry event counts.
      const g = await get('graph', { ...filterParams(f), limit: 30 }, { signal });
      rows = (g.nodes || []).map((n) => ({ name: n.name, entity: n.entity, events: n.events }));
    } else {
      rows = (await get('actors', { limit: 20 }, { signal })).actors || [];
    }
    rows.sort((a, b) => (b.events || 0) - (a.events || 0));
    clear(el);
    if (!rows.length) {
      el.append(empty('No actors.'));
      return;
    }
    const max = Math.max(...rows.map((r) => r.events || 0), 1);
    el.append(
      h(
        'table.actors-table',
        h('thead', h('tr', h('th', { scope: 'col' }, 'Actor'), h('th.num', { scope: 'col' }, 'Events'), h('th', { scope: 'col' }, 'Seen'), h('th', { scope: 'col' }, h('span.visually-hidden', 'Filter')))),
        h(
          'tbody',
          rows.map((a) => {
            const bar = h('span.bar');
            bar.style.width = Math.round((100 * (a.events || 0)) / max) + '%';
            return h(
              'tr',
              h('td', h('a', { href: '#/actor/' + encodeURIComponent(a.entity || a.name) }, a.name), a.entity ? null : h('span.muted.small', ' (not in KB)')),
              h('td.num.barcell', bar, h('span.v', fmtInt(a.events))),
              h('td.small.muted.nowrap', { title: a.first_seen ? `first seen ${a.first_seen}, last seen ${a.last_seen || '?'}` : null }, a.first_seen ? yearSpan(a.first_seen, a.last_seen) : ''),
              h('td', h('button.link.small', { type: 'button', title: `Filter events by ${a.name}`, onclick: () => setFilters(f, { actor: a.name }, 'events') }, 'filter')),
            );
          }),
        ),
      ),
    );
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    clear(el).append(errorBox(e, 'actors'));
  }
}

function yearSpan(a, b) {
  const ya = String(a).slice(0, 4);
  const yb = String(b || a).slice(0, 4);
  return ya === yb ? ya : `${ya}–${yb}`;
}
