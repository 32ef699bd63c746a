import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskList } from '@sori/protocol';
import { desk, launchChromium, startStack, type Stack } from './harness.js';

describe('the thin path in real Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('sends a complaint from a store on another origin and shows staff changes live', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(stack.storeOrigin);
    expect(new URL(stack.storeOrigin).origin).not.toBe(new URL(stack.soriOrigin).origin);

    await page.getByRole('button', { name: 'Feedback' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Complaint' }).click();
    await dialog.getByRole('textbox', { name: 'Your message' }).fill('The blender jar arrived cracked.');
    await dialog.getByRole('button', { name: 'Send' }).click();

    const tracking = dialog.getByText(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/).first();
    await expect.poll(() => tracking.isVisible(), { timeout: 15_000 }).toBe(true);
    const trackingNumber = (await tracking.textContent())?.match(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/)?.[0];
    await expect.poll(() => dialog.getByText('Received').first().isVisible(), { timeout: 10_000 }).toBe(true);

    const list = (await desk(stack, 'GET', `/v1/desk/submissions?q=${trackingNumber}`)) as DeskList;
    expect(list.submissions).toHaveLength(1);
    const [stored] = list.submissions;
    expect(stored).toMatchObject({ kind: 'complaint', message: 'The blender jar arrived cracked.', status: 'received' });
    expect(stored?.pageUrl).toContain(stack.storeOrigin);

    await desk(stack, 'PATCH', `/v1/desk/submissions/${stored!.id}`, { status: 'in_progress' });
    await expect.poll(() => dialog.getByText('In review').first().isVisible(), { timeout: 10_000 }).toBe(true);

    await desk(stack, 'POST', `/v1/desk/submissions/${stored!.id}/replies`, { message: 'A new jar ships today.' });
    await expect.poll(() => dialog.getByText('A new jar ships today.').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(problems).toEqual([]);
  });
});
