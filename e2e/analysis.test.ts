import { randomBytes, randomUUID } from 'node:crypto';
import type { DeskDetail, DeskList, SubmissionBatchResult } from '@sori/protocol';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createUser } from '@sori/server';
import { desk, useStack, writeAndSend } from './harness.js';

/** The analysis, the happy call and improvements in real Chromium, against the real server. */
describe('closing the loop in real Chromium', () => {
  const run = useStack();
  const PASSWORD = 'e2e password 1';
  let admin: Promise<unknown> | undefined;

  /** A signed-in console (an admin, who sees every site) at `path`. */
  async function console(path: string): Promise<Page> {
    admin ??= createUser(run.stack.store.db, { email: 'boss@e2e.example', role: 'admin', password: PASSWORD, name: 'Boss' });
    await admin;
    const context = await run.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${run.stack.soriOrigin}/console/`);
    await page.getByLabel('Email').fill('boss@e2e.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Inbox' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await page.goto(`${run.stack.soriOrigin}${path}`);
    return page;
  }

  /** A shopper's submission through the public API; answers its server id. */
  async function submitted(kind: string, message: string): Promise<string> {
    const res = await fetch(`${run.stack.soriOrigin}/v1/submissions`, {
      method: 'POST',
      headers: { origin: run.stack.storeOrigin, 'x-sori-site': run.stack.site.key, 'x-sori-reporter': randomBytes(32).toString('hex'), 'content-type': 'application/json' },
      body: JSON.stringify({ submissions: [{ clientId: randomUUID(), kind, message, createdAt: new Date().toISOString(), fillMs: 12_000 }] }),
    });
    const [result] = ((await res.json()) as SubmissionBatchResult).results;
    if (result?.result !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(result)}`);
    return result.receipt.id;
  }

  /** Resolves a submission; `late` moves its resolution due time into the past first. */
  async function resolve(id: string, late: boolean): Promise<void> {
    if (late) await run.stack.store.db.updateTable('submissions').set({ resolution_due_by: new Date(Date.now() - 3_600_000).toISOString() }).where('id', '=', id).execute();
    await desk(run.stack, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
  }

  it('shows the seeded figures, and the "resolved late" figure lists exactly those submissions in the inbox', async () => {
    const quick = await submitted('complaint', 'Quick fix of a cracked jar');
    const late1 = await submitted('complaint', 'Late fix of a broken lid');
    const late2 = await submitted('complaint', 'Late fix of a bent blade');
    await submitted('praise', 'Lovely kettle');
    await resolve(quick, false);
    await resolve(late1, true);
    await resolve(late2, true);

    const page = await console('/console/analysis');
    await expect.poll(() => page.getByRole('heading', { name: 'Service recovery' }).isVisible(), { timeout: 15_000 }).toBe(true);
    const recovery = page.getByRole('table', { name: 'Service recovery' });
    const late = recovery.getByRole('row', { name: /Resolved late/ });
    await expect.poll(() => late.getByRole('cell').first().textContent()).toBe('2');
    expect(await recovery.getByRole('row', { name: /Resolved within target/ }).getByRole('cell').first().textContent()).toBe('1');
    expect(await page.getByText('4 submissions').isVisible()).toBe(true);

    await late.getByRole('link', { name: 'Resolved late' }).click();
    await expect.poll(() => page.getByText('From the analysis').isVisible(), { timeout: 15_000 }).toBe(true);
    const rows = page.getByRole('list', { name: /submissions/i }).getByRole('link');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
    const listed = (await rows.allTextContents()).join(' ');
    expect(listed).toContain('Late fix of a broken lid');
    expect(listed).toContain('Late fix of a bent blade');
    expect(await page.getByText('Quick fix of a cracked jar').count()).toBe(0);
    await page.context().close();
  });

  it('records a happy-call outcome "not satisfied" and reopens the submission', async () => {
    const id = await submitted('complaint', 'Still wobbly after the repair');
    await resolve(id, false);
    // Resolved four days ago and not rated: on the follow-up list (the default is three days).
    await run.stack.store.db.updateTable('submissions').set({ resolved_at: new Date(Date.now() - 4 * 86_400_000).toISOString() }).where('id', '=', id).execute();
    const page = await console('/console/follow-ups');
    const entry = page.getByRole('listitem').filter({ hasText: 'Still wobbly after the repair' });
    await expect.poll(() => entry.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await entry.getByText('Did not rate').isVisible()).toBe(true);
    await entry.getByRole('button', { name: 'Reached, not satisfied' }).click();
    await expect
      .poll(async () => ((await desk(run.stack, 'GET', `/v1/desk/submissions/${id}`)) as DeskDetail).submission.status, { timeout: 15_000 })
      .toBe('reopened');
    await expect.poll(() => entry.isVisible(), { timeout: 15_000 }).toBe(false);
    await page.context().close();
  });

  it("tells both shoppers' open widgets when an improvement linked to their suggestions is done", async () => {
    const widgets: Page[] = [];
    for (const words of ['A blue jar, please', 'Jars in more colours']) {
      const context = await run.browser.newContext({ locale: 'en-US' });
      const shopper = await context.newPage();
      await shopper.goto(run.stack.storeOrigin);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      const dialog = await writeAndSend(shopper, 'Suggestion', words);
      await expect.poll(() => dialog.getByText(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/).first().isVisible(), { timeout: 15_000 }).toBe(true);
      await dialog.getByRole('tab', { name: /My messages/ }).click();
      widgets.push(shopper);
    }
    const ids = await Promise.all(
      ['A blue jar, please', 'Jars in more colours'].map(async (words) => ((await desk(run.stack, 'GET', `/v1/desk/submissions?q=${encodeURIComponent(words)}`)) as DeskList).submissions[0]!.id),
    );
    await desk(run.stack, 'POST', '/v1/desk/improvements', { title: 'Blue and green jars from May', department: 'production', submissionIds: ids });

    const page = await console('/console/improvements');
    const item = page.getByRole('listitem').filter({ hasText: 'Blue and green jars from May' });
    await expect.poll(() => item.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await item.getByText('2 submissions behind it, 0 complaints').isVisible()).toBe(true);
    await item.getByRole('button', { name: 'Mark Done' }).click();

    for (const shopper of widgets) {
      const dialog = shopper.getByRole('dialog');
      await expect.poll(() => dialog.getByText('Blue and green jars from May').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await dialog.getByText('Your suggestion led to a change:').isVisible()).toBe(true);
      await shopper.context().close();
    }
    await page.context().close();
  });
});
