// sitrep web UI: a single page with hash routes, so the server only serves
// static files.
//   #/                 overview (counts, timeline, map, network, events, top actors)
//   #/events?filters   events table with filters, timeline and map
//   #/network?filters  the actor network, full size
//   #/event/ID         one fused event with its sources and highlighted evidence
//   #/actor/KEY        an actor profile
//   #/country/CC       a country profile
//   #/documents        documents; #/documents/ID one document
import { get } from './api.js';
import { h, clear, fmtInt, errorBox } from './util.js';
import { renderDashboard } from './views/dashboard.js';
import { renderEvent } from './views/event.js';
import { renderActor } from './views/actor.js';
import { renderCountry } from './views/country.js';
import { renderDocuments, renderDocument } from './views/documents.js';
import { renderNetworkPage } from './views/network.js';

export function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const qi = raw.indexOf('?');
  const path = qi < 0 ? raw : raw.slice(0, qi);
  const params = Object.fromEntries(new URLSearchParams(qi < 0 ? '' : raw.slice(qi + 1)));
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params };
}

let current = null; // {ctl: AbortController, cleanup}

async function route() {
  const { parts, params } = parseHash();
  if (current) {
    current.ctl.abort();
    if (current.cleanup) current.cleanup();
  }
  const ctl = new AbortController();
  current = { ctl, cleanup: null };
  const main = document.getElementById('main');
  clear(main);
  main.className = '';
  // data-loaded names the hash whose view has finished loading (tests wait on it).
  const hash = location.hash;
  main.dataset.loaded = '';
  const section = parts[0] || 'overview';
  for (const a of document.querySelectorAll('[data-nav]')) {
    const on = a.dataset.nav === section;
    a.classList.toggle('active', on);
    if (on) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const ctx = { signal: ctl.signal, params, onCleanup: (f) => (current.cleanup = f) };
  try {
    switch (section) {
      case 'overview':
        await renderDashboard(main, ctx, { overview: true });
        break;
      case 'events':
        await renderDashboard(main, ctx, { overview: false });
        break;
      case 'network':
        await renderNetworkPage(main, ctx);
        break;
      case 'event':
        await renderEvent(main, ctx, parts[1]);
        break;
      case 'actor':
        await renderActor(main, ctx, parts.slice(1).join('/'));
        break;
      case 'country':
        await renderCountry(main, ctx, parts[1]);
        break;
      case 'documents':
        if (parts[1]) await renderDocument(main, ctx, parts.slice(1).join('/'));
        else await renderDocuments(main, ctx);
        break;
      default:
        main.append(h('div.page', h('h1', 'Not found'), h('p', 'No page at ', h('code', location.hash), '. ', h('a', { href: '#/' }, 'Back to the overview'))));
    }
  } catch (e) {
    if (e.name === 'AbortError') return;
    console.warn(e);
    main.append(errorBox(e));
  }
  if (!ctl.signal.aborted) main.dataset.loaded = hash || '#/';
}

async function loadMeta() {
  const el = document.getElementById('meta');
  try {
    const m = await get('meta');
    clear(el).append(
      h('span', h('b', fmtInt(m.events)), ' events'),
      h('span', h('b', fmtInt(m.documents)), ' documents'),
      m.first_date ? h('span', m.first_date, ' – ', m.last_date) : null,
      h('span.muted', 'v' + m.version),
    );
  } catch (e) {
    clear(el).append(h('span.err', 'API unavailable: ' + (e.detail || e.message)));
  }
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', () => {
  loadMeta();
  route();
});
