// An article's text with byte spans highlighted (<mark>), scrolled so the
// first highlight is in view.
import { h, markSpans } from '../util.js';

/**
 * article renders text into a scrollable box. spans: [{start, end, cls,
 * title}] (UTF-8 byte offsets). focusCls names the marks to scroll to.
 */
export function article(text, spans, { focusCls = 'evidence', label = 'Article text' } = {}) {
  const body = h('div.article-text', { tabindex: '0', role: 'region', 'aria-label': label });
  const marks = markSpans(body, text || '', spans);
  const focus = marks.find((m) => m.classList.contains(focusCls));
  if (focus) {
    // Once laid out, scroll the article box (not the page) to the mark.
    requestAnimationFrame(() => {
      const top = focus.offsetTop - body.offsetTop - body.clientHeight / 3;
      body.scrollTop = Math.max(0, top);
    });
  }
  return { el: body, marks, focus };
}
