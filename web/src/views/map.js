// The event map: Natural Earth country shapes bundled with the UI (no tile
// server, no network), events from /api/geo as circles sized by fatalities.
// Solid = located to a city or point; hollow = admin1; dashed = country or
// region (the point is only a centroid).
import * as d3 from 'd3';
import { feature, mesh } from 'topojson-client';
import { get, filterParams } from '../api.js';
import { h, clear, typeColor, loading, empty, errorBox, fmtInt, svg } from '../util.js';

let worldP;
function world() {
  return (worldP ||= fetch('countries.json')
    .then((r) => {
      if (!r.ok) throw new Error(`countries.json: HTTP ${r.status}`);
      return r.json();
    })
    .then((topo) => ({ land: feature(topo, topo.objects.countries), borders: mesh(topo, topo.objects.countries, (a, b) => a !== b) }))
    .catch((e) => {
      worldP = null;
      throw e;
    }));
}

export function precisionClass(p) {
  switch (p) {
    case 'point':
    case 'city':
    case 'exact':
    case 'site':
      return 'p-exact';
    case 'admin1':
    case 'admin2':
    case 'district':
      return 'p-admin';
    default:
      return 'p-coarse';
  }
}

export async function eventMap(container, f, { signal, height = 340 } = {}) {
  clear(container).append(loading('Loading map…'));
  let w;
  let geo;
  try {
    [w, geo] = await Promise.all([world(), get('geo', { ...filterParams(f), limit: 5000 }, { signal })]);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    clear(container).append(errorBox(e, 'the map'));
    return;
  }
  clear(container);
  const width = Math.max(320, container.clientWidth || 600);
  const pts = (geo.points || []).filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  container.dataset.points = String(pts.length);

  const projection = d3.geoNaturalEarth1();
  // Fit to the events when there are some (with a margin), else the world.
  if (pts.length) {
    const mp = { type: 'MultiPoint', coordinates: pts.map((p) => [p.lon, p.lat]) };
    const [[a, b], [c, d]] = d3.geoBounds(mp);
    const padLon = Math.max(8, (c - a) * 0.15);
    const padLat = Math.max(6, (d - b) * 0.15);
    const box = {
      type: 'Polygon',
      // Clockwise, as d3-geo reads spherical polygons (else it is the rest of the globe).
      coordinates: [[[a - padLon, b - padLat], [a - padLon, d + padLat], [c + padLon, d + padLat], [c + padLon, b - padLat], [a - padLon, b - padLat]]],
    };
    projection.fitExtent([[8, 8], [width - 8, height - 8]], c - a > 300 ? { type: 'Sphere' } : box);
  } else {
    projection.fitExtent([[8, 8], [width - 8, height - 8]], { type: 'Sphere' });
  }
  const path = d3.geoPath(projection);

  const root = d3
    .select(container)
    .append('svg')
    .attr('class', 'map')
    .attr('width', width)
    .attr('height', height)
    .attr('role', 'img')
    .attr('aria-label', `Map of ${pts.length} located events`);
  const g = root.append('g');
  g.append('path').attr('class', 'sphere').attr('d', path({ type: 'Sphere' }));
  // The shapes are keyed by ISO numeric code; the events name ISO alpha-2.
  // A shape that holds an event point takes that point's code and links to
  // its country page.
  const codeOf = shapeCodes(w.land.features, pts);
  g.append('g')
    .attr('class', 'countries')
    .selectAll('path')
    .data(w.land.features)
    .join('path')
    .attr('class', 'country')
    .attr('d', path)
    .append('title')
    .text((d) => (codeOf.has(d) ? `${d.properties.name} (${codeOf.get(d)}): open the country page` : d.properties.name));
  g.selectAll('path.country')
    .filter((d) => codeOf.has(d))
    .each(function (d) {
      const a = svg('a', { href: '#/country/' + encodeURIComponent(codeOf.get(d)), class: 'country-link', 'aria-label': `country page of ${d.properties.name}` });
      this.replaceWith(a);
      a.append(this);
    });
  g.append('path').attr('class', 'borders').attr('d', path(w.borders));

  const r = d3
    .scaleSqrt()
    .domain([0, Math.max(10, d3.max(pts, (p) => p.fatalities || 0) || 0)])
    .range([3, 18]);
  const dots = g
    .append('g')
    .attr('class', 'points')
    .selectAll('a')
    .data(d3.sort(pts, (p) => -(p.fatalities || 0)))
    .join('a')
    .attr('href', (p) => '#/event/' + encodeURIComponent(p.id))
    .attr('aria-label', (p) => `${p.type} at ${p.name || p.country}, ${p.date || 'undated'}, ${p.fatalities || 0} killed`);
  dots
    .append('circle')
    .attr('class', (p) => 'pt ' + precisionClass(p.precision))
    .attr('cx', (p) => projection([p.lon, p.lat])[0])
    .attr('cy', (p) => projection([p.lon, p.lat])[1])
    .attr('r', (p) => r(p.fatalities || 0))
    .attr('stroke', (p) => typeColor(p.type))
    .attr('fill', (p) => typeColor(p.type));
  dots.append('title').text((p) => `${p.date || 'undated'} · ${p.type} · ${p.name || ''} ${p.country || ''}\n${fmtInt(p.fatalities || 0)} killed · location precision: ${p.precision || 'unknown'}`);

  const zoom = d3
    .zoom()
    .scaleExtent([1, 40])
    .on('zoom', (ev) => {
      g.attr('transform', ev.transform);
      const k = ev.transform.k;
      g.selectAll('circle.pt').attr('r', (p) => r(p.fatalities || 0) / Math.sqrt(k)).attr('stroke-width', 1.5 / k);
      g.select('.borders').attr('stroke-width', 0.5 / k);
    });
  root.call(zoom).on('dblclick.zoom', null);

  const controls = h(
    'div.map-controls',
    h('button.icon', { type: 'button', title: 'Zoom in', 'aria-label': 'Zoom in', onclick: () => root.transition().call(zoom.scaleBy, 1.6) }, '+'),
    h('button.icon', { type: 'button', title: 'Zoom out', 'aria-label': 'Zoom out', onclick: () => root.transition().call(zoom.scaleBy, 1 / 1.6) }, '−'),
    h('button.icon', { type: 'button', title: 'Reset view', 'aria-label': 'Reset view', onclick: () => root.transition().call(zoom.transform, d3.zoomIdentity) }, '⟲'),
  );
  container.append(controls, mapLegend(r, geo.truncated, pts.length));
  if (!pts.length) container.append(empty('No located events match these filters.'));
}

