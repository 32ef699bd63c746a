import { createRequire } from 'node:module';
import type { DeskDetail, DeskList } from '@sori/protocol';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUser } from '@sori/server';
import { desk, useStack } from './harness.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's violations on the page, by rule and count of nodes. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
    return (await axe.run()).violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}

/** The staff console, in real Chromium, against the real server and a shopper's widget on a store page. */
describe('the console in real Chromium', () => {
  const run = useStack();
  const PASSWORD = 'e2e password 1';

  /** A signed-in console in a browser context of its own (its own cookie jar), on the inbox. */
  async function signedIn(email: string, options: { colorScheme?: 'light' | 'dark'; bypassCSP?: boolean } = {}): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
    const context = await run.browser.newContext({ locale: 'en-US', ...options });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${run.stack.soriOrigin}/`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Inbox' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByText('Live', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    return { page, context, problems };
  }

  /** The server id of the one submission whose text holds `words`. */
  async function idOf(words: string): Promise<string> {
    const list = (await desk(run.stack, 'GET', `/v1/desk/submissions?q=${encodeURIComponent(words)}`)) as DeskList;
    expect(list.submissions).toHaveLength(1);
    return list.submissions[0]!.id;
  }

  it('says plainly when the password is wrong', async () => {
    const page = await run.browser.newPage();
    await page.goto(`${run.stack.soriOrigin}/console/`);
    await page.getByLabel('Email').fill('agent@e2e.example');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Wrong email or password.').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.close();
  });

  it('works a complaint from the widget to the rating: live, by keyboard, with notes kept from the shopper and a stale reply stopped', async () => {
    await createUser(run.stack.store.db, { email: 'second@e2e.example', role: 'agent', password: PASSWORD, name: 'Joon', siteIds: [run.stack.site.id] });
    const staff = await signedIn('agent@e2e.example');

    // The shopper writes on the store's page; the complaint appears in the open inbox, no reload.
    const shopper = await run.browser.newPage();
    await shopper.goto(run.stack.storeOrigin);
    const payload = 'The jar <img src=x onerror="window.pwned=1"> arrived cracked <script>window.pwned=2</script> javascript:alert(1)';
    await shopper.getByRole('button', { name: 'Feedback' }).click();
    const widget = shopper.getByRole('dialog');
    await widget.getByRole('radio', { name: 'Complaint' }).check();
    await widget.getByRole('textbox', { name: 'Your message' }).fill(payload);
    // As long as a person takes: a form filled faster than 1.5 s is flagged as likely spam (the Spam view).
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await widget.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => widget.getByText(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/).first().isVisible(), { timeout: 15_000 }).toBe(true);
    const row = staff.page.getByRole('link', { name: /The jar <img/ });
    await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
    // Its SLA badge: a complaint is due within the hour.
    await expect.poll(() => staff.page.getByText(/Due soon|Due in/).first().isVisible()).toBe(true);

    // Triage by keyboard: the first row, open it, assign it to me.
    await staff.page.locator('body').click();
    await staff.page.keyboard.press('j');
    await staff.page.keyboard.press('Enter');
    await expect.poll(() => staff.page.getByRole('heading', { name: 'Triage' }).isVisible(), { timeout: 10_000 }).toBe(true);
    // Shopper text is text: the payload is there to read, and nothing of it ran or became a link.
    await expect.poll(() => staff.page.getByText(payload).first().isVisible()).toBe(true);
    expect(await staff.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await staff.page.locator('a[href^="javascript:"]').count()).toBe(0);
    await staff.page.keyboard.press('a');
    const id = await idOf('arrived cracked');
    await expect.poll(async () => ((await desk(run.stack, 'GET', `/v1/desk/submissions/${id}`)) as DeskDetail).submission.assigneeId, { timeout: 10_000 }).toBeDefined();
    // Route and move on from the keyboard too: the command palette holds every action.
    const palette = async (words: string) => {
      await staff.page.keyboard.press('Control+k');
      await staff.page.keyboard.type(words);
      await staff.page.keyboard.press('Enter');
    };
    await palette('Route to Logistics');
    await expect.poll(async () => ((await desk(run.stack, 'GET', `/v1/desk/submissions/${id}`)) as DeskDetail).submission.department, { timeout: 10_000 }).toBe('logistics');
    await palette('Move to In progress');
    await expect.poll(async () => ((await desk(run.stack, 'GET', `/v1/desk/submissions/${id}`)) as DeskDetail).submission, { timeout: 10_000 }).toMatchObject({ department: 'logistics', status: 'in_progress' });

    // A note stays with staff.
    await staff.page.getByRole('radio', { name: /Note/ }).check();
    await staff.page.getByLabel('Internal note').fill('Called the courier about it.');
    await staff.page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => staff.page.getByText('Note added.').isVisible(), { timeout: 10_000 }).toBe(true);

    // A second agent opens it and starts writing: the first sees that, live.
    const second = await signedIn('second@e2e.example');
    await second.page.goto(`${run.stack.soriOrigin}/console/submissions/${id}`);
    await second.page.getByRole('radio', { name: /Reply/ }).check();
    await second.page.getByLabel('Reply to the shopper').fill('A second answer, written late.');
    await expect.poll(() => staff.page.getByText(/Joon is replying/).first().isVisible(), { timeout: 15_000 }).toBe(true);

    // The first answers in public: "the shopper will see this" is said before it goes.
    await staff.page.getByRole('radio', { name: /Reply/ }).check();
    await expect.poll(() => staff.page.getByText(/The shopper will see this/).isVisible()).toBe(true);
    await staff.page.getByLabel('Reply to the shopper').fill('A new jar ships today.');
    await staff.page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => widget.getByText('A new jar ships today.', { exact: false }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await widget.getByText('Called the courier').count()).toBe(0);

    // The second agent's reply, written before that one arrived, is stopped with a choice.
    await second.page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => second.page.getByText('Someone wrote while you were writing').isVisible(), { timeout: 10_000 }).toBe(true);
    const replies = async () => ((await desk(run.stack, 'GET', `/v1/desk/submissions/${id}`)) as DeskDetail).timeline.filter((e) => e.type === 'reply').length;
    expect(await replies()).toBe(1);

    // Resolve; the shopper rates; the rating shows in the console, live.
    await staff.page.getByRole('button', { name: 'Resolve' }).click();
    await widget.getByRole('tab', { name: /My messages/ }).click();
    await expect.poll(() => widget.getByText('Was this resolved? (1–5)').isVisible(), { timeout: 15_000 }).toBe(true);
    await widget.getByRole('radio', { name: '5' }).check();
    await widget.getByRole('radio', { name: 'Yes' }).check();
    await widget.getByRole('button', { name: 'Send' }).last().click();
    await expect.poll(() => staff.page.getByText(/rated it 5\/5/).isVisible(), { timeout: 15_000 }).toBe(true);

    expect([...staff.problems, ...second.problems]).toEqual([]);
    await Promise.all([staff.context.close(), second.context.close(), shopper.close()]);
  });

  it('catches up after its connection was cut, with nothing missed and nothing twice', async () => {
    const staff = await signedIn('agent@e2e.example');
    await staff.context.setOffline(true);
    await expect.poll(() => staff.page.getByText(/Offline|Reconnecting/).first().isVisible(), { timeout: 45_000 }).toBe(true);
    const secret = 'c'.repeat(64);
    for (const words of ['Cut one', 'Cut two']) {
      const res = await fetch(`${run.stack.soriOrigin}/v1/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: run.stack.storeOrigin, 'x-sori-site': run.stack.site.key, 'x-sori-reporter': secret },
        body: JSON.stringify({ submissions: [{ clientId: crypto.randomUUID(), kind: 'inquiry', message: words, createdAt: new Date().toISOString() }] }),
      });
      expect(res.status).toBe(200);
    }
    await staff.context.setOffline(false);
    await staff.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => staff.page.getByRole('link', { name: /Cut two/ }).count(), { timeout: 45_000 }).toBe(1);
    expect(await staff.page.getByRole('link', { name: /Cut one/ }).count()).toBe(1);
    await expect.poll(() => staff.page.getByText('Live', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    await staff.context.close();
  });

  it('refuses a cross-site write made with the session cookie', async () => {
    const staff = await signedIn('agent@e2e.example');
    const id = await idOf('Cut one');
    const store = await staff.context.newPage();
    await store.goto(run.stack.storeOrigin);
    const status = await store.evaluate(async ([origin, submission]) => {
      const res = await fetch(`${origin}/v1/desk/submissions/${submission}/notes`, {
        method: 'POST',
        credentials: 'include',
        mode: 'no-cors',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ text: 'forged' }),
      }).catch(() => undefined);
      return res?.type;
    }, [run.stack.soriOrigin, id] as const);
    expect(status === 'opaque' || status === undefined).toBe(true);
    const timeline = ((await desk(run.stack, 'GET', `/v1/desk/submissions/${id}`)) as DeskDetail).timeline;
    expect(timeline.some((e) => e.text === 'forged')).toBe(false);
    await staff.context.close();
  });

  it('has no axe-core violations on the sign-in page, the inbox and a submission, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      // axe is added as a script of the test's, which the console's CSP would (rightly) refuse.
      const signIn = await run.browser.newContext({ colorScheme, bypassCSP: true });
      const page = await signIn.newPage();
      await page.goto(`${run.stack.soriOrigin}/console/`);
      await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await signIn.close();

      const staff = await signedIn('agent@e2e.example', { colorScheme, bypassCSP: true });
      expect(await axeViolations(staff.page)).toEqual([]);
      await staff.page.goto(`${run.stack.soriOrigin}/console/submissions/${await idOf('Cut one')}`);
      await expect.poll(() => staff.page.getByRole('heading', { name: 'Triage' }).isVisible(), { timeout: 10_000 }).toBe(true);
      expect(await axeViolations(staff.page)).toEqual([]);
      await staff.context.close();
    }
  });
});
