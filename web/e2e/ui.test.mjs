// Browser test of the sitrep web UI against a running `sitrep serve`.
//   SITREP_URL=http://127.0.0.1:8080 node e2e/ui.test.mjs
// Screenshots go to $SITREP_ARTIFACTS (default test-artifacts/). Exits
// non-zero with a message naming the failed step.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const base = (process.env.SITREP_URL || '').replace(/\/+$/, '');
if (!base) {
  console.error('ui.test: set SITREP_URL to the base URL of a running `sitrep serve` (e.g. http://127.0.0.1:8080)');
  process.exit(2);
}
const artifacts = resolve(process.env.SITREP_ARTIFACTS || 'test-artifacts');
await mkdir(artifacts, { recursive: true });
const T = 20000;

const problems = []; // console errors, page errors, CSP violations
let step = 'start';
let passed = 0;
const t0 = Date.now();

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function api(path) {
  let r;
  try {
    r = await fetch(base + '/api/' + path);
  } catch (e) {
    throw new Error(`cannot reach ${base}/api/${path}: ${e.cause ? e.cause.message || e.cause.code : e.message} (is sitrep serve running?)`);
  }
  if (!r.ok) throw new Error(`GET /api/${path}: HTTP ${r.status} ${await r.text()}`);
  return r.json();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let page;
async function shot(name) {
  await page.screenshot({ path: join(artifacts, name), fullPage: false });
}
// Navigates to a hash route and waits until its view has loaded.
async function visit(hash) {
  await page.goto(base + '/' + hash, { waitUntil: 'load' });
  await page.waitForFunction((h) => document.getElementById('main').dataset.loaded === h && location.hash === h, hash, { timeout: T });
}
async function run(name, fn) {
  step = name;
  const s = Date.now();
  await fn();
  passed++;
  console.log(`ok   ${name} (${Date.now() - s} ms)`);
}

try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await ctx.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception on ${page.url()}: ${e.message}`));
  page.on('response', (r) => {
    const csp = r.headers()['content-security-policy'];
    if (r.request().resourceType() === 'document' && !csp) problems.push(`no Content-Security-Policy on ${r.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });

  step = 'API reachable';
  const meta = await api('meta');
  check(meta.events > 0, `the store behind ${base} has no events (meta: ${JSON.stringify(meta)})`);
  const { actors } = await api('actors?limit=5');
  check(actors && actors.length, 'GET /api/actors returned no actors');
  const actor = actors[0];

  await run('overview loads with events', async () => {
    await visit('#/');
    await page.waitForSelector('#events table.events tbody tr', { timeout: T });
    const rows = await page.locator('#events table.events tbody tr').count();
    check(rows > 0, 'the overview shows no event rows');
    await page.waitForSelector('#meta b', { timeout: T });
    const cards = await page.locator('.cards .card').count();
    check(cards >= 3, `the overview shows ${cards} summary cards`);
    await page.waitForFunction(() => [...document.querySelectorAll('#timeline svg.timeline rect')].some((r) => +r.getAttribute('height') > 0), null, { timeout: T });
    await page.waitForSelector('#map circle.pt', { timeout: T });
    await page.waitForSelector('#network .net[data-nodes] canvas', { timeout: T });
    await page.waitForTimeout(300);
    await shot('overview.png');
  });

  await run(`filter the table by actor "${actor.name}"`, async () => {
    await visit('#/events');
    await page.waitForSelector('#events table.events tbody tr', { timeout: T });
    const before = await page.locator('#events table.events tbody tr').count();
    await page.fill('#flt-actor', actor.name);
    await page.press('#flt-actor', 'Enter');
    await page.waitForFunction(
      (name) => location.hash.includes('actor=') && decodeURIComponent(location.hash.replace(/\+/g, ' ')).includes(name) && document.getElementById('main').dataset.loaded === location.hash,
      actor.name,
      { timeout: T },
    );
    await page.waitForSelector('#events [data-rows] table.events tbody tr', { timeout: T });
    const cells = await page.locator('#events table.events tbody tr td.actors').allInnerTexts();
    check(cells.length > 0, 'no rows after filtering by actor');
    const bad = cells.filter((c) => !c.toLowerCase().includes(actor.name.toLowerCase()));
    check(!bad.length, `${bad.length} of ${cells.length} rows do not name ${actor.name}: ${JSON.stringify(bad.slice(0, 3))}`);
    check(cells.length <= Math.max(before, actor.events), `filtered table has ${cells.length} rows, more than the actor's ${actor.events} events`);
    const chip = await page.locator('.chips .chip').first().innerText();
    check(chip.includes('actor'), 'no active-filter chip for the actor');
    await shot('filtered.png');
  });

  let eventId;
  await run('open an event with highlighted evidence', async () => {
    const link = page.locator('#events table.events tbody tr a.rowlink').first();
    eventId = decodeURIComponent(((await link.getAttribute('href')) || '').replace('#/event/', ''));
    await link.click();
    await page.waitForFunction(() => location.hash.startsWith('#/event/') && document.getElementById('main').dataset.loaded === location.hash, null, { timeout: T });
    await page.waitForSelector('.eventpage h1', { timeout: T });
    const mark = page.locator('.article-text mark.evidence').first();
    await mark.waitFor({ state: 'visible', timeout: T });
    const text = (await mark.innerText()).trim();
    check(text.length > 3, 'the highlighted evidence is empty');
    // The mark must hold exactly one of the event's evidence sentences (byte offsets converted right).
    const ev = await api('events/' + encodeURIComponent(eventId));
    const sentences = (ev.event.evidence || []).map((s) => s.text.trim());
    const marks = (await page.locator('.article-text mark.evidence').allInnerTexts()).map((s) => s.trim());
    check(marks.some((m) => sentences.some((s) => s === m || s.includes(m) || m.includes(s))), `no highlighted text matches the event's evidence: ${JSON.stringify(marks.slice(0, 2))} vs ${JSON.stringify(sentences.slice(0, 2))}`);
    const inView = await mark.evaluate((m) => {
      const box = m.closest('.article-text').getBoundingClientRect();
      const r = m.getBoundingClientRect();
      return r.bottom > box.top && r.top < box.bottom;
    });
    check(inView, 'the evidence is not scrolled into view in its article');
    const fields = await page.locator('dl.fields dt').allInnerTexts();
    for (const f of ['Type', 'Date', 'Place', 'Fatalities', 'Modality', 'Sources']) check(fields.includes(f), `the event page lacks the field ${f}`);
    await shot('event.png');
  });

  await run('open the country page from the event page', async () => {
    const link = page.locator('.eventpage a.countrylink').first();
    check((await link.count()) > 0, `event ${eventId} has no link to a country page (no location country?)`);
    const cc = decodeURIComponent(((await link.getAttribute('href')) || '').replace('#/country/', ''));
    await link.click();
    await page.waitForFunction(() => location.hash.startsWith('#/country/') && document.getElementById('main').dataset.loaded === location.hash, null, { timeout: T });
    const h1 = await page.locator('.countrypage h1').innerText();
    check(h1.includes(cc), `the country page of ${cc} is titled ${JSON.stringify(h1)}`);
    const prof = await api('countries/' + encodeURIComponent(cc));
    check(prof.actors && prof.actors.length, `GET /api/countries/${cc} lists no actors, though event ${eventId} has one`);
    const rows = page.locator('.countrypage table.country-actors tbody tr');
    await rows.first().waitFor({ state: 'visible', timeout: T });
    check((await rows.count()) === prof.actors.length, `the country page lists ${await rows.count()} actors, the API ${prof.actors.length}`);
    const href = await rows.first().locator('td a').first().getAttribute('href');
    check((href || '').startsWith('#/actor/'), `the first actor links to ${href}, not an actor page`);
    const evLink = await page.locator('.countrypage .doc-head a').first().getAttribute('href');
    check(evLink === '#/events?country=' + encodeURIComponent(cc), `the country page's events link is ${evLink}`);
    await page.waitForSelector('.countrypage .tl svg.timeline, .countrypage .tl .state', { timeout: T });
    await page.waitForTimeout(300);
    await shot('country.png');
  });

  await run('map renders countries and event points', async () => {
    await visit('#/events');
    await page.waitForSelector('#map circle.pt', { timeout: T });
    const countries = await page.locator('#map path.country').count();
    const points = await page.locator('#map circle.pt').count();
    check(countries > 100, `the map draws ${countries} countries`);
    check(points > 0, 'the map draws no event points');
    await page.locator('#map').screenshot({ path: join(artifacts, 'map.png') });
    // Clicking a point opens its event.
    await page.locator('#map svg.map a').last().click();
    await page.waitForSelector('.eventpage h1', { timeout: T });
  });

  await run('network renders actors', async () => {
    await visit('#/network');
    await page.waitForSelector('.net[data-nodes] canvas', { timeout: T });
    const n = Number(await page.locator('.net[data-nodes]').getAttribute('data-nodes'));
    check(n > 0, `the network has ${n} nodes`);
    // Clicking a relation edge shows its evidence sentences.
    const pt = await page.evaluate(() => {
      const box = document.querySelector('.net .cy');
      const e = box.cy.edges('.rel').filter((x) => x.renderedMidpoint().x > 0)[0];
      if (!e) return null;
      const m = e.renderedMidpoint();
      const r = box.getBoundingClientRect();
      return { x: r.left + m.x, y: r.top + m.y };
    });
    if (pt) {
      await page.mouse.click(pt.x, pt.y);
      await page.waitForSelector('.edge-evidence .edge-head', { timeout: T });
      const items = await page.locator('.edge-evidence ul.evidence-list li').count();
      check(items > 0, 'clicking a relation shows no evidence sentences');
    }
    await page.waitForTimeout(300);
    await shot('network.png');
  });

  await run(`actor page of "${actor.name}"`, async () => {
    await visit('#/actor/' + encodeURIComponent(actor.entity || actor.name));
    await page.waitForSelector('.actorpage h1', { timeout: T });
    const h1 = await page.locator('.actorpage h1').innerText();
    check(h1.toLowerCase().includes(actor.name.toLowerCase()), `the actor page is titled ${JSON.stringify(h1)}`);
    await page.waitForSelector('.actorpage .tl svg, .actorpage .tl .state', { timeout: T });
    await page.waitForTimeout(400);
    await shot('actor.png');
  });

  await run('error state shows the API detail', async () => {
    await visit('#/event/no-such-event');
    await page.waitForSelector('.state.error', { timeout: T });
    // The 404 of the API is expected here; drop the console line it causes.
    for (let i = problems.length - 1; i >= 0; i--) if (/404|Not Found/i.test(problems[i])) problems.splice(i, 1);
  });

  step = 'console';
  check(!problems.length, `console errors or CSP violations:\n  ${problems.join('\n  ')}`);
  passed++;
  console.log(`${passed} passed, 0 failed (${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${artifacts})`);
  await browser.close();
} catch (e) {
  try {
    if (page) await page.screenshot({ path: join(artifacts, 'failure.png') });
  } catch {
    /* the page may be gone */
  }
  await browser.close().catch(() => {});
  console.error(`FAIL ${step}: ${e.message}`);
  if (problems.length) console.error(`console problems:\n  ${problems.join('\n  ')}`);
  console.error(`${passed} passed, 1 failed`);
  process.exit(1);
}
