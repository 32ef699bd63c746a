// How long the console's analysis screen waits for its first figures: GET /v1/desk/analysis over
// 90 days, with 100,000 submissions and 20,000 ratings seeded, on SQLite and on PostgreSQL.
// Usage: pnpm bench:analysis  (SUBMISSIONS=100000 RATINGS=20000; PostgreSQL at
// SORI_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; PG=0 skips it;
// BREAKDOWN=1 also times a bare read of the range's rows and the analysis without HTTP)
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, createApiToken, createSite, createUser, migrate, openDatabase } from '../packages/server/dist/index.js';

// The PostgreSQL client is the server's dependency, not the workspace root's.
const pg = createRequire(new URL('../packages/server/package.json', import.meta.url))('pg');
const SUBMISSIONS = Number(process.env.SUBMISSIONS ?? 100_000);
const RATINGS = Number(process.env.RATINGS ?? 20_000);
const PG_URL = process.env.SORI_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const KINDS = ['inquiry', 'complaint', 'praise', 'suggestion'];
const DEPARTMENTS = ['rnd', 'production', 'marketing', 'sales', 'logistics', 'customer_service'];
const PRODUCTS = ['Blender', 'Toaster', 'Kettle', 'Mixer', 'Grill', null];
const OUTCOMES = ['reached_satisfied', 'reached_not_satisfied', 'no_answer'];
const DAY = 86_400_000;
const HOUR = 3_600_000;
const now = Date.parse('2026-06-01T00:00:00.000Z');
// Spread over 120 days: the 90-day range holds three quarters of them.
const SPAN = 120 * DAY;

/** A deterministic pseudo-random sequence, so both engines get the same data. */
function random(seed) {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
}

async function seed(store) {
  const site = await createSite(store.db, { name: 'Analysis bench', origins: ['https://shop.example'] });
  await createUser(store.db, { email: 'boss@shop.example', role: 'admin', password: 'bench password 1', name: 'Boss' });
  const agent = await createUser(store.db, { email: 'mina@shop.example', role: 'agent', password: 'bench password 1', name: 'Mina', siteIds: [site.id] });
  const { token } = await createApiToken(store.db, { userEmail: 'boss@shop.example' });
  const reporters = Array.from({ length: Math.ceil(SUBMISSIONS / 50) }, () => ({ id: randomUUID(), site_id: site.id, secret_hash: randomBytes(32).toString('hex'), created_at: new Date(now - SPAN).toISOString() }));
  for (let i = 0; i < reporters.length; i += 500) await store.db.insertInto('reporters').values(reporters.slice(i, i + 500)).execute();
  const next = random(7);
  const ratedEvery = SUBMISSIONS / RATINGS;
  let batch = [];
  for (let i = 0; i < SUBMISSIONS; i++) {
    const kind = KINDS[Math.floor(next() * 4)];
    const received = now - Math.floor(next() * SPAN);
    // Every fifth is rated (20,000 of 100,000), so it was answered and resolved.
    const rated = i % Math.round(ratedEvery) === 0;
    const answered = rated || next() < 0.8 ? received + Math.floor(next() * 10 * DAY) : null;
    const resolved = answered && (rated || next() < 0.7) ? answered + Math.floor(next() * 5 * DAY) : null;
    const due = received + 3 * DAY;
    const iso = (ms) => (ms === null ? null : new Date(ms).toISOString());
    batch.push({
      id: randomUUID(), site_id: site.id, reporter_id: reporters[Math.floor(i / 50)].id, client_id: randomUUID(), body_hash: 'bench',
      tracking_number: `SR-${String(i).padStart(9, '0')}`, kind, message: `Bench submission ${i}`, contact: null, contact_preference: 'widget',
      product: PRODUCTS[Math.floor(next() * PRODUCTS.length)], order_ref: null, page_url: null, locale: 'en', context: null, spam_reason: null,
      status: resolved ? 'resolved' : answered ? 'in_progress' : 'received', awaiting: answered ? 'reporter' : 'staff',
      department: DEPARTMENTS[Math.floor(next() * DEPARTMENTS.length)], assignee_id: next() < 0.5 ? agent.id : null,
      created_at: iso(received), received_at: iso(received), updated_at: iso(resolved ?? answered ?? received),
      expected_response_by: iso(received + 4 * HOUR), first_response_at: iso(answered), resolved_at: iso(resolved), closed_reason: null,
      rating: rated ? JSON.stringify({ score: 1 + Math.floor(next() * 5), wouldBuyAgain: next() < 0.7, ...(next() < 0.3 ? { comment: `Comment ${i}` } : {}) }) : null,
      rated_at: rated ? iso(resolved + HOUR) : null, resolution_due_by: iso(due), resolution_met: resolved ? (resolved <= due ? 1 : 0) : null,
      follow_up_outcome: kind === 'complaint' && resolved && next() < 0.2 ? OUTCOMES[Math.floor(next() * 3)] : null, follow_up_at: null,
    });
    if (batch.length === 500) {
      await store.db.insertInto('submissions').values(batch).execute();
      batch = [];
    }
  }
  if (batch.length) await store.db.insertInto('submissions').values(batch).execute();
  const ratings = await store.db.selectFrom('submissions').select((eb) => eb.fn.countAll().as('n')).where('rating', 'is not', null).executeTakeFirst();
  return { site, token, ratings: Number(ratings?.n ?? 0) };
}

