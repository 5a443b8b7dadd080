// Events and fatalities per ISO week, stacked by type (/api/counts?by=week),
// with a d3 brush that sets the from/to filters.
import * as d3 from 'd3';
import { get, filterParams } from '../api.js';
import { h, clear, typeColor, loading, empty, errorBox, fmtInt } from '../util.js';

const parseDay = d3.utcParse('%Y-%m-%d');
const fmtDay = d3.utcFormat('%Y-%m-%d');

export async function timeline(container, f, { signal, onBrush, height = 170 } = {}) {
  clear(container).append(loading('Loading timeline…'));
  let r;
  try {
    r = await get('counts', { by: 'week', ...filterParams(f) }, { signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    clear(container).append(errorBox(e, 'the timeline'));
    return;
  }
  clear(container);
  const buckets = (r.buckets || []).filter((b) => b.key && parseDay(b.key));
  if (!buckets.length) {
    container.append(empty('No dated events match these filters.'));
    return;
  }
  const types = [...new Set(buckets.map((b) => b.type || 'other'))].sort();
  const weeks = d3.sort([...new Set(buckets.map((b) => b.key))]);
  const byWeek = new Map(weeks.map((w) => [w, { week: parseDay(w), events: {}, fatalities: {} }]));
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
  let x1 = d3.utcDay.offset(d3.max(rows, (d) => d.week), 7);
  // Keep very short spans readable: at least 8 weeks wide.
  const minSpan = 8 * 7 * 864e5;
  if (x1 - x0 < minSpan) {
    const pad = (minSpan - (x1 - x0)) / 2;
    x0 = d3.utcMonday.floor(new Date(+x0 - pad));
    x1 = d3.utcMonday.ceil(new Date(+x1 + pad));
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
    .attr('aria-label', `Events and fatalities per week, ${weeks[0]} to ${weeks[weeks.length - 1]}; drag to select dates`);

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
      .attr('width', (d) => Math.max(2, x(d3.utcDay.offset(d.data.week, 7)) - x(d.data.week) - 1))
      .attr('y', (d) => y(d[1]))
      .attr('height', (d) => Math.max(0, y(d[0]) - y(d[1])))
      .on('mousemove', (ev, d) => {
        tip.hidden = false;
        tip.textContent = `week of ${fmtDay(d.data.week)} · ${d.type}: ${fmtInt(d.data.events[d.type] || 0)} events, ${fmtInt(d.data.fatalities[d.type] || 0)} fatalities`;
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
        const from = d3.utcMonday.floor(a);
        const to = d3.utcDay.offset(d3.utcMonday.ceil(b), -1);
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
      const wk = fmtDay(d3.utcMonday.floor(x.invert(mx)));
      const row = byWeek.get(wk);
      tip.hidden = false;
      tip.textContent = row
        ? `week of ${wk}: ` + types.filter((t) => row.events[t]).map((t) => `${t} ${fmtInt(row.events[t])} (${fmtInt(row.fatalities[t])} killed)`).join(', ')
        : `week of ${wk}: no events`;
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
