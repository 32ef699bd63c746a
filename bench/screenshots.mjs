// Screenshots for the README, in English and Korean, light and dark. The panel: light, the form
// filled in (kind, its help line, message); dark, the submission after sending. The staff
// console: the inbox and a submission (reply, note, timeline) over a handful of seeded
// submissions. Usage: pnpm screenshots
// (writes docs/panel-{en,ko}{,-dark}.png, docs/console-{inbox,submission,analysis,improvements}-{en,ko}{,-dark}.png and
// the owner's settings: docs/settings-{site,staff,tokens,webhooks}-en.png, settings-site-ko-dark.png)
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { DEFAULT_SLA_MINUTES } from '../packages/protocol/dist/constants.js';
import { buildApp, createApiToken, createSite, createUser, migrate, openDatabase } from '../packages/server/dist/index.js';

const out = (name) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sori-shots-'));
const store = openDatabase(`sqlite:${join(dir, 'sori.db')}`);
await migrate(store);
let html = '';
const page = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
await new Promise((resolve) => page.listen(0, '127.0.0.1', resolve));
const storeOrigin = `http://localhost:${page.address().port}`;
const site = await createSite(store.db, { name: 'Screenshots', origins: [storeOrigin] });
const app = await buildApp({ store, connectionsPerAddress: false, rateLimitPerMinute: false });
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
console.log('wrote docs/panel-en.png, panel-ko.png, panel-en-dark.png and panel-ko-dark.png');

