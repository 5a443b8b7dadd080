// The JSON API client (see docs/api.md). Errors are problem+json; their
// `detail` is what the UI shows.

export class ApiError extends Error {
  constructor(status, title, detail, code) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title;
    this.detail = detail || title || `HTTP ${status}`;
    this.code = code;
  }
}

const cache = new Map();

/** get fetches /api/<path> with params (empty values dropped). */
export async function get(path, params, { signal, cacheable = true } = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v == null || v === '' || (Array.isArray(v) && !v.length)) continue;
    qs.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const url = 'api/' + path + (qs.toString() ? '?' + qs : '');
  if (cacheable && cache.has(url)) return withSignal(cache.get(url), signal);
  // The request itself is never aborted: its answer is cached and may serve
  // the next view; only the caller's wait is (withSignal).
  const p = (async () => {
    let res;
    try {
      res = await fetch(url, { headers: { Accept: 'application/json' } });
    } catch (e) {
      throw new ApiError(0, 'Network error', `the server did not answer (${e.message})`);
    }
    const type = res.headers.get('Content-Type') || '';
    if (!res.ok) {
      let body = null;
      try {
        body = await res.json();
      } catch {
        /* not JSON */
      }
      throw new ApiError(res.status, body && body.title, body && (body.detail || body.title), body && body.code);
    }
    if (!type.includes('json')) throw new ApiError(res.status, 'Bad answer', `expected JSON from ${url}, got ${type || 'nothing'}`);
    return res.json();
  })();
  if (cacheable) {
    cache.set(url, p);
    p.catch(() => cache.delete(url));
    if (cache.size > 300) cache.delete(cache.keys().next().value);
  }
  return withSignal(p, signal);
}

/** p, or an AbortError as soon as signal aborts. */
function withSignal(p, signal) {
  if (!signal) return p;
  const abort = () => new DOMException('the view was left', 'AbortError');
  if (signal.aborted) return Promise.reject(abort());
  return new Promise((resolve, reject) => {
    const on = () => reject(abort());
    signal.addEventListener('abort', on, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', on);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', on);
        reject(e);
      },
    );
  });
}

/** The event filters shared by /api/events, /api/counts, /api/geo, /api/graph. */
export const FILTER_KEYS = ['actor', 'type', 'subtype', 'country', 'from', 'to', 'q', 'modality', 'min_sources'];

export function filterParams(f) {
  const out = {};
  for (const k of FILTER_KEYS) if (f[k] != null && f[k] !== '') out[k] = f[k];
  return out;
}
