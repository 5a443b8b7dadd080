// #/country/CC: a country's profile from /api/countries/{cc}: totals, events
// and fatalities per month by type, the actors active there, nationalities
// and types.
import { get } from '../api.js';
import { h, clear, fmtInt, typeColor, loading, errorBox, empty, actorLink, stat, claimBar } from '../util.js';
import { timeline } from './timeline.js';
import { hashFor } from './filters.js';

export async function renderCountry(main, ctx, code) {
  const cc = String(code || '').toUpperCase();
  main.append(loading('Loading country…'));
  let r;
  try {
    r = await get('countries/' + encodeURIComponent(cc), {}, { signal: ctx.signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    clear(main).append(h('div.page', errorBox(e, 'country ' + cc)));
    return;
  }
  clear(main);
  const country = r.country || cc;
  const evHref = (extra = {}) => hashFor('events', { country, ...extra });

  const claimed = r.claimed || 0;
  const attributed = r.attributed || 0;
  const ca = claimBar(claimed, attributed);

  const types = r.by_type || [];
  const maxType = Math.max(1, ...types.map((t) => t.events));
  const byType = types.length
    ? h(
        'table.bars',
        h(
          'tbody',
          types.map((t0) => {
            const t = t0.value || t0.type || t0.key;
            const bar = h('span.bar');
            bar.style.width = (100 * t0.events) / maxType + '%';
            bar.style.background = typeColor(t);
            return h('tr', h('td', h('a', { href: evHref({ type: t }) }, t)), h('td.barcell', bar, h('span.v', fmtInt(t0.events))));
          }),
        ),
      )
    : empty('No events.');

  const actors = (r.actors || []).length
    ? h(
        'table.compact.country-actors',
        h('thead', h('tr', ['Actor', 'Events', 'First', 'Last', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h(
          'tbody',
          r.actors.map((a) =>
            h(
              'tr',
              h('td', actorLink(a)),
              h('td.num', fmtInt(a.events)),
              h('td.date', a.first_seen || ''),
              h('td.date', a.last_seen || ''),
              h('td.small', h('a', { href: evHref({ actor: a.entity || a.name }), title: `events of ${a.name} in ${country}` }, 'events →')),
            ),
          ),
        ),
      )
    : empty('No actors named in events here.');

  const nats = (r.nationalities || []).length ? h('ul.plain', r.nationalities.map((n) => h('li', n.value || n.nationality || n.key, h('span.muted', ` ${fmtInt(n.events)}`)))) : h('p.muted', 'None recorded.');

  const tl = h('div.panel-body.tl');
  main.append(
    h(
      'div.page.wide.countrypage',
      h(
        'div.doc-head',
        h('h1', 'Country ', h('code', country)),
        h('div.profile', h('span.muted', 'events located in this country (ISO 3166-1 alpha-2)'), h('a', { href: evHref() }, `all events in ${country} →`)),
      ),
      h(
        'div.cards',
        stat(fmtInt(r.events || 0), 'events'),
        r.fatalities != null ? stat(fmtInt(r.fatalities), 'fatalities') : null,
        stat(fmtInt((r.actors || []).length), 'actors'),
        stat(r.first_seen || '—', 'first event'),
        stat(r.last_seen || '—', 'last event'),
        h('div.card.wide2', h('div.l', `claimed ${fmtInt(claimed)} · attributed ${fmtInt(attributed)}`), ca, h('div.legend-inline', h('span.sw.claimed'), 'claimed ', h('span.sw.attributed'), 'attributed (actor named)')),
      ),
      h('section.panel', h('div.panel-head', h('h2', 'Events and fatalities per month, by type'), h('span.hint', 'drag to open the events of a period')), tl),
      h(
        'div.grid2',
        h('section.panel', h('div.panel-head', h('h2', 'Actors active here'), h('span.hint', 'most events first')), actors),
        h('div.side', h('section.panel', h('h2', 'Event types'), byType), h('section.panel', h('h2', 'Perpetrator nationalities'), nats)),
      ),
    ),
  );
  await timeline(tl, { country }, { signal: ctx.signal, height: 150, months: r.by_month || [], onBrush: (from, to) => (location.hash = evHref({ from, to })) });
  const undated = (r.events || 0) - (r.by_month || []).reduce((n, b) => n + (b.events || 0), 0);
  if (undated > 0) tl.append(h('div.tl-note', `${fmtInt(undated)} undated event${undated === 1 ? ' is' : 's are'} not in the chart.`));
}
