// Screenshots of the panel for the README, in English and Korean: light, the form filled in (kind,
// its help line, message); dark, the submission after sending. Usage: pnpm screenshots
// (writes docs/panel-{en,ko}{,-dark}.png)
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildApp, createSite, migrate, openDatabase } from '../packages/server/dist/index.js';

const out = (name) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sori-shots-'));
const store = openDatabase(`sqlite:${join(dir, 'sori.db')}`);
await migrate(store);
let html = '';
const page = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
await new Promise((resolve) => page.listen(0, '127.0.0.1', resolve));
const storeOrigin = `http://localhost:${page.address().port}`;
const site = await createSite(store.db, { name: 'Screenshots', origins: [storeOrigin] });
const app = await buildApp({ store, rateLimitPerMinute: false });
const soriOrigin = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('127.0.0.1', 'localhost');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const shots = [
  { locale: 'en', labels: { launcher: 'Feedback', kind: 'Complaint', message: 'Your message', send: 'Send' }, text: 'The blender jar arrived cracked.' },
  { locale: 'ko', labels: { launcher: '의견 보내기', kind: '불만', message: '내용', send: '보내기' }, text: '믹서기 유리 용기가 깨져서 왔어요.' },
];
for (const shot of shots.flatMap((s) => [{ ...s, scheme: 'light' }, { ...s, scheme: 'dark' }])) {
  html = `<!doctype html><html lang="${shot.locale}"><head><meta charset="utf-8"><title>Store</title>
    <script async src="${soriOrigin}/sori.js" data-site="${site.key}" data-locale="${shot.locale}"></script></head>
    <body style="margin:0;height:100vh;background:linear-gradient(#f4efe6,#e9e2d6);font:16px Georgia,serif"><h1 style="margin:24px">Hanbit Kitchen</h1></body></html>`;
  const tab = await browser.newPage({ viewport: { width: 560, height: 720 }, locale: shot.locale, colorScheme: shot.scheme });
  await tab.goto(storeOrigin);
  await tab.getByRole('button', { name: shot.labels.launcher }).click();
  const dialog = tab.getByRole('dialog');
  await dialog.getByRole('radio', { name: shot.labels.kind }).check();
  await dialog.getByRole('textbox', { name: shot.labels.message }).fill(shot.text);
  if (shot.scheme === 'dark') {
    await dialog.getByRole('button', { name: shot.labels.send }).click();
    await dialog.getByText(/SR-/).first().waitFor();
  }
  await tab.screenshot({ path: out(`panel-${shot.locale}${shot.scheme === 'dark' ? '-dark' : ''}.png`) });
  await tab.close();
}
await browser.close();
await app.close();
await store.close();
page.close();
rmSync(dir, { recursive: true, force: true });
console.log('wrote docs/panel-en.png, panel-ko.png, panel-en-dark.png and panel-ko-dark.png');