// shapeCodes maps country shapes to the ISO alpha-2 code of the events
// inside them: a few points per code (the most precisely located first) are
// tested against the shapes. Coastal places the coarse shapes miss
// (Mogadishu) take the shape whose centroid is nearest, within ~700 km.
function shapeCodes(features, pts) {
  const rank = { 'p-exact': 0, 'p-admin': 1, 'p-coarse': 2 };
  const byCode = new Map();
  for (const p of d3.sort(pts, (p) => rank[precisionClass(p.precision)])) {
    const cc = String(p.country || '').toUpperCase();
    if (!/^[A-Z]{2}$/.test(cc)) continue;
    const xs = byCode.get(cc) || byCode.set(cc, []).get(cc);
    if (xs.length < 5 && !xs.some((q) => q[0] === p.lon && q[1] === p.lat)) xs.push([p.lon, p.lat]);
  }
  const out = new Map();
  const free = (ft) => !out.has(ft);
  const missed = [];
  for (const [cc, xs] of [...byCode].slice(0, 100)) {
    const f = features.find((ft) => free(ft) && xs.some((x) => d3.geoContains(ft, x)));
    if (f) out.set(f, cc);
    else missed.push([cc, xs[0]]);
  }
  if (missed.length) {
    const centroids = new Map(features.map((ft) => [ft, d3.geoCentroid(ft)]));
    for (const [cc, x] of missed) {
      const near = d3.least(features.filter(free), (ft) => d3.geoDistance(x, centroids.get(ft)));
      if (near && d3.geoDistance(x, centroids.get(near)) < 0.11) out.set(near, cc);
    }
  }
  return out;
}

function mapLegend(r, truncated, n) {
  const item = (cls, label) => {
    const s = svg('svg', { width: 16, height: 16, 'aria-hidden': 'true' });
    s.append(svg('circle', { cx: 8, cy: 8, r: 5.5, class: 'pt ' + cls }));
    return h('li', s, label);
  };
  const size = (v) => {
    const rr = r(v);
    const s = svg('svg', { width: rr * 2 + 4, height: rr * 2 + 4, 'aria-hidden': 'true' });
    s.append(svg('circle', { cx: rr + 2, cy: rr + 2, r: rr, class: 'pt size' }));
    return h('li', s, fmtInt(v));
  };
  const max = r.domain()[1];
  return h(
    'div.map-legend',
    h('ul', item('p-exact legend-pt', 'city / point'), item('p-admin legend-pt', 'province (admin1)'), item('p-coarse legend-pt', 'country / region')),
    h('ul.sizes', h('li.muted', 'killed:'), size(0), size(Math.round(max / 4)), size(max)),
    h('div.muted', `${n} located events${truncated ? ' (truncated)' : ''}`),
  );
}
