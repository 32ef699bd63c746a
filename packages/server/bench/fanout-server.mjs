// The server of `pnpm bench:fanout`, in a process of its own: answers 'cpu' and 'memory' so the
// benchmark can tell what the streams cost here, apart from the clients'.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, createApiToken, createSite, createUser, migrate, openDatabase } from '../dist/index.js';

const origin = 'https://shop.example';
const store = openDatabase(process.env.DATABASE_URL ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'sori-fanout-')), 'fanout.db')}`);
await migrate(store);
const site = await createSite(store.db, { name: `Fan-out ${randomUUID()}`, origins: [origin] });
const email = `fanout-${randomUUID()}@bench.example`;
await createUser(store.db, { email, role: 'admin', password: 'fan-out password 1', name: 'Bench' });
const { token } = await createApiToken(store.db, { userEmail: email });
// Limits off in this benchmark only: 5,000 shoppers share a few loopback addresses here.
const app = await buildApp({ store, connectionsPerAddress: false, rateLimitPerMinute: false, siteRateLimitPerMinute: false });
const url = await app.listen({ port: 0, host: '127.0.0.1' });

process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  } else if (message === 'memory') {
    globalThis.gc?.();
    process.send?.({ ...process.memoryUsage(), streams: app.hub.size });
  }
});
process.send?.({ url, siteKey: site.key, token, origin });
process.once('SIGINT', () => process.exit(0));
