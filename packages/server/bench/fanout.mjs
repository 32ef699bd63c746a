// Fan-out: 5,000 shoppers' update streams open on one instance; one bulk change touches all
// their submissions; how long until every stream has its event, what a stream costs in memory
// and a delivered event in CPU; then the reconnect storm: every stream drops, a second bulk
// change lands meanwhile, and all reconnect with Last-Event-ID until each has caught up.
//
// Usage: pnpm bench:fanout   (env: BENCH_STREAMS=5000, DATABASE_URL for PostgreSQL; loopback only)
import { fork, execSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { loadavg, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const streams = Number(process.env.BENCH_STREAMS ?? 5000);
// Clients come from several loopback addresses so that no one address runs out of ports.
const SOURCES = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 1}`);

let limit = 'unknown';
try {
  limit = execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim();
} catch {}
console.log(`fan-out benchmark: ${streams} streams of distinct reporters on one instance, from ${SOURCES.length} loopback addresses`);
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}; open files allowed: ${limit}`);
if (limit !== 'unlimited' && Number(limit) < streams * 2 + 100) console.log(`warning: ulimit -n ${limit} is below ~${streams * 2 + 100} (a socket per stream on each side); raise it with ulimit -n`);
console.log('the per-address connection cap and rate limits are off in this benchmark only');

const server = fork(fileURLToPath(new URL('./fanout-server.mjs', import.meta.url)), { env: process.env, execArgv: ['--expose-gc', ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [])] });
const { url, siteKey, token, origin } = await new Promise((resolve, reject) => {
  server.once('message', resolve);
  server.once('exit', (code) => reject(new Error(`fan-out server exited with ${code}`)));
});
const ask = (message) => new Promise((resolve) => { server.once('message', resolve); server.send(message); });
const { port } = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(method, path, headers, body, i = 0) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, localAddress: SOURCES[i % SOURCES.length], headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => (res.statusCode < 300 ? resolve(JSON.parse(text)) : reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function pool(n, concurrency, work) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < n) await work(next++); }));
}

// Shoppers: each sends one submission and gets a stream ticket.
const shoppers = Array.from({ length: streams }, () => ({ secret: randomBytes(32).toString('hex') }));
let t0 = performance.now();
await pool(streams, 50, async (i) => {
  const s = shoppers[i];
  const headers = { origin, 'x-sori-site': siteKey, 'x-sori-reporter': s.secret };
  const { results } = await request('POST', '/v1/submissions', headers, { submissions: [{ clientId: randomUUID(), kind: 'complaint', message: 'Cracked jar', createdAt: new Date().toISOString(), fillMs: 9000 }] }, i);
  s.submissionId = results[0].receipt.id;
  s.ticket = (await request('POST', '/v1/reporter/stream-tickets', headers, {}, i)).ticket;
});
console.log(`setup: ${streams} shoppers with a submission and a stream ticket in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

/** Opens a shopper's stream; calls `onEvent` for each event with its id and data. */
function open(i, lastEventId) {
  const s = shoppers[i];
  return new Promise((resolve, reject) => {
    const headers = { accept: 'text/event-stream', origin, ...(lastEventId ? { 'last-event-id': String(lastEventId) } : {}) };
    const req = http.get({ host: '127.0.0.1', port, path: `/v1/reporter/events?ticket=${encodeURIComponent(s.ticket)}`, headers, agent: false, localAddress: SOURCES[i % SOURCES.length] }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream ${i}: ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: ?(\d+)/m.exec(block)?.[1];
          const data = /^data: ?(.*)$/m.exec(block)?.[1];
          if (id) s.lastId = Number(id);
          if (data && s.waiting) {
            try {
              const event = JSON.parse(data);
              if (event.type === 'status' && event.status === s.waiting) {
                s.waiting = undefined;
                s.resolve(performance.now());
              }
            } catch {}
          }
        }
      });
      res.on('error', () => undefined);
      s.res = res;
      s.req = req;
      resolve();
    });
    req.on('error', reject);
  });
}

const waitFor = (status) => Promise.all(shoppers.map((s) => new Promise((resolve) => { s.waiting = status; s.resolve = resolve; })));

const before = await ask('memory');
t0 = performance.now();
await pool(streams, 200, (i) => open(i));
// Let every stream read its backlog (its `received` event) before the change.
await new Promise((resolve) => setTimeout(resolve, 1000));
const opened = await ask('memory');
console.log(`opened ${opened.streams} streams in ${((performance.now() - t0) / 1000).toFixed(1)} s; server memory per stream ${((opened.rss - before.rss) / streams / 1024).toFixed(1)} KB RSS, ${((opened.heapUsed - before.heapUsed) / streams / 1024).toFixed(1)} KB heap`);

async function bulk(status) {
  const ids = shoppers.map((s) => s.submissionId);
  const started = performance.now();
  const answer = await request('POST', '/v1/desk/submissions/bulk', { authorization: `Bearer ${token}` }, { ids, change: { status } });
  return { answer, ms: performance.now() - started };
}

let delivered = waitFor('triaged');
let cpu0 = (await ask('cpu')).cpuMicros;
t0 = performance.now();
const first = await bulk('triaged');
const times = await delivered;
const allMs = Math.max(...times) - t0;
const cpu1 = (await ask('cpu')).cpuMicros;
console.log(`\none bulk change (${first.answer.changed} changed) committed in ${first.ms.toFixed(0)} ms; every stream had its event ${allMs.toFixed(0)} ms after it was sent (goal ≤ 1000 ms)`);
console.log(`server CPU per delivered event ${((cpu1 - cpu0) / streams).toFixed(0)} µs (the bulk change's own work included)`);

// The reconnect storm: every stream drops, a change lands meanwhile, and all come back at once.
for (const s of shoppers) s.req.destroy();
await new Promise((resolve) => setTimeout(resolve, 500));
const second = await bulk('in_progress');
delivered = waitFor('in_progress');
cpu0 = (await ask('cpu')).cpuMicros;
t0 = performance.now();
await pool(streams, 500, (i) => open(i, shoppers[i].lastId));
const caught = await delivered;
const stormMs = Math.max(...caught) - t0;
const cpu2 = (await ask('cpu')).cpuMicros;
console.log(`reconnect storm: ${streams} streams back with Last-Event-ID, each caught up (a second bulk change, ${second.answer.changed} changed, made while away) ${stormMs.toFixed(0)} ms after the first reconnect; server CPU ${((cpu2 - cpu0) / streams).toFixed(0)} µs per stream`);

for (const s of shoppers) s.req.destroy();
server.kill('SIGINT');
const rows = [{ figure: `one bulk change → all ${streams.toLocaleString('en')} streams have it`, value: `${(allMs / 1000).toFixed(2)} s`, goal: '≤ 1 s', met: allMs <= 1000 }];
console.log(`\nsummary ${JSON.stringify({ bench: 'fanout', rows })}`);
process.exit(0);
