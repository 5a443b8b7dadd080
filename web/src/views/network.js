// The actor network from /api/graph, drawn with cytoscape. Nodes are sized
// by events; relation edges are coloured by relation type, co-participation
// edges are grey; edges whose modality is not asserted are dashed.
import cytoscape from 'cytoscape';
import * as d3 from 'd3';
import { get, filterParams } from '../api.js';
import { h, append, clear, loading, empty, errorBox, fmtInt } from '../util.js';
import { filterBar, filtersFrom, activeFilters } from './filters.js';

const relColor = d3.scaleOrdinal(['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#bcbd22']);
const CO_COLOR = '#b8bec6';

export async function network(container, f, { signal, height = 340, evidenceEl, limit = 150 } = {}) {
  clear(container).append(loading('Loading network…'));
  let g;
  try {
    g = await get('graph', { ...filterParams(f), limit }, { signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    clear(container).append(errorBox(e, 'the network'));
    return null;
  }
  clear(container);
  const nodes = g.nodes || [];
  const edges = g.edges || [];
  container.dataset.nodes = String(nodes.length);
  container.dataset.edges = String(edges.length);
  if (!nodes.length) {
    container.append(empty('No actors match these filters.'));
    return null;
  }
  const box = h('div.cy', { role: 'img', 'aria-label': `Actor network: ${nodes.length} actors, ${edges.length} links. Select an actor below to open it.` });
  box.style.height = height + 'px';
  container.append(box);

  const maxEv = Math.max(1, ...nodes.map((n) => n.events || 0));
  const size = d3.scaleSqrt().domain([0, maxEv]).range([14, 46]);
  const ids = new Set(nodes.map((n) => n.id));
  const elements = [
    ...nodes.map((n) => ({
      data: { id: n.id, label: n.name, size: size(n.events || 0), key: n.entity || n.name, events: n.events, kb: n.entity ? 1 : 0 },
    })),
    ...edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e, i) => ({
        data: {
          id: 'e' + i,
          source: e.source,
          target: e.target,
          color: e.kind === 'co_participation' ? CO_COLOR : relColor(e.type),
          width: Math.min(8, 1 + Math.log2(1 + (e.count || 1))),
          label: e.kind === 'co_participation' ? '' : `${e.type}${e.modality && e.modality !== 'asserted' ? ' (' + e.modality + ')' : ''}`,
          idx: i,
        },
        classes: [e.kind === 'co_participation' ? 'co' : 'rel', e.modality && e.modality !== 'asserted' ? 'uncertain' : ''].join(' '),
      })),
  ];
  const cy = cytoscape({
    container: box,
    elements,
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 4,
    style: [
      {
        selector: 'node',
        style: {
          width: 'data(size)',
          height: 'data(size)',
          'background-color': '#4a6785',
          label: 'data(label)',
          'font-size': 12,
          'font-family': 'system-ui, sans-serif',
          color: '#1d2733',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'ellipsis',
          'text-max-width': 120,
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.7,
          'border-width': 1,
          'border-color': '#ffffff',
        },
      },
      { selector: 'node[kb = 0]', style: { 'background-color': '#9aa7b4', shape: 'round-rectangle' } },
      {
        selector: 'edge',
        style: {
          width: 'data(width)',
          'line-color': 'data(color)',
          'target-arrow-color': 'data(color)',
          'curve-style': 'bezier',
          opacity: 0.85,
          'font-size': 8,
          color: '#4b5561',
          'text-rotation': 'autorotate',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.8,
        },
      },
      { selector: 'edge.rel', style: { 'target-arrow-shape': 'triangle', 'arrow-scale': 0.8 } },
      { selector: 'edge.co', style: { 'line-style': 'solid', opacity: 0.6 } },
      { selector: 'edge.uncertain', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 3] } },
      { selector: 'edge:selected, edge.hover', style: { label: 'data(label)', opacity: 1, 'z-index': 10 } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#f0a30a' } },
      { selector: 'node.hover', style: { 'border-width': 2, 'border-color': '#1d2733' } },
    ],
    layout: { name: 'preset', positions: forceLayout(elements, box.clientWidth || 600, height), fit: true, padding: 24 },
  });
  // A few nodes would be blown up to fill the box: keep them at a sane size.
  if (cy.zoom() > 1.2) {
    cy.zoom(1.2);
    cy.center();
  }
  box.cy = cy; // for tests and the console
  cy.on('mouseover', 'node, edge', (ev) => ev.target.addClass('hover'));
  cy.on('mouseout', 'node, edge', (ev) => ev.target.removeClass('hover'));
  cy.on('tap', 'node', (ev) => {
    location.hash = '#/actor/' + encodeURIComponent(ev.target.data('key'));
  });
  const ev = evidenceEl || h('div.edge-evidence');
  if (!evidenceEl) container.append(ev);
  clear(ev).append(h('p.muted.hint', 'Click an actor to open it; click a link to read its evidence.'));
  cy.on('tap', 'edge', (e) => showEdge(ev, edges[e.target.data('idx')], nodes));

  // A keyboard path to every actor, since the canvas is mouse-only.
  const list = h(
    'details.node-list',
    h('summary', `${nodes.length} actors, ${edges.length} links (list)`),
    h(
      'ul',
      [...nodes]
        .sort((a, b) => (b.events || 0) - (a.events || 0))
        .map((n) => h('li', h('a', { href: '#/actor/' + encodeURIComponent(n.entity || n.name) }, n.name), h('span.muted', ` ${fmtInt(n.events)} events`))),
    ),
  );
  container.append(netLegend(edges), list);
  return cy;
}

