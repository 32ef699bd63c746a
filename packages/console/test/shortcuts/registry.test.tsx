import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { currentActions, displayKeys, registerActions } from '../../src/shortcuts/registry.js';
import { aSubmission } from '../fake-desk.js';
import { fakeDesk, openInbox, press } from '../helpers.js';

const focusedTracking = () => document.querySelector('.row--focused .row__tracking')?.textContent;

/** An inbox of three, due in that order, with the keys bound. */
async function inboxOfThree() {
  const desk = fakeDesk();
  const rows = desk.add(
    aSubmission({ trackingNumber: 'SR-0001-AAAA', expectedResponseBy: new Date(Date.now() + 3_600_000 * 2).toISOString() }),
    aSubmission({ trackingNumber: 'SR-0002-BBBB', expectedResponseBy: new Date(Date.now() + 3_600_000 * 3).toISOString() }),
    aSubmission({ trackingNumber: 'SR-0003-CCCC', expectedResponseBy: new Date(Date.now() + 3_600_000 * 4).toISOString() }),
  );
  await openInbox(desk);
  await waitFor(() => expect(currentActions().some((a) => a.id === 'list.next')).toBe(true));
  return { desk, rows };
}

describe('Keyboard shortcuts', () => {
  it('move with j and k, open with Enter and go back with Escape', async () => {
    await inboxOfThree();
    expect(focusedTracking()).toBe('SR-0001-AAAA');
    press('j');
    press('j');
    await waitFor(() => expect(focusedTracking()).toBe('SR-0003-CCCC'));
    press('k');
    await waitFor(() => expect(focusedTracking()).toBe('SR-0002-BBBB'));
    expect(document.activeElement?.textContent).toContain('Message');
    press('Enter');
    await screen.findByRole('heading', { name: /SR-0002-BBBB/ });
    await waitFor(() => expect(currentActions().some((a) => a.id === 'submission.back')).toBe(true));
    press('Escape');
    await screen.findByRole('heading', { name: 'Inbox' });
    expect(focusedTracking()).toBe('SR-0002-BBBB');
  });

  it('assign to me with a, resolve with e and select with x, on the row the cursor is on', async () => {
    const { desk, rows } = await inboxOfThree();
    press('a');
    await waitFor(() => expect(desk.submissions[0]?.assigneeId).toBe('u-mina'));
    await waitFor(() => expect(within(document.querySelector('.row--focused') as HTMLElement).getByText('Mina')).toBeTruthy());
    press('j');
    press('e');
    await waitFor(() => expect(desk.submissions.find((s) => s.id === rows[1]?.id)?.status).toBe('resolved'));
    press('x');
    await screen.findByText('1 selected');
    expect((screen.getByRole('checkbox', { name: 'Select SR-0002-BBBB' }) as HTMLInputElement).checked).toBe(true);
  });

  it('listen for the Korean layout too: ㅓ moves like j', async () => {
    await inboxOfThree();
    press('ㅓ', { code: 'KeyJ' });
    await waitFor(() => expect(focusedTracking()).toBe('SR-0002-BBBB'));
  });

  it('stay quiet while the person types: single keys in a text field do nothing', async () => {
    const { desk, rows } = await inboxOfThree();
    fireEvent.click(screen.getByText('SR-0001-AAAA').closest('li')?.querySelector('a') as HTMLElement);
    const box = await screen.findByRole('textbox', { name: 'Reply to the shopper' });
    await waitFor(() => expect(currentActions().some((a) => a.id === 'submission.resolve')).toBe(true));
    box.focus();
    for (const key of ['e', 'a', 'j', 'x', 'n', 'Escape']) press(key, {}, box);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(desk.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(desk.submissions.find((s) => s.id === rows[0]?.id)?.status).toBe('received');
    expect(screen.getByRole('heading', { name: /SR-0001-AAAA/ })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Reply to the shopper' })).toBeTruthy();
  });

  it('? lists every registered shortcut, drawn from the registry', async () => {
    await inboxOfThree();
    const unregister = registerActions([{ id: 'test.extra', group: 'global', keys: 'g', label: () => 'A shortcut added by a test', run: () => {} }]);
    press('?', { shiftKey: true });
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const listed = [...help.querySelectorAll('.shortcut-help__row')].map((row) => `${row.querySelector('kbd')?.textContent} ${row.querySelector('dd')?.textContent}`);
    const registered = currentActions()
      .filter((a) => a.keys)
      .map((a) => `${displayKeys(a.keys ?? '')} ${a.label()}`);
    expect(listed.sort()).toEqual(registered.sort());
    expect(listed).toContain('g A shortcut added by a test');
    expect(listed).toContain('j Next submission');
    expect(listed).toContain('Ctrl+K Open the command palette');
    expect(listed.some((line) => /^(Ctrl|⌘|Alt)\+?[A-JL-Z]\b/i.test(line))).toBe(false);
    unregister();
  });

  it('⌘K / Ctrl+K opens the palette: run any action by name, or jump to a submission by tracking number', async () => {
    await inboxOfThree();
    press('k', { ctrlKey: true });
    const input = await screen.findByRole('combobox', { name: 'Command palette' });
    fireEvent.input(input, { target: { value: 'SR-0003' } });
    const option = await screen.findByRole('option', { name: 'Open SR-0003-CCCC (Complaint)' });
    expect(option.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
    await screen.findByRole('heading', { name: /SR-0003-CCCC/ });
    press('k', { ctrlKey: true });
    const again = await screen.findByRole('combobox', { name: 'Command palette' });
    fireEvent.input(again, { target: { value: 'canned' } });
    fireEvent.click(await screen.findByRole('option', { name: 'Manage canned replies' }));
    await screen.findByRole('heading', { name: 'Canned replies' });
  });
});
