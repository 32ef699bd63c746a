// The two servers under test, in a process of their own so the load generator does not share
// their thread. Prints one JSON line with their URLs, then serves until killed.
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { buildApp, createSite, migrate, openDatabase } from '../dist/index.js';

const origin = 'https://shop.example';
const bare = Fastify();
bare.post('/v1/submissions', async (request) => ({ results: request.body.submissions.map((s) => ({ clientId: s.clientId, result: 'accepted' })) }));
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

const store = openDatabase(process.env.DATABASE_URL);
await migrate(store);
const site = await createSite(store.db, { name: `Bench ${randomUUID()}`, origins: [origin] });
// Rate limits off: the benchmark measures intake, not the limiter.
const app = await buildApp({ store, connectionsPerAddress: false, rateLimitPerMinute: false, siteRateLimitPerMinute: false });
const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });

process.on('message', async (message) => {
  if (message !== 'count') return;
  const row = await store.db.selectFrom('submissions').select((eb) => eb.fn.countAll().as('n')).where('site_id', '=', site.id).executeTakeFirst();
  process.send?.({ stored: Number(row?.n ?? 0) });
});
process.send?.({ bareUrl, appUrl, siteKey: site.key, origin });
process.once('SIGINT', () => process.exit(0));