function showEdge(el, e, nodes) {
  if (!e) return;
  const name = (id) => (nodes.find((n) => n.id === id) || { name: id }).name;
  clear(el).append(
    h(
      'div.edge-head',
      h('b', name(e.source)),
      ' — ',
      e.kind === 'co_participation' ? h('span', 'took part in the same ', h('b', e.type), ' event') : h('span', h('b', e.type)),
      ' — ',
      h('b', name(e.target)),
      h('span.muted', ` · ${e.count || 1}× · ${e.modality || 'asserted'}`),
    ),
    e.evidence && e.evidence.length
      ? h(
          'ul.evidence-list',
          e.evidence.map((s) =>
            h('li', h('q', s.text), ' ', h('a.muted', { href: `#/documents/${encodeURIComponent(s.document)}?start=${s.start}&end=${s.end}` }, 'source')),
          ),
        )
      : h('p.muted', 'No evidence sentences recorded for this link.'),
  );
}

function netLegend(edges) {
  const relTypes = [...new Set(edges.filter((e) => e.kind !== 'co_participation').map((e) => e.type))].sort();
  const line = (color, dashed) => {
    const s = h('span.line' + (dashed ? '.dashed' : ''));
    s.style.borderTopColor = color;
    return s;
  };
  return h(
    'ul.legend.net-legend',
    relTypes.map((t) => h('li', line(relColor(t)), t)),
    h('li', line(CO_COLOR), 'same event'),
    h('li', line('#555', true), 'reported / claimed / other non-asserted'),
    h('li', h('span.node-dot'), 'known actor'),
    h('li', h('span.node-dot.unknown'), 'not in knowledge base'),
  );
}

/** #/network?filters: the network at full size with its filters. */
export async function renderNetworkPage(main, ctx) {
  const f = filtersFrom(ctx.params);
  const netBox = h('div.panel-body.net');
  const evBox = h('div.edge-evidence');
  main.append(
    append(h('div.page.wide'), [
      filterBar(f, { path: 'network' }),
      activeFilters(f, 'network'),
      h('section.panel', h('h2', 'Actor network'), netBox),
      h('section.panel', h('h2', 'Evidence'), evBox),
    ]),
  );
  const cy = await network(netBox, f, { signal: ctx.signal, height: Math.max(420, window.innerHeight - 330), evidenceEl: evBox, limit: 300 });
  if (cy) ctx.onCleanup(() => cy.destroy());
}

// Positions from a d3-force simulation run to rest: unlike cose, it keeps
// many small components together in one blob shaped like the box.
function forceLayout(elements, width, height) {
  const nodes = elements.filter((e) => !e.data.source).map((e) => ({ id: e.data.id, r: e.data.size / 2 }));
  const links = elements.filter((e) => e.data.source).map((e) => ({ source: e.data.source, target: e.data.target }));
  const aspect = Math.sqrt(Math.max(0.5, Math.min(3, width / height)));
  const sim = d3
    .forceSimulation(nodes)
    .force('link', d3.forceLink(links).id((d) => d.id).distance(55).strength(0.7))
    .force('charge', d3.forceManyBody().strength(-140))
    .force('collide', d3.forceCollide().radius((d) => d.r + 14))
    .force('x', d3.forceX(0).strength(0.06 / aspect))
    .force('y', d3.forceY(0).strength(0.06 * aspect))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  const pos = {};
  for (const n of nodes) pos[n.id] = { x: n.x, y: n.y };
  return (node) => pos[node.id()];
}
