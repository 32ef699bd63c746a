// Durable intake against a bare Fastify POST route: same machine, same run, same load, the two
// alternating (bare, intake, bare, intake) so that a change in the machine's load hits both.
// Three variants: first-time shoppers (a new reporter per request: the headline figure),
// returning shoppers (one reporter secret) and batches of 10 submissions per request; on SQLite
// and on PostgreSQL. The servers run in a child process (targets.mjs); autocannon runs here.
//
// Usage: pnpm bench:intake
//   BENCH_SECONDS=5         seconds per run (4 runs per variant and engine)
//   BENCH_CONNECTIONS=50
//   BENCH_ENGINES=sqlite,postgres
//   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test  (a schema of its own, dropped after)
//   BENCH_VARIANTS=first-time,returning,batch
//   BENCH_PROFILE=<dir>     write a --cpu-prof profile of the server process there
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',');
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
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

const allVariants = [
  { name: 'first-time shoppers', key: 'first-time', items: 1, secret: () => randomBytes(32).toString('hex') },
  { name: 'returning shoppers', key: 'returning', items: 1, secret: ((s) => () => s)(randomBytes(32).toString('hex')) },
  { name: 'batch of 10', key: 'batch', items: 10, secret: ((s) => () => s)(randomBytes(32).toString('hex')) },
];
const variants = process.env.BENCH_VARIANTS ? allVariants.filter((v) => process.env.BENCH_VARIANTS.split(',').includes(v.key)) : allVariants;

function ask(child, message) {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send(message);
  });
}

async function load(targets, url, headers, variant) {
  const before = (await ask(targets, 'cpu')).cpuMicros;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...headers },
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          headers: variant && headers['x-sori-site'] ? { ...req.headers, 'x-sori-reporter': variant.secret() } : req.headers,
          body: JSON.stringify({ submissions: Array.from({ length: variant?.items ?? 1 }, submission) }),
        }),
      },
    ],
  });
  const after = (await ask(targets, 'cpu')).cpuMicros;
  const ok = result['2xx'];
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, ok, bad: result.non2xx + result.errors, cpu: (after - before) / Math.max(ok, 1) };
}

async function postgresSchema() {
  const schema = `sori_bench_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

const row = (name, r) =>
  `  ${name.padEnd(30)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  CPU ${r.cpu.toFixed(0).padStart(5)} µs/req  non-2xx/errors ${r.bad}`;
const mean = (runs, key) => runs.reduce((sum, r) => sum + r[key], 0) / runs.length;
const merge = (runs) => ({ rps: mean(runs, 'rps'), p50: Math.max(...runs.map((r) => r.p50)), p99: Math.max(...runs.map((r) => r.p99)), cpu: mean(runs, 'cpu'), ok: runs.reduce((s, r) => s + r.ok, 0), bad: runs.reduce((s, r) => s + r.bad, 0) });

console.log(`intake benchmark: ${connections} connections, ${seconds} s per run, bare and intake alternating twice per variant`);
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min)`);
console.log('rate limits are off in this benchmark only (per address, per site, connections per address); the server defaults keep them on');

const figures = {};
for (const engine of engines) {
  const dir = mkdtempSync(join(tmpdir(), 'sori-bench-'));
  let schema;
  let databaseUrl = `sqlite:${join(dir, 'bench.db')}`;
  if (engine === 'postgres') {
    try {
      schema = await postgresSchema();
      databaseUrl = schema.url;
    } catch (error) {
      console.log(`\nPostgreSQL at ${postgresUrl} not reachable (${error.message}); skipped`);
      continue;
    }
  }
  const execArgv = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const targets = fork(fileURLToPath(new URL('./targets.mjs', import.meta.url)), { env: { ...process.env, DATABASE_URL: databaseUrl }, execArgv });
  const { bareUrl, appUrl, siteKey } = await new Promise((resolve, reject) => {
    targets.once('message', resolve);
    targets.once('exit', (code) => reject(new Error(`bench targets exited with ${code}`)));
  });
  console.log(`\n${engine === 'sqlite' ? 'SQLite (WAL, synchronous=FULL)' : 'PostgreSQL'}`);
  let accepted = 0;
  let inFlight = 0;
  for (const variant of variants) {
    const bare = [];
    const intake = [];
    for (let round = 0; round < 2; round++) {
      bare.push(await load(targets, `${bareUrl}/v1/submissions`, {}, variant));
      intake.push(await load(targets, `${appUrl}/v1/submissions`, { 'x-sori-site': siteKey }, variant));
    }
    const b = merge(bare);
    const d = merge(intake);
    accepted += d.ok * variant.items;
    // Requests still in flight when a run ends are stored but not counted as answered.
    inFlight += 2 * connections * variant.items;
    const ratio = d.rps / b.rps;
    const perSubmission = d.cpu / variant.items;
    figures[`${engine}:${variant.key}`] = { ratio, p99: d.p99, perSubmission };
    console.log(`${variant.name} (${variant.items} per request)`);
    console.log(row('bare Fastify', b));
    console.log(row('durable intake', d));
    console.log(`  ratio ${ratio.toFixed(2)}×, CPU per accepted submission ${perSubmission.toFixed(0)} µs`);
  }
  const { stored, reporters } = await ask(targets, 'count');
  const fits = stored >= accepted && stored <= accepted + inFlight;
  console.log(`stored ${stored} submissions for ${accepted} acknowledged, at most ${inFlight} more in flight at the ends of runs (${fits ? 'consistent' : 'MISMATCH'}); ${reporters} reporters`);
  targets.kill('SIGINT');
  await new Promise((resolve) => targets.once('exit', resolve));
  await schema?.drop();
  rmSync(dir, { recursive: true, force: true });
}

const x = (v) => `${v.toFixed(2)}×`;
const rows = [];
const first = figures['sqlite:first-time'];
if (first) rows.push({ figure: 'intake, first-time shoppers, SQLite, ratio to bare / p99', value: `${x(first.ratio)} / ${first.p99} ms`, goal: '≥ 0.5× / ≤ 25 ms', met: first.ratio >= 0.5 && first.p99 <= 25 });
const returning = figures['sqlite:returning'];
if (returning) rows.push({ figure: 'intake, returning shoppers, SQLite', value: x(returning.ratio), goal: '≥ 0.5×', met: returning.ratio >= 0.5 });
const postgres = figures['postgres:first-time'];
if (postgres) rows.push({ figure: 'intake, PostgreSQL', value: `${x(postgres.ratio)} (first-time shoppers; returning ${x(figures['postgres:returning']?.ratio ?? 0)})`, goal: '≥ 0.3×', met: postgres.ratio >= 0.3 });
const cpu = first ?? postgres;
if (cpu) rows.push({ figure: 'CPU per accepted submission in the server', value: `${cpu.perSubmission.toFixed(0)} µs (first-time shoppers, ${first ? 'SQLite' : 'PostgreSQL'}; batch of 10: ${(figures['sqlite:batch'] ?? figures['postgres:batch'])?.perSubmission.toFixed(0) ?? '?'} µs)`, goal: '≤ 100 µs', met: cpu.perSubmission <= 100 });
console.log(`\nsummary ${JSON.stringify({ bench: 'intake', rows })}`);
