// Small DOM and formatting helpers. Everything is built with DOM calls (no
// HTML strings), so nothing trips the Content-Security-Policy.

/** h('div.cls#id', {attrs}, ...children) builds an element. */
export function h(tag, attrs, ...children) {
  const m = /^([a-z0-9]+)?((?:[.#][\w-]+)*)$/i.exec(tag);
  const el = document.createElement((m && m[1]) || 'div');
  if (m && m[2]) {
    for (const part of m[2].match(/[.#][\w-]+/g)) {
      if (part[0] === '.') el.classList.add(part.slice(1));
      else el.id = part.slice(1);
    }
  }
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** An SVG element (for hand-built icons and legends). */
export function svg(tag, attrs = {}) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) el.setAttribute(k, String(v));
  return el;
}

export const fmtInt = (n) => (n == null ? '' : Number(n).toLocaleString('en-US'));

/** A range {low,best,high} or count {min,max} as text ("12", "10–15", "≥3"). */
export function fmtRange(r, count) {
  if (r && r.best != null) {
    if (r.low != null && r.high != null && (r.low !== r.best || r.high !== r.best)) {
      return `${fmtInt(r.best)} (${fmtInt(r.low)}–${fmtInt(r.high)})`;
    }
    return fmtInt(r.best);
  }
  if (count && count.min != null) {
    if (count.max != null && count.max !== count.min) return `${fmtInt(count.min)}–${fmtInt(count.max)}`;
    if (count.qualifier === 'at_least' || count.qualifier === 'more_than') return `≥${fmtInt(count.min)}`;
    return fmtInt(count.min);
  }
  return '';
}

/** An event's date as text. */
export function fmtDate(d) {
  if (!d || (!d.start && !d.end)) return '';
  if (d.start && d.end && d.start !== d.end) return `${d.start} – ${d.end}`;
  return d.start || d.end;
}

export function fmtTime(t) {
  if (!t) return '';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  return d.toISOString().replace('T', ' ').slice(0, 16) + 'Z';
}

export function fmtPlace(loc) {
  if (!loc) return '';
  const parts = [loc.name];
  if (loc.admin1 && loc.admin1 !== loc.name) parts.push(loc.admin1);
  if (loc.country && loc.country !== loc.name) parts.push(loc.country);
  return parts.filter(Boolean).join(', ');
}

export const names = (xs) => (xs || []).map((x) => (typeof x === 'string' ? x : x.name)).filter(Boolean);

/** The key that /api/actors/{key} accepts for an actor reference. */
export const actorKey = (a) => (a && (a.entity || a.name)) || '';

export function actorLink(a, cls) {
  const key = actorKey(a);
  if (!key) return h('span', a && a.name);
  return h('a' + (cls ? '.' + cls : ''), { href: '#/actor/' + encodeURIComponent(key), title: a.entity || 'not in the knowledge base' }, a.name || key);
}

export function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

/**
 * byteIndex returns a function mapping a UTF-8 byte offset into text to the
 * matching JS (UTF-16) string index. An offset inside a multi-byte character
 * snaps forward to the next character boundary; one past the end clamps.
 */
export function byteIndex(text) {
  const enc = new TextEncoder();
  const total = enc.encode(text).length;
  const map = new Int32Array(total + 1).fill(-1);
  let b = 0;
  let i = 0;
  for (const ch of text) {
    map[b] = i;
    const cp = ch.codePointAt(0);
    b += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += ch.length;
  }
  map[b] = i;
  for (let k = total - 1; k >= 0; k--) if (map[k] < 0) map[k] = map[k + 1];
  return (off) => map[Math.max(0, Math.min(total, off | 0))];
}

/**
 * markSpans renders text into container, wrapping byte spans in <mark>.
 * spans: [{start, end, cls, title}] with UTF-8 byte offsets. Overlaps nest as
 * one mark carrying every class of the spans that cover it.
 */
export function markSpans(container, text, spans) {
  const idx = byteIndex(text);
  const rs = spans
    .map((s) => ({ ...s, a: idx(s.start), b: idx(s.end) }))
    .filter((s) => s.b > s.a);
  const cuts = new Set([0, text.length]);
  for (const s of rs) {
    cuts.add(s.a);
    cuts.add(s.b);
  }
  const pts = [...cuts].sort((x, y) => x - y);
  const marks = [];
  for (let k = 0; k + 1 < pts.length; k++) {
    const a = pts[k];
    const b = pts[k + 1];
    const seg = text.slice(a, b);
    const cover = rs.filter((s) => s.a <= a && s.b >= b);
    if (!cover.length) {
      container.append(document.createTextNode(seg));
      continue;
    }
    const m = document.createElement('mark');
    m.className = [...new Set(cover.map((s) => s.cls))].join(' ');
    const titles = [...new Set(cover.map((s) => s.title).filter(Boolean))];
    if (titles.length) m.title = titles.join('\n');
    m.textContent = seg;
    container.append(m);
    marks.push(m);
  }
  return marks;
}

// Colours per event type, stable across views.
const TYPE_ORDER = ['attack', 'arrest', 'takeover', 'kidnapping', 'threaten', 'sanction', 'withdrawal', 'cooperate', 'protest', 'coerce'];
const PALETTE = ['#d62728', '#1f77b4', '#9467bd', '#ff7f0e', '#8c564b', '#17becf', '#7f7f7f', '#2ca02c', '#e377c2', '#bcbd22', '#393b79', '#637939', '#8c6d31', '#843c39'];
const extraTypes = [];
export function typeColor(t) {
  let i = TYPE_ORDER.indexOf(t);
  if (i < 0) {
    let j = extraTypes.indexOf(t);
    if (j < 0) j = extraTypes.push(t) - 1;
    i = TYPE_ORDER.length + j;
  }
  return PALETTE[i % PALETTE.length];
}

export function typeBadge(type, subtype) {
  const b = h('span.badge.type', type || '?', subtype ? h('span.sub', ' / ' + subtype) : null);
  b.style.borderLeftColor = typeColor(type);
  return b;
}

export function modalityBadge(m) {
  return h('span.badge.modality.m-' + (m || 'unknown'), { title: 'modality' }, m || '—');
}

/** Loading / empty / error boxes. */
export const loading = (what = 'Loading…') => h('div.state.loading', { role: 'status' }, h('span.spinner', { 'aria-hidden': 'true' }), what);
export const empty = (what) => h('div.state.empty', what);
export function errorBox(err, what) {
  const detail = (err && (err.detail || err.message)) || String(err);
  return h('div.state.error', { role: 'alert' }, h('strong', what ? `Could not load ${what}` : 'Error'), ': ', detail, err && err.status ? h('span.muted', ` (HTTP ${err.status})`) : null);
}

export const MODALITIES = ['asserted', 'reported', 'claimed', 'planned', 'foiled', 'hypothetical', 'negated'];

// stat is a figure card: a number over its label.
export const stat = (n, label) => h('div.card', h('div.n', n), h('div.l', label));

// claimBar is a bar split between claimed and attributed attacks (widths
// set through the CSSOM, which the content security policy allows).
export function claimBar(claimed, attributed) {
  const bar = h('div.ca-bar', { role: 'img', 'aria-label': `${claimed} claimed, ${attributed} attributed` });
  const tot = Math.max(1, claimed + attributed);
  const c1 = h('span.claimed');
  c1.style.width = (100 * claimed) / tot + '%';
  const c2 = h('span.attributed');
  c2.style.width = (100 * attributed) / tot + '%';
  bar.append(c1, c2);
  return bar;
}
