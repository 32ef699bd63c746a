// How long a backlog written offline takes to reach the server once the browser is back online,
// in real Chromium against the real server (SQLite). Usage: pnpm bench:backlog  (BACKLOG=500 ROUNDS=3;
// PROFILE=page.cpuprofile saves a CPU profile of the page from reconnect to all accepted, in the
// last round, for Chromium's DevTools, and prints where the page's time went)
//
// Each round is a fresh browser profile (an empty outbox): the page loads online, goes offline,
// stores the backlog, comes back online, and the clock runs until the SDK tells the page that the
// last one is accepted (a `submission` event, sent once the write is durable). The figure is the median round. Beside it: when the first request went out, when the
// last answer came, the server process's CPU time in that span (the server runs in this process),
// and the machine's load.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildApp, createSite, migrate, openDatabase } from '../packages/server/dist/index.js';

const count = Number(process.env.BACKLOG ?? 500);
const rounds = Number(process.env.ROUNDS ?? 3);
const GOAL_MS = 500;
const dir = mkdtempSync(join(tmpdir(), 'sori-backlog-'));
const store = openDatabase(`sqlite:${join(dir, 'sori.db')}`);
await migrate(store);

const page = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
await new Promise((resolve) => page.listen(0, '127.0.0.1', resolve));
const storeOrigin = `http://localhost:${page.address().port}`;
const site = await createSite(store.db, { name: 'Backlog bench', origins: [storeOrigin] });
const app = await buildApp({ store, connectionsPerAddress: false, rateLimitPerMinute: false, siteRateLimitPerMinute: false });
const soriOrigin = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('127.0.0.1', 'localhost');
const html = `<!doctype html><title>bench</title><script async src="${soriOrigin}/sori.js" data-site="${site.key}"></script>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

/** Where the page's main thread spent a CPU profile: self time by function, and idle, GC and the rest. */
function summarize(profile) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const { callFrame } = byId.get(profile.samples[i]);
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const file = callFrame.url.split('/').pop() || '';
    const key = callFrame.url ? `${callFrame.functionName || '(anonymous)'} ${file}:${callFrame.lineNumber + 1}` : callFrame.functionName;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return [`page CPU profile, ${Math.round(total)} ms sampled:`, ...top.map(([k, ms]) => `  ${ms.toFixed(1).padStart(7)} ms  ${k}`)].join('\n');
}

/** One round on a fresh profile; answers its timings in milliseconds from the reconnect. */
async function round(profiled) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(storeOrigin);
  await tab.waitForFunction(() => window.Sori?.loaded);
  await tab.evaluate(() => window.Sori.submissions()); // loads the app and the SDK while online

  await context.setOffline(true);
  const written = Date.now();
  await tab.evaluate(async (n) => {
    for (let i = 0; i < n; i++) await window.Sori.submit({ kind: 'inquiry', message: `Backlog submission ${i}` });
  }, count);
  const storedOffline = Date.now() - written;

  const cdp = profiled ? await context.newCDPSession(tab) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  // The clock stops when the SDK has told the page (after the write is durable) that the last of
  // them is accepted; `submissions()` then confirms what the outbox holds.
  await tab.evaluate((n) => {
    const accepted = new Set();
    window.allAccepted = new Promise((resolve) =>
      window.Sori.on('submission', (s) => {
        if (s.sendState === 'accepted' && accepted.add(s.clientId).size === n) resolve(performance.now());
      }),
    );
  }, count);
  // Resource timings from here on (the buffer holds 250 by default, and offline tries fill it).
  const since = await tab.evaluate(() => {
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(10_000);
    return performance.now();
  });
  const cpu = process.cpuUsage();
  await context.setOffline(false);
  const acceptedAt = await Promise.race([
    tab.evaluate(() => window.allAccepted),
    new Promise((_, reject) => setTimeout(() => reject(new Error('the backlog was not delivered within 2 minutes')), 120_000)),
  ]);
  const delivered = Math.round(acceptedAt - since);
  const accepted = await tab.evaluate(async () => (await window.Sori.submissions()).filter((s) => s.sendState === 'accepted').length);
  if (accepted !== count) throw new Error(`the outbox holds ${accepted} accepted submissions, not ${count}`);
  const { user, system } = process.cpuUsage(cpu);
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(profiled, JSON.stringify(profile));
    console.log(summarize(profile));
  }
  const requests = await tab.evaluate(
    (t0) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('/v1/submissions'))
        .map((e) => ({ start: e.startTime - t0, end: e.responseEnd - t0 })),
    since,
  );
  await context.close();
  return {
    storedOffline,
    delivered,
    firstRequest: Math.min(...requests.map((r) => r.start)),
    lastAnswer: Math.max(...requests.map((r) => r.end)),
    requests: requests.length,
    serverCpu: (user + system) / 1000,
  };
}

const results = [];
for (let i = 0; i < rounds; i++) {
  const r = await round(i === rounds - 1 ? process.env.PROFILE : undefined);
  results.push(r);
  console.log(
    `round ${i + 1}: ${count} stored offline in ${r.storedOffline} ms; all accepted ${r.delivered} ms after reconnect ` +
      `(first request at ${Math.round(r.firstRequest)} ms, last answer at ${Math.round(r.lastAnswer)} ms, ${r.requests} requests; ` +
      `server process CPU ${Math.round(r.serverCpu)} ms)`,
  );
}
const rows = await store.db.selectFrom('submissions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
if (Number(rows?.n) !== count * rounds) throw new Error(`the server holds ${rows?.n} submissions, not ${count * rounds}`);
const median = results.map((r) => r.delivered).sort((a, b) => a - b)[Math.floor(results.length / 2)];
console.log(`backlog: median of ${rounds} rounds ${median} ms from reconnect to all ${count} accepted; rows on the server: ${rows?.n}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(
  `summary ${JSON.stringify({
    bench: 'backlog',
    rows: [{ figure: `${count}-item backlog, reconnect → all accepted`, value: `${(median / 1000).toFixed(2)} s`, goal: `≤ ${GOAL_MS / 1000} s`, met: median <= GOAL_MS }],
  })}`,
);
await browser.close();
await app.close();
await store.close();
page.close();
rmSync(dir, { recursive: true, force: true });
