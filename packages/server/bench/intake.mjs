// Durable intake against a bare Fastify POST route: same machine, same run, same load.
// The servers run in a child process (targets.mjs); autocannon runs here.
// Usage: pnpm bench:intake   (env: BENCH_SECONDS=10, BENCH_CONNECTIONS=50, DATABASE_URL for PostgreSQL)
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const origin = 'https://shop.example';

function submission() {
  return {
    clientId: randomUUID(),
    kind: 'complaint',
    message: 'The blender arrived with a cracked jar and the box was wet on one side.',
    pageUrl: 'https://shop.example/products/onggi-blender',
    createdAt: new Date().toISOString(),
    fillMs: 9000,
  };
}

async function load(url, headers) {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ submissions: [submission()] }) }) }],
  });
  const bad = result.non2xx + result.errors;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total, bad };
}

const dir = mkdtempSync(join(tmpdir(), 'sori-bench-'));
const databaseUrl = process.env.DATABASE_URL ?? `sqlite:${join(dir, 'bench.db')}`;
const targets = fork(fileURLToPath(new URL('./targets.mjs', import.meta.url)), { env: { ...process.env, DATABASE_URL: databaseUrl }, execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [] });
const ready = await new Promise((resolve, reject) => {
  targets.once('message', resolve);
  targets.once('exit', (code) => reject(new Error(`bench targets exited with ${code}`)));
});
const { bareUrl, appUrl, siteKey } = ready;
const reporter = randomBytes(32).toString('hex');

console.log(`intake benchmark: ${connections} connections, ${seconds} s each, ${databaseUrl.split(':')[0]} (synchronous=FULL on SQLite)`);
const baseline = await load(`${bareUrl}/v1/submissions`, {});
const durable = await load(`${appUrl}/v1/submissions`, { 'x-sori-site': siteKey, 'x-sori-reporter': reporter });
targets.send('count');
const { stored } = await new Promise((resolve) => targets.once('message', resolve));

const row = (name, r) => `${name.padEnd(16)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   non-2xx/errors ${r.bad}`;
console.log(row('bare Fastify', baseline));
console.log(row('durable intake', durable));
console.log(`ratio ${(durable.rps / baseline.rps).toFixed(2)} (goal ≥ 0.50), p99 ${durable.p99} ms (goal ≤ 25 ms); rows stored ${stored} for ${durable.total} requests`);

targets.kill('SIGINT');
rmSync(dir, { recursive: true, force: true });
