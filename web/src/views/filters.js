// The event filter bar. Filters live in the URL hash (#/events?actor=…), so
// every view is shareable; submitting the form rewrites the hash.
import { get, FILTER_KEYS } from '../api.js';
import { h, debounce, MODALITIES } from '../util.js';

export function filtersFrom(params) {
  const f = {};
  for (const k of [...FILTER_KEYS, 'sort']) if (params[k]) f[k] = params[k];
  return f;
}

export function hashFor(path, f) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v != null && v !== '') qs.set(k, v);
  const s = qs.toString();
  return '#/' + path + (s ? '?' + s : '');
}

/** Navigates to the events view with f merged into the current filters. */
export function setFilters(current, change, path = 'events') {
  const f = { ...current, ...change };
  for (const k of Object.keys(f)) if (f[k] == null || f[k] === '') delete f[k];
  location.hash = hashFor(path, f);
}

let typesCache;
let countriesCache;

export function filterBar(f, { path = 'events' } = {}) {
  const id = (k) => 'flt-' + k;
  const field = (k, label, input, cls) => h('div.field' + (cls ? '.' + cls : ''), h('label', { for: id(k) }, label), input);

  const actor = h('input', { id: id('actor'), name: 'actor', value: f.actor || '', list: 'dl-actors', placeholder: 'name or id', autocomplete: 'off' });
  const dlActors = h('datalist#dl-actors');
  const suggest = debounce(async () => {
    try {
      const r = await get('actors', { q: actor.value, limit: 20 });
      dlActors.replaceChildren(...r.actors.map((a) => h('option', { value: a.name }, `${a.events} events${a.entity ? ' · ' + a.entity : ''}`)));
    } catch {
      /* suggestions are optional */
    }
  }, 150);
  actor.addEventListener('input', suggest);
  actor.addEventListener('focus', suggest, { once: true });

  const type = h('select', { id: id('type'), name: 'type' }, h('option', { value: '' }, 'any'));
  const subtype = h('input', { id: id('subtype'), name: 'subtype', value: f.subtype || '', placeholder: 'any', size: 10 });
  const country = h('input', { id: id('country'), name: 'country', value: f.country || '', list: 'dl-countries', placeholder: 'CC', size: 3, maxlength: 2, pattern: '[A-Za-z]{2}', title: 'ISO 3166-1 alpha-2 code' });
  const dlCountries = h('datalist#dl-countries');
  const datePat = '\\d{4}(-\\d{2}(-\\d{2})?)?';
  const from = h('input', { id: id('from'), name: 'from', value: f.from || '', placeholder: 'YYYY-MM-DD', size: 10, pattern: datePat, title: 'ISO date; may be truncated (2024, 2024-03)' });
  const to = h('input', { id: id('to'), name: 'to', value: f.to || '', placeholder: 'YYYY-MM-DD', size: 10, pattern: datePat, title: 'ISO date; may be truncated (2024, 2024-03)' });
  const q = h('input', { id: id('q'), name: 'q', type: 'search', value: f.q || '', placeholder: 'evidence, place, article…' });
  const minSources = h('input', { id: id('min_sources'), name: 'min_sources', type: 'number', min: 1, max: 99, value: f.min_sources || '', placeholder: '1', size: 3 });
  const mods = new Set((f.modality || '').split(',').filter(Boolean));
  const modBoxes = MODALITIES.map((m) =>
    h('label.chk', h('input', { type: 'checkbox', name: 'modality', value: m, checked: mods.has(m) }), m),
  );
  const modality = h('details.mod', h('summary', { id: id('modality') }, mods.size ? [...mods].join(', ') : 'any'), h('div.mod-list', { role: 'group', 'aria-label': 'Modalities' }, modBoxes));
  const sort = h('select', { id: id('sort'), name: 'sort' }, h('option', { value: 'date_desc' }, 'newest first'), h('option', { value: 'date_asc' }, 'oldest first'));
  sort.value = f.sort || 'date_desc';

  const form = h(
    'form.filters',
    { role: 'search', 'aria-label': 'Event filters' },
    field('actor', 'Actor', actor, 'wide'),
    dlActors,
    field('type', 'Type', type),
    field('subtype', 'Subtype', subtype),
    field('country', 'Country', country),
    dlCountries,
    field('from', 'From', from),
    field('to', 'To', to),
    field('q', 'Text', q, 'wide'),
    h('div.field', h('label', { for: id('modality') }, 'Modality'), modality),
    field('min_sources', 'Min. sources', minSources),
    field('sort', 'Sort', sort),
    h('div.field.buttons', h('button', { type: 'submit' }, 'Apply'), h('button.secondary', { type: 'button', onclick: () => (location.hash = hashFor(path, {})) }, 'Clear')),
  );

  const collect = () => {
    const out = {
      actor: actor.value.trim(),
      type: type.value,
      subtype: subtype.value.trim(),
      country: country.value.trim().toUpperCase(),
      from: from.value.trim(),
      to: to.value.trim(),
      q: q.value.trim(),
      modality: modBoxes.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value).join(','),
      min_sources: minSources.value,
      sort: sort.value === 'date_desc' ? '' : sort.value,
    };
    for (const k of Object.keys(out)) if (!out[k]) delete out[k];
    return out;
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    location.hash = hashFor(path, collect());
  });
  type.addEventListener('change', () => form.requestSubmit());
  sort.addEventListener('change', () => form.requestSubmit());
  actor.addEventListener('change', () => {
    // Picking a suggestion applies it at once.
    if ([...dlActors.options].some((o) => o.value === actor.value)) form.requestSubmit();
  });
  modality.addEventListener('toggle', () => {
    if (!modality.open && collect().modality !== (f.modality || '')) form.requestSubmit();
  });

  // Options that come from the store.
  (typesCache ||= get('counts', { by: 'type' }).catch(() => ({ buckets: [] }))).then((r) => {
    const seen = [...new Set(r.buckets.map((b) => b.key || b.type))].filter(Boolean).sort();
    if (f.type && !seen.includes(f.type)) seen.push(f.type);
    for (const t of seen) type.append(h('option', { value: t }, t));
    type.value = f.type || '';
  });
  (countriesCache ||= get('counts', { by: 'country' }).catch(() => ({ buckets: [] }))).then((r) => {
    const agg = new Map();
    for (const b of r.buckets) if (b.key) agg.set(b.key, (agg.get(b.key) || 0) + b.events);
    dlCountries.replaceChildren(...[...agg].sort((a, b) => b[1] - a[1]).map(([c, n]) => h('option', { value: c }, `${n} events`)));
  });
  return form;
}

/** Chips that name the active filters, each removable. */
export function activeFilters(f, path = 'events') {
  const keys = Object.keys(f).filter((k) => k !== 'sort' && f[k]);
  if (!keys.length) return null;
  return h(
    'div.chips',
    { 'aria-label': 'Active filters' },
    keys.map((k) =>
      h('span.chip', `${k.replace('_', ' ')}: ${f[k]}`, h('button', { type: 'button', 'aria-label': `Remove filter ${k}`, title: 'remove', onclick: () => setFilters(f, { [k]: '' }, path) }, '×')),
    ),
  );
}
