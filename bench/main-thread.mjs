// What the widget costs the host page's main thread in Chromium: long tasks (over 50 ms) and
// layout shifts, from page load through opening the panel and sending a complaint.
// Usage: pnpm bench:main-thread   (CPU_SLOWDOWN=4 emulates a slower phone)
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildApp, createSite, migrate, openDatabase } from '../packages/server/dist/index.js';

const slowdown = Number(process.env.CPU_SLOWDOWN ?? 1);
const dir = mkdtempSync(join(tmpdir(), 'sori-main-thread-'));
const store = openDatabase(`sqlite:${join(dir, 'sori.db')}`);
await migrate(store);
let html = '';
const page = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
await new Promise((resolve) => page.listen(0, '127.0.0.1', resolve));
const storeOrigin = `http://localhost:${page.address().port}`;
const site = await createSite(store.db, { name: 'Main thread', origins: [storeOrigin] });
const app = await buildApp({ store, connectionsPerAddress: false, rateLimitPerMinute: false });
const soriOrigin = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('127.0.0.1', 'localhost');
// The observer starts before the tag, so everything the widget does is seen.
html = `<!doctype html><title>Store</title><script>
  window.__tasks = []; window.__shift = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
  window.__frames = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__frames.push({ duration: Math.round(e.duration), blocking: Math.round(e.blockingDuration), scripts: e.scripts.map((x) => ({ source: x.sourceURL.split('/').pop(), invoker: x.invoker, duration: Math.round(x.duration) })) }); }).observe({ type: 'long-animation-frame', buffered: true });
</script><script async src="${soriOrigin}/sori.js" data-site="${site.key}"></script><h1>Store</h1><p style="height:1500px">Product</p>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const tab = await browser.newPage();
if (slowdown > 1) await (await tab.context().newCDPSession(tab)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
await tab.goto(storeOrigin);
const launcher = tab.getByRole('button', { name: 'Feedback' });
await launcher.hover();
await launcher.click();
const dialog = tab.getByRole('dialog');
await dialog.getByRole('radio', { name: 'Complaint' }).check();
await dialog.getByRole('textbox', { name: 'Your message' }).fill('Measuring the main thread.');
await dialog.getByRole('button', { name: 'Send' }).click();
await dialog.getByText(/SR-/).first().waitFor();
await new Promise((resolve) => setTimeout(resolve, 500));
const { tasks, shift, frames } = await tab.evaluate(() => ({ tasks: window.__tasks, shift: window.__shift, frames: window.__frames }));
// Long animation frames name the scripts that ran in them: the widget's are sori.js and its chunks.
const widgetScript = (x) => x.source.startsWith('sori') || /^(app|en|ko)-/.test(x.source);
const widgetMs = frames.map((f) => f.scripts.filter(widgetScript).reduce((n, x) => n + x.duration, 0));
console.log(`main thread (CPU slowdown ${slowdown}x): long tasks over 50 ms: ${tasks.length ? tasks.join(', ') + ' ms' : 'none'}; layout shift not caused by input (CLS): ${shift.toFixed(4)}`);
console.log(`  long animation frames: ${frames.map((f, i) => `${f.duration} ms (widget scripts ${widgetMs[i]} ms)`).join(', ') || 'none'}; longest widget script time in one frame: ${Math.max(0, ...widgetMs)} ms`);
if (process.env.VERBOSE) console.log(JSON.stringify(frames, null, 1));
await browser.close();
await app.close();
await store.close();
page.close();
rmSync(dir, { recursive: true, force: true });
