// The events table: /api/events with the filters, sort and cursor paging.
import { get, filterParams } from '../api.js';
import { h, clear, fmtDate, fmtPlace, fmtRange, typeBadge, modalityBadge, actorLink, loading, empty, errorBox, fmtInt } from '../util.js';
import { setFilters } from './filters.js';

export async function eventsTable(container, f, { signal, limit = 50, path = 'events', compact = false } = {}) {
  clear(container).append(loading('Loading events…'));
  const tbody = h('tbody');
  const sortAsc = f.sort === 'date_asc';
  const dateHead = h(
    'th.sortable',
    { scope: 'col', 'aria-sort': sortAsc ? 'ascending' : 'descending' },
    h('button.link', { type: 'button', title: 'Change sort order', onclick: () => setFilters(f, { sort: sortAsc ? '' : 'date_asc' }, path) }, 'Date ', sortAsc ? '▲' : '▼'),
  );
  const table = h(
    'table.events',
    h('caption.visually-hidden', 'Events'),
    h(
      'thead',
      h(
        'tr',
        dateHead,
        h('th', { scope: 'col' }, 'Type'),
        h('th', { scope: 'col' }, 'Place'),
        h('th', { scope: 'col' }, 'Actors'),
        h('th.num', { scope: 'col', title: 'fatalities: best (low–high)' }, 'Killed'),
        compact ? null : h('th.num', { scope: 'col', title: 'injured' }, 'Injured'),
        h('th', { scope: 'col' }, 'Modality'),
        h('th.num', { scope: 'col', title: 'independent sources (all sources)' }, 'Src'),
        compact ? null : h('th.evcol', { scope: 'col' }, 'Evidence'),
      ),
    ),
    tbody,
  );
  const status = h('div.table-status', { 'aria-live': 'polite' });
  const more = h('button.more', { type: 'button' }, 'More');
  let next = '';
  let shown = 0;

  const addRows = (events) => {
    for (const e of events) {
      const actors = [...(e.actors || [])];
      const claimed = (e.claimed_by || []).filter((c) => !actors.some((a) => (a.entity || a.name) === (c.entity || c.name)));
      const same = (x, y) => (x.entity || x.name) === (y.entity || y.name);
      const claimedToo = (a) => (e.claimed_by || []).some((c) => same(a, c));
      const actorCell = h(
        'td.actors',
        actors.map((a, i) => [i ? ', ' : '', actorLink(a), claimedToo(a) ? h('span.claim.small', { title: 'also claimed the event' }, ' (claimed)') : null]),
        claimed.length ? h('span.claim', actors.length ? ' · claimed by ' : 'claimed by ', claimed.map((a, i) => [i ? ', ' : '', actorLink(a)])) : null,
      );
      if (!actors.length && !claimed.length) actorCell.append(h('span.muted', '—'));
      const link = h('a.rowlink', { href: '#/event/' + encodeURIComponent(e.id) }, fmtDate(e.date) || 'undated');
      const ev = (e.evidence || [])[0];
      const tr = h(
        'tr',
        { dataset: { id: e.id } },
        h('td.date', link, e.date && e.date.precision && e.date.precision !== 'day' ? h('span.prec', ' ' + e.date.precision) : null),
        h('td', typeBadge(e.type, e.subtype)),
        h('td.place', fmtPlace(e.location) || h('span.muted', '—')),
        actorCell,
        h('td.num', fmtRange(e.fatality_range, e.fatalities)),
        compact ? null : h('td.num', fmtRange(e.injury_range, e.injuries)),
        h('td', modalityBadge(e.modality)),
        h('td.num', { title: `${e.independent_sources || 0} independent of ${(e.sources || []).length} sources` }, fmtInt(e.independent_sources || 0)),
        compact ? null : h('td.evidence', ev ? h('span.clip', { title: ev.text }, ev.text) : ''),
      );
      // The whole row opens the event.
      tr.addEventListener('click', (x) => {
        if (x.target.closest('a, button')) return;
        location.hash = link.getAttribute('href');
      });
      tbody.append(tr);
    }
    shown += events.length;
  };

  const load = async () => {
    more.disabled = true;
    more.textContent = 'Loading…';
    try {
      const r = await get('events', { ...filterParams(f), sort: f.sort || 'date_desc', limit, cursor: next }, { signal });
      addRows(r.events || []);
      next = r.next || '';
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      status.replaceChildren(errorBox(e, 'events'));
      return false;
    } finally {
      more.disabled = false;
      more.textContent = 'More';
    }
    more.hidden = !next;
    status.textContent = `${fmtInt(shown)} events shown${next ? '' : ' (all)'}`;
    return true;
  };
  more.addEventListener('click', () => load().catch(() => {}));

  const ok = await load();
  clear(container);
  if (ok && shown === 0) {
    container.append(empty('No events match these filters.'));
    container.dataset.rows = '0';
    return;
  }
  container.append(h('div.table-wrap', table), h('div.table-foot', status, more));
  container.dataset.rows = String(shown);
}
