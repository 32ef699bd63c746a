import type { DeskList } from '@sori/protocol';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { desk, useStack, writeAndSend } from './harness.js';

/** The SDK's browser-only behaviour, in real Chromium: tabs sharing one outbox, and pages going away. */
const run = useStack();

/** Two tabs of one browser share one outbox and one event stream (Web Locks + BroadcastChannel). */
describe('several tabs in real Chromium', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await run.browser.newContext();
  });

  /** A tab on the demo store, counting the event streams it opens. */
  async function tab(): Promise<{ page: Page; streams: () => number }> {
    const page = await context.newPage();
    let streams = 0;
    page.on('request', (request) => {
      // The event stream is the one request to /v1/reporter/events that carries a ticket.
      if (request.url().includes('/v1/reporter/events?ticket=')) streams++;
    });
    await page.goto(run.stack.storeOrigin);
    return { page, streams: () => streams };
  }

  it('hold one event stream between them; the other tab hears it, and takes over when the first closes', async () => {
    const first = await tab();
    const dialog = await writeAndSend(first.page, 'Question', 'Asked in the first tab');
    const tracking = dialog.getByText(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/).first();
    await expect.poll(() => tracking.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(first.streams, { timeout: 10_000 }).toBe(1);
    const list = (await desk(run.stack, 'GET', `/v1/desk/submissions?q=${await tracking.textContent()}`)) as DeskList;
    const id = list.submissions[0]!.id;

    // The second tab loads the widget at idle (this browser has submissions) and waits for the stream.
    const second = await tab();
    await second.page.getByRole('button', { name: 'Feedback' }).click();
    const other = second.page.getByRole('dialog');
    await other.getByRole('tab', { name: /My messages/ }).click();
    await expect.poll(() => other.getByText('Asked in the first tab').isVisible()).toBe(true);

    await desk(run.stack, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'Heard in both tabs.' });
    await expect.poll(() => other.getByText('Heard in both tabs.').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => dialog.getByText('Heard in both tabs.').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(second.streams()).toBe(0);

    // The stream's tab closes: the other takes the stream over and keeps hearing.
    await first.page.close();
    await expect.poll(second.streams, { timeout: 10_000 }).toBe(1);
    await desk(run.stack, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
    await expect.poll(() => other.getByText('Was this resolved? (1–5)').isVisible(), { timeout: 10_000 }).toBe(true);
  });
});

describe('a fresh browser in real Chromium', () => {
  it('opens two tabs at once as one shopper, and shows none of what it stored as refused', async () => {
    const context = await run.browser.newContext();
    const tabs = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all(tabs.map((tab) => tab.goto(run.stack.storeOrigin)));
    const sends = tabs.map((tab, i) =>
      tab.evaluate(async (n) => {
        const sori = (window as unknown as { Sori: { submit(x: object): Promise<unknown> } }).Sori;
        for (let k = 0; k < 10; k++) await sori.submit({ kind: 'inquiry', message: `Two tabs at once, tab ${n} #${k}` });
      }, i),
    );
    await Promise.all(sends);
    const stored = async () => ((await desk(run.stack, 'GET', '/v1/desk/submissions?q=Two%20tabs%20at%20once&limit=100')) as DeskList).submissions;
    await expect.poll(async () => (await stored()).length, { timeout: 20_000 }).toBe(20);
    // One reporter behind all twenty.
    const reporters = await run.stack.store.db.selectFrom('submissions').select('reporter_id').where('message', 'like', 'Two tabs at once%').distinct().execute();
    expect(reporters).toHaveLength(1);
    for (const tab of tabs) {
      const states = await tab.evaluate(async () => {
        const sori = (window as unknown as { Sori: { submissions(): Promise<Array<{ sendState: string }>> } }).Sori;
        return (await sori.submissions()).map((s) => s.sendState);
      });
      expect(states.filter((state) => state === 'rejected')).toEqual([]);
    }
    await context.close();
  });
});

describe('leaving the page in real Chromium', () => {

  it('sends what waits with a keepalive request as the page goes away', async () => {
    const page = await run.browser.newPage();
    // The ordinary sends fail (as on a bad network); only the last-chance one (text/plain) goes through.
    await page.route('**/v1/submissions', (route) => (route.request().headers()['content-type'] === 'text/plain' ? route.continue() : route.abort()));
    await page.goto(run.stack.storeOrigin);
    const dialog = await writeAndSend(page, 'Suggestion', 'Written just before leaving');
    await expect.poll(() => dialog.getByRole('article').getByText("Saved — we'll send it as soon as you're back online.").isVisible()).toBe(true);
    expect(((await desk(run.stack, 'GET', '/v1/desk/submissions?q=leaving')) as DeskList).submissions).toHaveLength(0);

    await page.goto('about:blank');
    await expect
      .poll(async () => ((await desk(run.stack, 'GET', '/v1/desk/submissions?q=leaving')) as DeskList).submissions.map((s) => s.message), { timeout: 10_000 })
      .toEqual(['Written just before leaving']);
  });
});