async function measure(engine, store) {
  await migrate(store);
  const seeded = Date.now();
  const { token, ratings } = await seed(store);
  const seedMs = Date.now() - seeded;
  if (process.env.BREAKDOWN) {
    const from = new Date(now - 90 * DAY).toISOString();
    const to = new Date(now).toISOString();
    const t0 = performance.now();
    const rows = await store.db.selectFrom('submissions').select(['id', 'kind', 'received_at', 'rating']).where('received_at', '>=', from).where('received_at', '<', to).execute();
    const t1 = performance.now();
    const { analysis } = await import('../packages/server/dist/services/analysis.js');
    await analysis(store.db, { from, to }, { id: 'x', role: 'admin', name: 'x', email: 'x', department: null });
    const t2 = performance.now();
    console.log(`${engine} breakdown: select ${rows.length} rows, 4 columns ${(t1 - t0).toFixed(0)} ms; analysis() ${(t2 - t1).toFixed(0)} ms`);
  }
  const app = await buildApp({ store, rateLimitPerMinute: false, siteRateLimitPerMinute: false, connectionsPerAddress: false });
  await app.ready();
  const url = `/v1/desk/analysis?from=${new Date(now - 90 * DAY).toISOString()}&to=${new Date(now).toISOString()}&compare=true`;
  const times = [];
  let total = 0;
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    times.push(performance.now() - started);
    if (res.statusCode !== 200) throw new Error(`analysis answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    total = res.json().total;
  }
  await app.close();
  const [first, ...rest] = times;
  const median = [...rest].sort((a, b) => a - b)[Math.floor(rest.length / 2)];
  console.log(`${engine}: seeded ${SUBMISSIONS} submissions (${ratings} rated) in ${seedMs} ms; 90 days hold ${total}; first figures ${first.toFixed(0)} ms, then median ${median.toFixed(0)} ms`);
  return { first, median };
}

const rows = [];
const dir = mkdtempSync(join(tmpdir(), 'sori-analysis-'));
try {
  const sqlite = openDatabase(`sqlite:${join(dir, 'sori.db')}`);
  const s = await measure('SQLite', sqlite);
  await sqlite.close();
  rows.push({ figure: 'analysis first figures, 90 days, SQLite', value: `${s.first.toFixed(0)} ms`, goal: '≤ 1000 ms', met: s.first <= 1000 });
  rows.push({ figure: 'analysis figures again, 90 days, SQLite (median of 5)', value: `${s.median.toFixed(0)} ms`, goal: '≤ 1000 ms', met: s.median <= 1000 });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (process.env.PG !== '0') {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    const url = new URL(PG_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const store = openDatabase(url.toString());
    const p = await measure('PostgreSQL', store);
    await store.close();
    rows.push({ figure: 'analysis first figures, 90 days, PostgreSQL', value: `${p.first.toFixed(0)} ms`, goal: '≤ 1000 ms', met: p.first <= 1000 });
    rows.push({ figure: 'analysis figures again, 90 days, PostgreSQL (median of 5)', value: `${p.median.toFixed(0)} ms`, goal: '≤ 1000 ms', met: p.median <= 1000 });
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

console.log(`summary ${JSON.stringify({ bench: 'analysis', rows })}`);
