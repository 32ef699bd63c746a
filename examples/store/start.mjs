// The one-command demo: the Sori server (with the staff console) on SQLite at :8787 and a demo store on its own origin at :8788.
import { buildApp, createApiToken, createSite, createUser, findSiteByName, findUserByEmail, loggerOptions, migrate, openDatabase } from '@sori/server';
import { randomBytes } from 'node:crypto';
import { serveStore } from './serve-store.mjs';

const port = Number(process.env.PORT ?? 8787);
const storePort = Number(process.env.STORE_PORT ?? 8788);
const databaseUrl = process.env.DATABASE_URL ?? 'sqlite:./data/sori.db';
const soriOrigin = `http://localhost:${port}`;
const storeOrigin = `http://localhost:${storePort}`;
const ADMIN = 'admin@example.com';

const store = openDatabase(databaseUrl);
await migrate(store);

const site =
  (await findSiteByName(store.db, 'Hanbit Kitchen (demo)')) ??
  (await createSite(store.db, { name: 'Hanbit Kitchen (demo)', origins: [storeOrigin, `http://127.0.0.1:${storePort}`] }));

let login = `${ADMIN} (password and API token were printed when this database was first set up;\n               new token: pnpm sori token create --user ${ADMIN})`;
let token;
if (!(await findUserByEmail(store.db, ADMIN))) {
  const password = randomBytes(12).toString('base64url');
  await createUser(store.db, { email: ADMIN, role: 'admin', password, name: 'Demo admin' });
  token = (await createApiToken(store.db, { userEmail: ADMIN, name: 'demo' })).token;
  login = `${ADMIN} / ${password}`;
}

const app = await buildApp({ store, logger: process.env.LOG_LEVEL ? loggerOptions() : false });
await app.listen({ port, host: '0.0.0.0' });
const storeServer = await serveStore({ port: storePort, host: '0.0.0.0', soriOrigin, siteKey: site.key });

process.stdout.write(`
Sori is running (database: ${databaseUrl})

  Demo store     ${storeOrigin}        (another origin, with the widget's script tag)
  Headless demo  ${storeOrigin}/headless/  (its own form on @sori/sdk, no widget)
  Staff console  ${soriOrigin}/console/   (sign in as the demo admin)
  Sori server    ${soriOrigin}
  API docs       ${soriOrigin}/docs
  Site key       ${site.key}
  Demo admin     ${login}
${token ? `  API token      ${token}   (shown once, stored hashed)\n` : ''}
Send a complaint from the demo store, then answer it in the console. Or try the desk API:
  curl -H "Authorization: Bearer ${token ?? '<token>'}" ${soriOrigin}/v1/desk/submissions

Ctrl-C stops both.
`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    storeServer.close();
    await app.close();
    await store.close();
    process.exit(0);
  });
}
