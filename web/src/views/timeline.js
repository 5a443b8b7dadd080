// Events and fatalities per ISO week, stacked by type (/api/counts?by=week),
// with a d3 brush that sets the from/to filters.
import * as d3 from 'd3';
import { get, filterParams } from '../api.js';
import { h, clear, typeColor, loading, empty, errorBox, fmtInt } from '../util.js';

const parseDay = d3.utcParse('%Y-%m-%d');
const fmtDay = d3.utcFormat('%Y-%m-%d');

const parseMonth = d3.utcParse('%Y-%m');
const UNITS = {
  week: { parse: parseDay, floor: (d) => d3.utcMonday.floor(d), ceil: (d) => d3.utcMonday.ceil(d), next: (d) => d3.utcDay.offset(d, 7), label: 'week of ' },
  month: { parse: (k) => parseMonth(k.slice(0, 7)), floor: (d) => d3.utcMonth.floor(d), ceil: (d) => d3.utcMonth.ceil(d), next: (d) => d3.utcMonth.offset(d, 1), label: '' },
};

/**
 * timeline draws events and fatalities per week (or month), stacked by
 * type (opts.months: per month, from buckets the caller passes). Events dated only to a month are not in weekly counts, so when the
 * weekly view misses some, it says so and offers the monthly one.
 */
export async function timeline(container, f, opts = {}) {
  const { signal } = opts;
  // Monthly buckets the caller already has (a profile's by_month): drawn as
  // they are, without asking /api/counts.
  if (Array.isArray(opts.months)) {
    clear(container);
    drawTimeline(container, f, { buckets: opts.months }, 'month', opts);
    return;
  }
  clear(container).append(loading('Loading timeline…'));
  let wk;
  let mo;
  try {
    [wk, mo] = await Promise.all([get('counts', { by: 'week', ...filterParams(f) }, { signal }), get('counts', { by: 'month', ...filterParams(f) }, { signal })]);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    clear(container).append(errorBox(e, 'the timeline'));
    return;
  }
  const total = (r) => (r.buckets || []).reduce((n, b) => n + (b.events || 0), 0);
  const missing = total(mo) - total(wk);
  const draw = (by) => {
    clear(container);
    drawTimeline(container, f, by === 'week' ? wk : mo, by, opts);
    const other = by === 'week' ? 'month' : 'week';
    const note = h(
      'div.tl-note',
      by === 'week' && missing > 0 ? h('span', `${fmtInt(missing)} event${missing === 1 ? '' : 's'} dated only to the month ${missing === 1 ? 'is' : 'are'} not in weekly counts. `) : null,
      h('button.link', { type: 'button', onclick: () => draw(other) }, `show per ${other}`),
    );
    container.append(note);
  };
  draw(total(wk) === 0 && total(mo) > 0 ? 'month' : 'week');
}

