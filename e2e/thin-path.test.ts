import { describe, expect, it } from 'vitest';
import type { DeskDetail, DeskList } from '@sori/protocol';
import { desk, useStack, writeAndSend } from './harness.js';

describe('the thin path in real Chromium', () => {
  const run = useStack();

  it('sends a complaint from a store on another origin and shows staff changes live', async () => {
    const page = await run.browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(run.stack.storeOrigin);
    expect(new URL(run.stack.storeOrigin).origin).not.toBe(new URL(run.stack.soriOrigin).origin);

    const dialog = await writeAndSend(page, 'Complaint', 'The blender jar arrived cracked.');

    const tracking = dialog.getByText(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/).first();
    await expect.poll(() => tracking.isVisible(), { timeout: 15_000 }).toBe(true);
    const trackingNumber = (await tracking.textContent())?.match(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0];
    await expect.poll(() => dialog.getByText('Received').first().isVisible(), { timeout: 10_000 }).toBe(true);

    const list = (await desk(run.stack, 'GET', `/v1/desk/submissions?q=${trackingNumber}`)) as DeskList;
    expect(list.submissions).toHaveLength(1);
    const [stored] = list.submissions;
    expect(stored).toMatchObject({ kind: 'complaint', message: 'The blender jar arrived cracked.', status: 'received' });
    expect(stored?.pageUrl).toContain(run.stack.storeOrigin);

    await desk(run.stack, 'PATCH', `/v1/desk/submissions/${stored!.id}`, { status: 'in_progress' });
    await expect.poll(() => dialog.getByText('In review').first().isVisible(), { timeout: 10_000 }).toBe(true);

    await desk(run.stack, 'POST', `/v1/desk/submissions/${stored!.id}/replies`, { text: 'A new jar ships today.' });
    await expect.poll(() => dialog.getByText('A new jar ships today.').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(problems).toEqual([]);
  });

  it('closes the loop: the shopper answers staff, then rates the resolution, and a low score reopens it', async () => {
    const page = await run.browser.newPage();
    await page.goto(run.stack.storeOrigin);
    const dialog = await writeAndSend(page, 'Question', 'Does the jar fit the older base?');
    await expect.poll(() => dialog.getByText(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/).first().isVisible(), { timeout: 15_000 }).toBe(true);
    const list = (await desk(run.stack, 'GET', '/v1/desk/submissions?q=older%20base')) as DeskList;
    const id = list.submissions[0]!.id;

    await desk(run.stack, 'POST', `/v1/desk/submissions/${id}/replies`, { text: 'Which year is your base from?' });
    await dialog.getByRole('tab', { name: /My messages/ }).click();
    const answer = dialog.getByRole('textbox', { name: 'Your answer' });
    await expect.poll(() => answer.isVisible(), { timeout: 10_000 }).toBe(true);
    await answer.fill('From 2021.');
    await dialog.getByRole('button', { name: 'Reply' }).click();
    await expect
      .poll(async () => ((await desk(run.stack, 'GET', `/v1/desk/submissions/${id}`)) as DeskDetail).timeline.map((e) => e.text ?? e.type), { timeout: 10_000 })
      .toContain('From 2021.');

    await desk(run.stack, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
    await expect.poll(() => dialog.getByText('Was this resolved? (1–5)').isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog.getByRole('radio', { name: '2', exact: true }).check();
    await dialog.getByRole('radio', { name: 'No', exact: true }).check();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => dialog.getByText('Thank you for telling us.').isVisible(), { timeout: 10_000 }).toBe(true);
    const after = (await desk(run.stack, 'GET', `/v1/desk/submissions/${id}`)) as DeskDetail;
    expect(after.submission).toMatchObject({ status: 'reopened', rating: { score: 2, wouldBuyAgain: false } });
  });
});
