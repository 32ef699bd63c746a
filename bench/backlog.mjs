// How long a backlog written offline takes to reach the server once the browser is back online,
// in real Chromium against the real server (SQLite). Usage: pnpm bench:backlog  (BACKLOG=500)
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildApp, createSite, migrate, openDatabase } from '../packages/server/dist/index.js';

const count = Number(process.env.BACKLOG ?? 500);
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

const started = Date.now();
await context.setOffline(false);
const acceptedCount = () => tab.evaluate(async () => (await window.Sori.submissions()).filter((s) => s.sendState === 'accepted').length);
while ((await acceptedCount()) < count) {
  if (Date.now() - started > 120_000) throw new Error('the backlog was not delivered within 2 minutes');
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const delivered = Date.now() - started;
const rows = await store.db.selectFrom('submissions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();

console.log(`backlog: ${count} submissions stored offline in ${storedOffline} ms; delivered ${delivered} ms after reconnect; rows on the server: ${rows?.n}`);
await browser.close();
await app.close();
await store.close();
page.close();
rmSync(dir, { recursive: true, force: true });
