import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DeskList } from '@sori/protocol';
import { desk, ENGLISH, useStack, writeAndSend } from './harness.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('the widget in real Chromium', () => {
  const run = useStack();
  let pageCount = 0;

  /** A page on the store's origin with the given body and headers, the Sori tag included. */
  async function storePage(
    options: { head?: string; body?: string; headers?: Record<string, string>; locale?: string; tag?: string; viewport?: { width: number; height: number }; saveData?: boolean; context?: BrowserContext } = {},
  ): Promise<{ page: Page; problems: string[]; path: string }> {
    const page = options.context ? await options.context.newPage() : await run.browser.newPage(options.viewport ? { viewport: options.viewport } : {});
    // Chromium has no switch for Save-Data: the page is told as the browser would tell it.
    if (options.saveData) await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true }) }));
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    const tag = `<script async src="${run.stack.soriOrigin}/sori.js" data-site="${run.stack.site.key}"${options.locale ? ` data-locale="${options.locale}"` : ''} ${options.tag ?? ''}></script>`;
    const path = `/page-${++pageCount}`;
    run.stack.pages.set(path, {
      headers: options.headers ?? {},
      html: `<!doctype html><html lang="en"><head><title>Test shop</title>${options.head ?? ''}${tag}</head><body><main><h1>Test shop</h1>${options.body ?? ''}</main></body></html>`,
    });
    await page.goto(`${run.stack.testOrigin}${path}`);
    return { page, problems, path };
  }

  /** The widget's files the page has fetched so far, by name (`app`, `thread`, `en`, …). */
  const fetched = (page: Page) =>
    page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/sori/')).map((n) => n.split('/').pop()?.split('-')[0]));

  /** Sends a complaint (in `kind`, with `labels` of the page's language) and waits for its tracking number. */
  async function sendComplaint(page: Page, kind = 'Complaint', labels = ENGLISH) {
    const dialog = await writeAndSend(page, kind, 'Sent from a difficult page', labels);
    await expect.poll(() => dialog.getByText(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/).first().isVisible(), { timeout: 15_000 }).toBe(true);
    return dialog;
  }

  it('works on a page whose CSS attacks everything', async () => {
    const hostile = `<style>
      * { all: unset !important; font-size: 48px !important; color: transparent !important; }
      button, [role=dialog], div { display: none !important; visibility: hidden !important; transform: rotate(7deg) !important; }
      :host, ::slotted(*) { display: none !important; }
    </style>`;
    const { page, problems } = await storePage({ head: hostile });
    const launcher = page.getByRole('button', { name: 'Feedback' });
    await expect.poll(() => launcher.isVisible()).toBe(true);
    const fontSize = await launcher.evaluate((el) => getComputedStyle(el).fontSize);
    expect(fontSize).toBe('15px');
    await sendComplaint(page);
    expect(problems).toEqual([]);
  });

  it('works under a strict Content-Security-Policy with no unsafe-inline or unsafe-eval', async () => {
    const csp = `default-src 'none'; script-src ${run.stack.soriOrigin}; connect-src ${run.stack.soriOrigin}; style-src 'self'; img-src 'self'`;
    const { page, problems } = await storePage({ headers: { 'content-security-policy': csp } });
    await sendComplaint(page);
    expect(problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
  });

  it("works on a page whose CSP trusts scripts by nonce ('strict-dynamic')", async () => {
    const csp = `default-src 'none'; script-src 'nonce-r4nd0m' 'strict-dynamic'; connect-src ${run.stack.soriOrigin}; style-src 'self'`;
    const { page, problems } = await storePage({ headers: { 'content-security-policy': csp }, tag: 'nonce="r4nd0m"' });
    await sendComplaint(page);
    expect(problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
  });

  it('has no axe-core violations in the open panel', async () => {
    const { page } = await storePage();
    await sendComplaint(page);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: unknown): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
      const result = await axe.run({ include: [['sori-widget']] });
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
  });

  it('can be used with the keyboard alone, and gives focus back on Escape', async () => {
    const { page } = await storePage();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.localName === 'sori-widget')).toBe(true);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => dialog.getByRole('radio', { name: 'Question' }).evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByRole('radio', { name: 'Complaint' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Tab'); // the folded optional fields
    await page.keyboard.press('Tab'); // Send
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByText(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const focused = await page.evaluate(() => document.querySelector('sori-widget')?.shadowRoot?.activeElement?.textContent);
    expect(focused).toBe('Feedback');
  });

  it('keeps Tab and Shift+Tab inside the open dialog', async () => {
    const { page } = await storePage();
    await page.getByRole('button', { name: 'Feedback' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('radio', { name: 'Question' }).evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    /** Where focus is: inside the dialog, or elsewhere (the page, the launcher). */
    const focusIsInDialog = () =>
      page.evaluate(() => {
        const root = document.querySelector('sori-widget')?.shadowRoot;
        return !!root?.activeElement && !!root.querySelector('[role=dialog]')?.contains(root.activeElement);
      });
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < 14; i++) {
        await page.keyboard.press(key);
        expect(await focusIsInDialog(), `${key} #${i + 1}`).toBe(true);
      }
    }
  });

  it('speaks Korean with data-locale="ko"', async () => {
    const { page } = await storePage({ locale: 'ko' });
    const dialog = await sendComplaint(page, '불만', { launcher: '의견 보내기', message: '내용', send: '보내기' });
    await expect.poll(() => dialog.getByText('접수됨').first().isVisible()).toBe(true);
  });

  it('is a full-height sheet on a phone, with text that does not make the phone zoom', async () => {
    const { page } = await storePage({ viewport: { width: 360, height: 640 } });
    await page.getByRole('button', { name: 'Feedback' }).click();
    const dialog = page.getByRole('dialog');
    const box = await dialog.boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 360, height: 640 });
    const textSize = await dialog.getByRole('textbox', { name: 'Your message' }).evaluate((el) => getComputedStyle(el).fontSize);
    expect(parseFloat(textSize)).toBeGreaterThanOrEqual(16);
  });

  it('follows a dark colour scheme', async () => {
    const page = await run.browser.newPage({ colorScheme: 'dark' });
    run.stack.pages.set('/dark', { html: `<!doctype html><title>Dark</title><script async src="${run.stack.soriOrigin}/sori.js" data-site="${run.stack.site.key}"></script><h1>Shop</h1>` });
    await page.goto(`${run.stack.testOrigin}/dark`);
    await page.getByRole('button', { name: 'Feedback' }).click();
    const colours = await page.getByRole('dialog').evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
    expect(colours).toEqual(['rgb(34, 34, 34)', 'rgb(238, 238, 238)']);
  });

  it('fetches only the loader up front, then the form and thread code at idle without running it, and nothing at idle under Save-Data', async () => {
    const { page } = await storePage();
    const calls: string[] = [];
    page.on('request', (request) => request.url().includes('/v1/') && calls.push(request.url()));
    await expect.poll(() => page.getByRole('button', { name: 'Feedback' }).isVisible()).toBe(true);
    await expect.poll(() => fetched(page), { timeout: 10_000 }).toEqual(expect.arrayContaining(['app', 'thread', 'en']));
    expect(await fetched(page)).not.toContain('ko');
    // Fetched, not run: no panel, and no call to the server.
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(calls).toEqual([]);

    const saving = await storePage({ saveData: true });
    await expect.poll(() => saving.page.getByRole('button', { name: 'Feedback' }).isVisible()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await fetched(saving.page)).toEqual([]);
    await saving.page.getByRole('button', { name: 'Feedback' }).hover();
    await expect.poll(() => fetched(saving.page)).toEqual(['app', 'en']);
    expect(await saving.page.getByRole('dialog').count()).toBe(0);
  });

  it('opens and keeps what the shopper writes when the network went away after the page loaded, and sends it once back', async () => {
    // A context of its own, which outlives the page: the next page of the same browser comes after it.
    const context = await run.browser.newContext();
    const { page, path } = await storePage({ context });
    await expect.poll(() => fetched(page), { timeout: 10_000 }).toEqual(expect.arrayContaining(['app', 'thread']));
    await context.setOffline(true);
    const dialog = await writeAndSend(page, 'Complaint', 'Written in a lift, offline');
    await expect.poll(() => dialog.getByRole('article').getByText("Saved — we'll send it as soon as you're back online.").isVisible(), { timeout: 10_000 }).toBe(true);
    // Closed before it could be sent: the next page of the same browser sends it.
    await page.close();
    await context.setOffline(false);
    const next = await context.newPage();
    await next.goto(`${run.stack.testOrigin}${path}`);
    const stored = async () => ((await desk(run.stack, 'GET', '/v1/desk/submissions?q=in%20a%20lift')) as DeskList).submissions;
    await expect.poll(async () => (await stored()).length, { timeout: 15_000 }).toBe(1);
    await next.getByRole('button', { name: 'Feedback' }).click();
    await next.getByRole('dialog').getByRole('tab', { name: /My messages/ }).click();
    await expect.poll(() => next.getByRole('dialog').getByText(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/).first().isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await stored()).toHaveLength(1);
    await context.close();
  });

  it('says on the launcher that it is offline when its code never loaded, and opens once the network is back', async () => {
    const { page } = await storePage({ saveData: true });
    const launcher = page.getByRole('button', { name: 'Feedback' });
    await expect.poll(() => launcher.isVisible()).toBe(true);
    await page.context().setOffline(true);
    await launcher.click();
    await expect.poll(() => page.getByRole('button', { name: /offline/ }).isVisible(), { timeout: 10_000 }).toBe(true);
    const submitted = await page.evaluate(() =>
      (window as unknown as { Sori: { submit(x: object): Promise<unknown> } }).Sori.submit({ kind: 'praise', message: 'x' }).then(
        () => 'sent',
        (error: Error & { code?: string }) => `${error.name} ${error.code}`,
      ),
    );
    expect(submitted).toBe('SoriError network');
    await page.context().setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => page.getByRole('dialog').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByRole('button', { name: 'Feedback', exact: true }).count()).toBe(1);
  });

  it('causes no layout shift on the host page', async () => {
    const { page } = await storePage({ body: '<p style="height:2000px">Long page</p>' });
    await expect.poll(() => page.getByRole('button', { name: 'Feedback' }).isVisible()).toBe(true);
    const shift = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number }>) total += entry.value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(total), 300);
        }),
    );
    expect(shift).toBe(0);
  });

  it('counts unread staff answers on the launcher after a reload, before the panel opens', async () => {
    const { page } = await storePage();
    const dialog = await sendComplaint(page);
    const tracking = await dialog.getByText(/SR-[0-9A-Z]{4}-[0-9A-Z]{4}/).first().textContent();
    await page.keyboard.press('Escape');
    const list = (await desk(run.stack, 'GET', `/v1/desk/submissions?q=${tracking}`)) as DeskList;
    await desk(run.stack, 'POST', `/v1/desk/submissions/${list.submissions[0]!.id}/replies`, { text: 'We will send a new one.' });
    // The open page hears it live…
    await expect.poll(() => page.getByRole('button', { name: 'Feedback (1 new)' }).isVisible(), { timeout: 10_000 }).toBe(true);
    // …and a new page load still knows, with the panel closed.
    await page.reload();
    const launcher = page.getByRole('button', { name: 'Feedback (1 new)' });
    await expect.poll(() => launcher.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await launcher.click();
    await page.getByRole('dialog').getByRole('tab', { name: /My messages/ }).click();
    await expect.poll(() => page.getByRole('dialog').getByText('We will send a new one.').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Feedback', exact: true }).count()).toBe(1);
  });

  it('sits on the side and at the offset the site sets', async () => {
    const viewport = { width: 1000, height: 700 };
    const box = async (page: Page) => (await page.getByRole('button', { name: 'Feedback' }).boundingBox())!;
    const right = await storePage({ viewport, head: '<style>sori-widget { --sori-offset-x: 40px; --sori-offset-y: 30px }</style>' });
    await expect.poll(() => right.page.getByRole('button', { name: 'Feedback' }).isVisible()).toBe(true);
    const r = await box(right.page);
    expect(Math.round(viewport.width - r.x - r.width)).toBe(40);
    expect(Math.round(viewport.height - r.y - r.height)).toBe(30);

    for (const left of [await storePage({ viewport, tag: 'data-side="left"' }), await storePage({ viewport, head: '<style>:root { --sori-side: left }</style>' })]) {
      await expect.poll(() => left.page.getByRole('button', { name: 'Feedback' }).isVisible()).toBe(true);
      expect(Math.round((await box(left.page)).x)).toBe(20);
      await left.page.getByRole('button', { name: 'Feedback' }).click();
      const panel = (await left.page.getByRole('dialog').boundingBox())!;
      expect(Math.round(panel.x)).toBe(20);
    }
  });

  it("uses the site owner's own strings from data-strings", async () => {
    const { page, problems } = await storePage({ tag: `data-strings='{"title":"Ask the shop","kinds":{"praise":"Kudos"}}'` });
    await page.getByRole('button', { name: 'Feedback' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ask the shop' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Kudos' }).count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('answers the SDK calls through window.Sori, loading the app first, also in the queued form', async () => {
    const { page, problems } = await storePage({
      head: `<script>window.Sori = window.Sori || function () { (window.Sori.q = window.Sori.q || []).push(arguments) }; Sori('identify', { email: 'early@example.com' });</script>`,
    });
    const result = await page.evaluate(async () => {
      type Global = Record<string, (...args: unknown[]) => Promise<unknown>>;
      const sori = (window as unknown as { Sori: Global }).Sori;
      const sent = (await sori['submit']!({ kind: 'praise', message: 'Through the global' })) as { clientId: string };
      const found = (await sori['submission']!(sent.clientId)) as { message: string } | undefined;
      const all = (await sori['submissions']!()) as unknown[];
      const config = (await sori['config']!()) as { kinds: string[] };
      return { found: found?.message, count: all.length, kinds: config.kinds, methods: ['sendMessage', 'rate', 'resend', 'markRead', 'flush'].filter((m) => typeof sori[m] === 'function') };
    });
    expect(result).toEqual({ found: 'Through the global', count: 1, kinds: ['inquiry', 'complaint', 'praise', 'suggestion'], methods: ['sendMessage', 'rate', 'resend', 'markRead', 'flush'] });
    // The identify() queued before the tag loaded reached the server with the submission.
    const stored = async () => ((await desk(run.stack, 'GET', '/v1/desk/submissions?q=Through%20the%20global')) as DeskList).submissions;
    await expect.poll(async () => (await stored()).length, { timeout: 10_000 }).toBe(1);
    expect((await stored())[0]?.contact?.email).toBe('early@example.com');
    expect(problems).toEqual([]);
  });
});