// --- The staff console ------------------------------------------------------------------------
// A handful of submissions as shoppers of a Korean kitchen store send them, in Korean and English,
// `age` minutes old; some already worked by staff through the desk API (`key` names those).
const PASSWORD = 'screenshots 1';
const mina = await createUser(store.db, { email: 'mina@hanbit.example', role: 'agent', password: PASSWORD, name: 'Mina Park', siteIds: [site.id] });
const joon = await createUser(store.db, { email: 'joon@hanbit.example', role: 'agent', password: PASSWORD, name: 'Joon Lee', siteIds: [site.id] });
const { token } = await createApiToken(store.db, { userEmail: mina.email });
const seeded = [
  { key: 'ko', age: 190, kind: 'complaint', message: '믹서기 유리 용기가 깨져서 왔어요.\n포장 상자도 한쪽이 찌그러져 있었어요.', product: 'Blender BX-200', orderRef: 'HK-0241187', locale: 'ko-KR', contact: { name: '김민지', phone: '010-2345-6789', preference: 'phone', consent: true } },
  { key: 'en', age: 125, kind: 'complaint', message: 'The rice cooker lid does not close properly.\nSteam leaks from the side while it cooks.', product: 'Rice cooker RC-6', orderRef: 'HK-0241203', locale: 'en-US', contact: { name: 'Alex Morgan', email: 'alex.morgan@mail.example', preference: 'email', consent: true } },
  { age: 95, kind: 'complaint', message: '주문 HK-0241302 배송이 일주일째 안 와요. 조회도 안 됩니다.', orderRef: 'HK-0241302', locale: 'ko-KR', contact: { email: 'jiho.lee@mail.example', preference: 'email', consent: true } },
  { age: 40, kind: 'inquiry', message: '전기포트 K1 식기세척기에 넣어도 되나요?', product: 'Electric kettle K1', locale: 'ko-KR' },
  { age: 15, kind: 'inquiry', message: 'Can I still change the delivery address for order HK-0241350?', orderRef: 'HK-0241350', locale: 'en-US' },
  { key: 'jeju', age: 180, kind: 'inquiry', message: 'Do you ship to Jeju Island?', locale: 'en-US' },
  { key: 'thanks', age: 300, kind: 'praise', message: '배송이 빠르고 포장도 꼼꼼했어요. 감사합니다!', locale: 'ko-KR' },
  { age: 1440, kind: 'suggestion', message: '에어프라이어 바스켓 큰 사이즈도 있으면 좋겠어요.', product: 'Air fryer AF-5', locale: 'ko-KR' },
  { key: 'delivery', age: 4320, kind: 'complaint', message: 'My order came two days late and nobody told me.', locale: 'en-US' },
  { key: 'handle', age: 5760, kind: 'complaint', message: '프라이팬 손잡이가 흔들려요.', product: 'Frying pan FP-28', locale: 'ko-KR' },
  { key: 'basket', age: 3000, kind: 'suggestion', message: 'A bigger basket for the air fryer, please.', product: 'Air fryer AF-5', locale: 'en-US' },
  { key: 'knives', age: 2880, kind: 'praise', message: 'The knife set is excellent, thank you!', product: 'Knife set 5P', locale: 'en-US' },
];
const submissionIds = {};
// A store address as shoppers see it (only shown as text; nothing is fetched from it).
const pageOf = (product) => `https://hanbit-kitchen.example/${product ? `products/${product.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : 'help'}`;
for (const { key, age, ...submission } of seeded) {
  const secret = Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
  const res = await fetch(`${soriOrigin}/v1/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: storeOrigin, 'x-sori-site': site.key, 'x-sori-reporter': secret },
    body: JSON.stringify({ submissions: [{ clientId: crypto.randomUUID(), createdAt: new Date().toISOString(), fillMs: 45_000, pageUrl: pageOf(submission.product), ...submission }] }),
  });
  const [result] = (await res.json()).results;
  if (result?.result !== 'accepted') throw new Error(`intake refused a screenshot submission: ${JSON.stringify(result)}`);
  // Intake stamps the server's clock; the ages (and so the SLA badges) are set on the store.
  const at = new Date(Date.now() - age * 60_000).toISOString();
  const due = new Date(Date.now() - age * 60_000 + DEFAULT_SLA_MINUTES[submission.kind] * 60_000).toISOString();
  await store.db.updateTable('submissions').set({ created_at: at, received_at: at, updated_at: at, expected_response_by: due }).where('id', '=', result.receipt.id).execute();
  await store.db.updateTable('events').set({ at }).where('submission_id', '=', result.receipt.id).execute();
  if (key) submissionIds[key] = result.receipt.id;
}
async function desk(method, path, body) {
  const res = await fetch(`${soriOrigin}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
}
await desk('PATCH', `/v1/desk/submissions/${submissionIds.ko}`, { assigneeId: mina.id, department: 'logistics', status: 'in_progress' });
await desk('POST', `/v1/desk/submissions/${submissionIds.ko}/notes`, { text: '택배사에 파손 접수함. 새 용기는 오늘 출고 예정.' });
await desk('POST', `/v1/desk/submissions/${submissionIds.ko}/replies`, { text: '불편을 드려 죄송합니다. 새 유리 용기를 오늘 보내 드리고, 내일 중으로 전화 드리겠습니다.' });
await desk('PATCH', `/v1/desk/submissions/${submissionIds.en}`, { assigneeId: mina.id, department: 'production', status: 'in_progress' });
await desk('POST', `/v1/desk/submissions/${submissionIds.en}/notes`, { text: 'Third lid complaint on RC-6 this month; flagged to production.' });
await desk('POST', `/v1/desk/submissions/${submissionIds.en}/replies`, { text: 'Sorry about that. A replacement lid is on its way today; you can keep the old one.' });
await desk('PATCH', `/v1/desk/submissions/${submissionIds.jeju}`, { assigneeId: joon.id, department: 'customer_service' });
await desk('POST', `/v1/desk/submissions/${submissionIds.thanks}/replies`, { text: '따뜻한 말씀 감사합니다!' });
await desk('PATCH', `/v1/desk/submissions/${submissionIds.knives}`, { status: 'resolved' });
// For the analysis: one complaint resolved in time, one late (its due time moved into the past), rated.
await desk('POST', `/v1/desk/submissions/${submissionIds.delivery}/replies`, { text: 'Sorry for the delay; the courier has been told.' });
await desk('PATCH', `/v1/desk/submissions/${submissionIds.delivery}`, { status: 'resolved' });
await store.db.updateTable('submissions').set({ resolution_due_by: new Date(Date.now() - 3_600_000).toISOString() }).where('id', '=', submissionIds.handle).execute();
await desk('PATCH', `/v1/desk/submissions/${submissionIds.handle}`, { status: 'resolved', department: 'production' });
await store.db
  .updateTable('submissions')
  .set({ rating: JSON.stringify({ score: 3, wouldBuyAgain: false, comment: '새 손잡이는 괜찮지만 오래 걸렸어요.' }), rated_at: new Date().toISOString() })
  .where('id', '=', submissionIds.handle)
  .execute();
await desk('POST', '/v1/desk/improvements', { title: 'A 5.5 L basket for the AF-5', department: 'rnd', submissionIds: [submissionIds.basket] });
await desk('POST', '/v1/desk/improvements', { title: 'Stronger handle rivets on FP-28', department: 'production', submissionIds: [submissionIds.handle, submissionIds.ko] });

const consoleShots = [
  { locale: 'en', tag: 'en-US', labels: { email: 'Email', password: 'Password', signIn: 'Sign in', inbox: 'Inbox', recovery: 'Service recovery', improvements: 'Improvements' } },
  { locale: 'ko', tag: 'ko-KR', labels: { email: '이메일', password: '비밀번호', signIn: '로그인', inbox: '받은 목록', recovery: '서비스 회복', improvements: '개선 과제' } },
];
const written = [];
for (const shot of consoleShots.flatMap((s) => [{ ...s, scheme: 'light' }, { ...s, scheme: 'dark' }])) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: shot.tag, timezoneId: 'Asia/Seoul', colorScheme: shot.scheme });
  const tab = await context.newPage();
  const problems = [];
  tab.on('pageerror', (error) => problems.push(error.message));
  await tab.goto(`${soriOrigin}/console/`);
  await tab.getByLabel(shot.labels.email).fill(mina.email);
  await tab.getByLabel(shot.labels.password).fill(PASSWORD);
  await tab.getByRole('button', { name: shot.labels.signIn }).click();
  await tab.getByRole('heading', { name: shot.labels.inbox }).waitFor();
  await tab.locator('.live-status--live').waitFor();
  await tab.locator('a.row__link').nth(seeded.length - 4).waitFor(); // every open one: all but the three resolved
  await tab.locator('.views__count').first().waitFor();
  const suffix = `${shot.locale}${shot.scheme === 'dark' ? '-dark' : ''}`;
  await tab.screenshot({ path: out(`console-inbox-${suffix}.png`) });
  await tab.goto(`${soriOrigin}/console/submissions/${submissionIds[shot.locale]}`);
  await tab.locator('#triage-heading').waitFor();
  await tab.locator('.timeline__event--reply').waitFor();
  await tab.locator('.live-status--live').waitFor();
  await tab.screenshot({ path: out(`console-submission-${suffix}.png`) });
  await tab.goto(`${soriOrigin}/console/analysis`);
  await tab.getByRole('heading', { name: shot.labels.recovery }).waitFor();
  await tab.screenshot({ path: out(`console-analysis-${suffix}.png`), fullPage: true });
  await tab.goto(`${soriOrigin}/console/improvements`);
  await tab.getByRole('heading', { name: shot.labels.improvements, level: 1 }).waitFor();
  await tab.locator('.loop__item').first().waitFor();
  await tab.screenshot({ path: out(`console-improvements-${suffix}.png`) });
  if (problems.length) throw new Error(`the console threw while taking ${suffix}: ${problems.join('; ')}`);
  written.push(`console-inbox-${suffix}.png`, `console-submission-${suffix}.png`, `console-analysis-${suffix}.png`, `console-improvements-${suffix}.png`);
  await context.close();
}

// --- The owner's settings ----------------------------------------------------------------------
// An admin's view of the site (hours, service standards, routing, look with the live widget
// preview), the staff, the tokens and a webhook, through the same admin routes the console uses.
const owner = await createUser(store.db, { email: 'owner@hanbit.example', role: 'admin', password: PASSWORD, name: 'Hana Choi' });
const { token: ownerToken } = await createApiToken(store.db, { userEmail: owner.email, name: 'erp-sync' });
async function admin(method, path, body) {
  const res = await fetch(`${soriOrigin}${path}`, { method, headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
const weekday = [{ from: '09:00', to: '18:00' }];
await admin('PATCH', `/v1/desk/admin/sites/${site.id}`, {
  name: 'Hanbit Kitchen',
  settings: {
    products: ['Blender BX-200', 'Rice cooker RC-6', 'Electric kettle K1', 'Air fryer AF-5', 'Knife set 5P'],
    slaMinutes: { complaint: 60, inquiry: 240 },
    resolutionMinutes: { complaint: 1440 },
    businessHours: { timeZone: 'Asia/Seoul', weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [{ from: '10:00', to: '14:00' }] }, holidays: ['2026-12-25'] },
    routing: { byKind: { complaint: 'customer_service', suggestion: 'rnd' }, byProduct: { 'Knife set 5P': 'production' }, roundRobin: true },
    theme: { accent: '#b4532a' },
    strings: { title: 'Ask Hanbit Kitchen' },
  },
});
await admin('PATCH', `/v1/desk/admin/users/${mina.id}`, { department: 'customer_service' });
await admin('PATCH', `/v1/desk/admin/users/${joon.id}`, { department: 'logistics' });
await admin('POST', '/v1/desk/webhooks', { siteId: site.id, url: 'https://erp.hanbit-kitchen.example/hooks/sori', department: 'customer_service', events: ['submission.created', 'submission.reply', 'submission.status'] });
const settingsShots = [
  { locale: 'en', tag: 'en-US', scheme: 'light', labels: { email: 'Email', password: 'Password', signIn: 'Sign in', inbox: 'Inbox' }, pages: ['site', 'staff', 'tokens', 'webhooks'] },
  { locale: 'ko', tag: 'ko-KR', scheme: 'dark', labels: { email: '이메일', password: '비밀번호', signIn: '로그인', inbox: '받은 목록' }, pages: ['site'] },
];
const paths = { site: `settings/sites/${site.id}`, staff: 'settings/staff', tokens: 'settings/tokens', webhooks: 'settings/webhooks' };
for (const shot of settingsShots) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: shot.tag, timezoneId: 'Asia/Seoul', colorScheme: shot.scheme });
  const tab = await context.newPage();
  const problems = [];
  tab.on('pageerror', (error) => problems.push(error.message));
  await tab.goto(`${soriOrigin}/console/`);
  await tab.getByLabel(shot.labels.email).fill(owner.email);
  await tab.getByLabel(shot.labels.password).fill(PASSWORD);
  await tab.getByRole('button', { name: shot.labels.signIn }).click();
  await tab.getByRole('heading', { name: shot.labels.inbox }).waitFor();
  for (const name of shot.pages) {
    await tab.goto(`${soriOrigin}/console/${paths[name]}`);
    await tab.locator('.admin-table, .site-editor__sections, .canned__list > li').first().waitFor();
    if (name === 'site') await tab.frameLocator('.widget-preview').getByRole('dialog').waitFor();
    await tab.locator('.live-status--live').waitFor();
    const suffix = `${shot.locale}${shot.scheme === 'dark' ? '-dark' : ''}`;
    await tab.screenshot({ path: out(`settings-${name}-${suffix}.png`), fullPage: name === 'site' });
    written.push(`settings-${name}-${suffix}.png`);
  }
  if (problems.length) throw new Error(`the console threw on the settings screens: ${problems.join('; ')}`);
  await context.close();
}

await browser.close();
await app.close();
await store.close();
page.close();
rmSync(dir, { recursive: true, force: true });
console.log(`wrote docs/${written.join(', ')}`);
