// The two servers under test, in a process of their own so the load generator does not share
// their thread. Sends one message with their URLs, then answers 'cpu' and 'count' until killed.
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
// Rate limits off here, and only here: the benchmark measures intake, not the limiter, and its
// load comes from one loopback address.
const app = await buildApp({ store, connectionsPerAddress: false, rateLimitPerMinute: false, siteRateLimitPerMinute: false });
const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });

process.on('message', async (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  } else if (message === 'count') {
    const row = await store.db.selectFrom('submissions').select((eb) => eb.fn.countAll().as('n')).where('site_id', '=', site.id).executeTakeFirst();
    const reporters = await store.db.selectFrom('reporters').select((eb) => eb.fn.countAll().as('n')).where('site_id', '=', site.id).executeTakeFirst();
    process.send?.({ stored: Number(row?.n ?? 0), reporters: Number(reporters?.n ?? 0) });
  }
});
process.send?.({ bareUrl, appUrl, siteKey: site.key, origin });
process.once('SIGINT', async () => {
  await app.close();
  await bare.close();
  process.exit(0);
});
