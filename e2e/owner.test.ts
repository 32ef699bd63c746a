import type { InboxCounts } from '@sori/protocol';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUser } from '@sori/server';
import { useStack } from './harness.js';

/** The shop's clock, the admin's and the shopper's: business hours are set on it. */
const ZONE = 'Asia/Seoul';
const ADMIN_PASSWORD = 'e2e owner password 1';

/** Today's date on the shop's clock, `YYYY-MM-DD`. */
const todayInZone = () => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** A console signed in as `email`, in a context of its own (its own cookies), on the inbox. */
async function signedIn(browser: Browser, origin: string, email: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: ZONE });
  const page = await context.newPage();
  await page.goto(`${origin}/console/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('heading', { name: 'Inbox' }).isVisible(), { timeout: 15_000 }).toBe(true);
  await expect.poll(() => page.getByText('Live', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
  return { context, page };
}

/** Waits for the console's "Saved." line after a settings form was sent. */
async function saved(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).isVisible(), { timeout: 10_000 }).toBe(true);
}

/** The same-origin JSON answer of a desk GET, made by the page with its session cookie. */
function deskGet(page: Page, path: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  }, path);
}

describe('the owner’s side in real Chromium', () => {
  const run = useStack();

  it('sets a site up, times and routes a complaint, keeps an agent to one site, signs them out when disabled and stops a revoked token', async () => {
    const { stack, browser } = run;
    await createUser(stack.store.db, { email: 'owner@e2e.example', role: 'admin', password: ADMIN_PASSWORD, name: 'Owner' });
    const admin = await signedIn(browser, stack.soriOrigin, 'owner@e2e.example', ADMIN_PASSWORD);
    const page = admin.page;

    // A new site, then the origin of the test pages added to it.
    await page.getByRole('link', { name: 'Sites', exact: true }).click();
    await page.getByRole('button', { name: 'Add a site' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Night shop');
    await page.getByLabel('The shop’s address (origin)').fill('https://night.example');
    await page.getByRole('button', { name: 'Create the site' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Settings of Night shop' }).isVisible(), { timeout: 10_000 }).toBe(true);
    const origins = page.getByRole('region', { name: 'Allowed origins' });
    await origins.getByLabel('Add an origin').fill(`${stack.testOrigin}/`);
    await origins.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => origins.getByText(stack.testOrigin, { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);

    // Business hours every day 9 to 6 on the shop's clock, today a holiday: closed now, open tomorrow at 9.
    const hours = page.getByRole('region', { name: 'Business hours' });
    await hours.getByLabel('Answer only within business hours').check();
    await hours.getByLabel('Time zone').fill(ZONE);
    await hours.getByLabel('Saturday').check();
    await hours.getByLabel('Sunday').check();
    await hours.getByLabel('Add a holiday').fill(todayInZone());
    await hours.getByRole('button', { name: 'Add', exact: true }).click();
    await hours.getByRole('button', { name: 'Save business hours' }).click();
    await saved(page);

    // Complaints go to customer service on arrival.
    const routing = page.getByRole('region', { name: 'Routing' });
    await routing.getByLabel('Complaint goes to').selectOption('customer_service');
    await routing.getByRole('button', { name: 'Save routing' }).click();
    await saved(page);
    const key = (await page.getByRole('region', { name: 'Script tag' }).locator('dd code').first().textContent()) ?? '';
    expect(key).toMatch(/^pk_/);

    // The shopper on that origin reads the next morning's time, in their language: open at 9, a complaint within the hour.
    stack.pages.set('/night', { html: `<!doctype html><html lang="en"><head><title>Night shop</title></head><body><h1>Night shop</h1><script async src="${stack.soriOrigin}/sori.js" data-site="${key}"></script></body></html>` });
    const shopperContext = await browser.newContext({ locale: 'en-US', timezoneId: ZONE });
    const shopper = await shopperContext.newPage();
    await shopper.goto(`${stack.testOrigin}/night`);
    await shopper.getByRole('button', { name: 'Feedback' }).click();
    const widget = shopper.getByRole('dialog');
    await widget.getByRole('radio', { name: 'Complaint' }).check();
    await expect.poll(() => widget.getByText('We answer by 10:00 tomorrow').isVisible(), { timeout: 15_000 }).toBe(true);
    const koreanContext = await browser.newContext({ locale: 'ko-KR', timezoneId: ZONE });
    const korean = await koreanContext.newPage();
    await korean.goto(`${stack.testOrigin}/night`);
    await korean.getByRole('button', { name: '의견 보내기' }).click();
    await korean.getByRole('dialog').getByRole('radio', { name: /불만/ }).check();
    await expect.poll(() => korean.getByRole('dialog').getByText('내일 10:00까지 답변드려요').isVisible(), { timeout: 15_000 }).toBe(true);
    await koreanContext.close();

    // A complaint sent now arrives routed to customer service, and the timeline says it was automatic.
    await widget.getByRole('textbox', { name: 'Your message' }).fill('The night lamp arrived broken');
    // As long as a person takes: a form filled faster than 1.5 s is flagged as likely spam.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await widget.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => widget.getByText(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await shopperContext.close();
    const stored = await stack.store.db.selectFrom('submissions').select(['id', 'department']).where('message', '=', 'The night lamp arrived broken').executeTakeFirstOrThrow();
    expect(stored.department).toBe('customer_service');
    await page.goto(`${stack.soriOrigin}/console/submissions/${stored.id}`);
    await expect.poll(() => page.getByText('Routed automatically to Customer service (the site’s rule for this kind)').isVisible(), { timeout: 15_000 }).toBe(true);

    // An agent invited to the other site only, with a password made and shown once.
    await page.getByRole('link', { name: 'Staff', exact: true }).click();
    await page.getByRole('button', { name: 'Invite someone' }).click();
    const invite = page.getByRole('form', { name: 'Invite someone' });
    await invite.getByLabel('Email').fill('kim@e2e.example');
    await invite.getByLabel('Name', { exact: true }).fill('Kim');
    await invite.getByLabel('E2E shop').check();
    await invite.getByRole('button', { name: 'Invite', exact: true }).click();
    const handover = page.getByRole('region', { name: 'Password for kim@e2e.example' });
    await expect.poll(() => handover.isVisible(), { timeout: 10_000 }).toBe(true);
    const password = ((await handover.locator('.secret code').textContent()) ?? '').trim();
    expect(password).toHaveLength(16);

    // The agent sees nothing of Night shop: not in the list, not by id, not in the counts.
    const agent = await signedIn(browser, stack.soriOrigin, 'kim@e2e.example', password);
    await agent.page.getByLabel('Search').fill('night lamp');
    await agent.page.keyboard.press('Enter');
    await expect.poll(() => agent.page.getByText('Nothing here.').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await agent.page.getByText('The night lamp arrived broken').count()).toBe(0);
    expect((await deskGet(agent.page, `/v1/desk/submissions/${stored.id}`)).status).toBe(404);
    const agentCounts = (await deskGet(agent.page, '/v1/desk/submissions/counts')).body as InboxCounts;
    const adminCounts = (await deskGet(page, '/v1/desk/submissions/counts')).body as InboxCounts;
    expect(adminCounts.counts.all).toBeGreaterThanOrEqual(1);
    expect(agentCounts.counts.all).toBe(0);
    await agent.page.goto(`${stack.soriOrigin}/console/submissions/${stored.id}`);
    await expect.poll(() => agent.page.getByRole('alert').first().isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await agent.page.getByText('The night lamp arrived broken').count()).toBe(0);
    await agent.page.getByRole('link', { name: 'Inbox', exact: true }).click();
    await expect.poll(() => agent.page.getByText('Live', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);

    // Disabled, the agent's open page is signed out: their sessions are gone, so the page's next
    // call is refused and the sign-in dialog goes over it.
    await page.getByRole('button', { name: 'Disable Kim' }).click();
    await page.getByRole('alert').getByRole('button', { name: 'Disable', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Enable' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await agent.page.getByRole('link', { name: 'Canned replies', exact: true }).click();
    const ended = agent.page.getByRole('dialog', { name: 'Your session ended' });
    await expect.poll(() => ended.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await ended.getByLabel('Password').count()).toBe(1);
    await agent.context.close();

    // A token works until it is revoked, then at once not.
    await page.getByRole('link', { name: 'API tokens', exact: true }).click();
    await page.getByLabel('Name', { exact: true }).fill('zapier');
    await page.getByRole('button', { name: 'Make a token' }).click();
    const shown = page.getByRole('region', { name: 'Token “zapier”' });
    await expect.poll(() => shown.isVisible(), { timeout: 10_000 }).toBe(true);
    const token = ((await shown.locator('.secret code').textContent()) ?? '').trim();
    const withToken = () => fetch(`${stack.soriOrigin}/v1/desk/submissions`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await withToken()).toBe(200);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'zapier' }) });
    await row.getByRole('button', { name: 'Revoke zapier' }).click();
    await row.getByRole('alert').getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect.poll(() => page.getByRole('rowheader', { name: 'zapier' }).count(), { timeout: 10_000 }).toBe(0);
    expect(await withToken()).toBe(401);
    await admin.context.close();
  }, 180_000);
});