function drawTimeline(container, f, r, by, { onBrush, height = 170 } = {}) {
  const U = UNITS[by];
  const buckets = (r.buckets || []).filter((b) => b.key && U.parse(b.key));
  if (!buckets.length) {
    container.append(empty('No dated events match these filters.'));
    return;
  }
  const types = [...new Set(buckets.map((b) => b.type || 'other'))].sort();
  const weeks = d3.sort([...new Set(buckets.map((b) => b.key))]);
  const byWeek = new Map(weeks.map((w) => [w, { week: U.parse(w), events: {}, fatalities: {} }]));
  for (const b of buckets) {
    const row = byWeek.get(b.key);
    const t = b.type || 'other';
    row.events[t] = (row.events[t] || 0) + (b.events || 0);
    row.fatalities[t] = (row.fatalities[t] || 0) + (b.fatalities || 0);
  }
  const rows = [...byWeek.values()];

  const width = Math.max(320, container.clientWidth || 800);
  const m = { l: 44, r: 12, t: 8, b: 20 };
  const gap = 14;
  const half = (height - m.t - m.b - gap) / 2;
  let x0 = d3.min(rows, (d) => d.week);
  let x1 = U.next(d3.max(rows, (d) => d.week));
  // Keep very short spans readable: at least 8 weeks wide.
  const minSpan = (by === 'week' ? 8 * 7 : 366) * 864e5;
  if (x1 - x0 < minSpan) {
    const pad = (minSpan - (x1 - x0)) / 2;
    x0 = U.floor(new Date(+x0 - pad));
    x1 = U.ceil(new Date(+x1 + pad));
  }
  // With a from/to filter, the axis spans exactly that period.
  if (f.from) x0 = parseDay(pad(f.from, false)) || x0;
  if (f.to) x1 = d3.utcDay.offset(parseDay(pad(f.to, true)), 1) || x1;
  const x = d3.scaleUtc().domain([x0, x1]).range([m.l, width - m.r]);

  const svgSel = d3
    .select(container)
    .append('svg')
    .attr('class', 'timeline')
    .attr('width', width)
    .attr('height', height)
    .attr('role', 'img')
    .attr('aria-label', `Events and fatalities per ${by}, ${weeks[0]} to ${weeks[weeks.length - 1]}; drag to select dates`);

  const panels = [
    { key: 'events', label: 'events', y0: m.t },
    { key: 'fatalities', label: 'fatalities', y0: m.t + half + gap },
  ];
  const tip = h('div.tip', { role: 'status' });
  tip.hidden = true;
  container.append(tip);
  for (const p of panels) {
    const stack = d3.stack().keys(types).value((d, k) => d[p.key][k] || 0)(rows);
    const max = d3.max(stack, (s) => d3.max(s, (d) => d[1])) || 1;
    const y = d3.scaleLinear().domain([0, max]).nice(3).range([p.y0 + half, p.y0]);
    const g = svgSel.append('g').attr('class', 'panel ' + p.key);
    g.append('g')
      .attr('class', 'axis y')
      .attr('transform', `translate(${m.l},0)`)
      .call(d3.axisLeft(y).tickValues(y.ticks(3).filter(Number.isInteger)).tickSizeOuter(0).tickFormat(d3.format('~s')));
    g.append('text').attr('class', 'panel-label').attr('x', m.l + 4).attr('y', p.y0 + 9).text(p.label);
    g.selectAll('g.layer')
      .data(stack)
      .join('g')
      .attr('class', 'layer')
      .attr('fill', (s) => typeColor(s.key))
      .selectAll('rect')
      .data((s) => s.map((d) => Object.assign(d, { type: s.key })))
      .join('rect')
      .attr('x', (d) => x(d.data.week) + 0.5)
      .attr('width', (d) => Math.max(2, x(U.next(d.data.week)) - x(d.data.week) - 1))
      .attr('y', (d) => y(d[1]))
      .attr('height', (d) => Math.max(0, y(d[0]) - y(d[1])))
      .on('mousemove', (ev, d) => {
        tip.hidden = false;
        tip.textContent = `${U.label}${fmtDay(d.data.week)} · ${d.type}: ${fmtInt(d.data.events[d.type] || 0)} events, ${fmtInt(d.data.fatalities[d.type] || 0)} fatalities`;
      })
      .on('mouseleave', () => (tip.hidden = true));
  }
  svgSel
    .append('g')
    .attr('class', 'axis x')
    .attr('transform', `translate(0,${height - m.b})`)
    .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))).tickSizeOuter(0));

  if (onBrush) {
    const brush = d3
      .brushX()
      .extent([
        [m.l, m.t],
        [width - m.r, height - m.b],
      ])
      .on('end', (ev) => {
        if (!ev.sourceEvent || !ev.selection) return;
        const [a, b] = ev.selection.map(x.invert);
        const from = U.floor(a);
        const to = d3.utcDay.offset(U.ceil(b), -1);
        onBrush(fmtDay(from), fmtDay(to));
      });
    const bg = svgSel.append('g').attr('class', 'brush').call(brush);
    // Show the current from/to as the brush selection.
    if (f.from || f.to) {
      const a = f.from ? parseDay(pad(f.from, false)) : x0;
      const b = f.to ? d3.utcDay.offset(parseDay(pad(f.to, true)), 1) : x1;
      const sel = [Math.max(m.l, x(a)), Math.min(width - m.r, x(b))];
      // Not when it is the whole axis: the filter already zoomed the chart.
      if (a && b && b > a && (sel[0] > m.l + 2 || sel[1] < width - m.r - 2)) bg.call(brush.move, sel);
    }
    // The brush covers the bars, so it shows the week under the pointer.
    bg.on('mousemove.tip', (ev) => {
      const [mx] = d3.pointer(ev);
      const start = U.floor(x.invert(mx));
      const wk = by === 'week' ? fmtDay(start) : fmtDay(start).slice(0, 7);
      const row = byWeek.get(wk);
      tip.hidden = false;
      tip.textContent = row
        ? `${U.label}${wk}: ` + types.filter((t) => row.events[t]).map((t) => `${t} ${fmtInt(row.events[t])} (${fmtInt(row.fatalities[t])} killed)`).join(', ')
        : `${U.label}${wk}: no events`;
    });
    bg.on('mouseleave.tip', () => (tip.hidden = true));
  }
  container.append(legend(types));
}

// A truncated date ("2024", "2024-03") made whole: the first or last day.
function pad(d, end) {
  if (/^\d{4}$/.test(d)) return end ? d + '-12-31' : d + '-01-01';
  if (/^\d{4}-\d{2}$/.test(d)) {
    if (!end) return d + '-01';
    const first = parseDay(d + '-01');
    return fmtDay(d3.utcDay.offset(d3.utcMonth.offset(first, 1), -1));
  }
  return d;
}

export function legend(types) {
  return h(
    'ul.legend',
    { 'aria-label': 'Event types' },
    types.map((t) => {
      const sw = h('span.swatch');
      sw.style.background = typeColor(t);
      return h('li', sw, t);
    }),
  );
}
