import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Submission } from '@sori/sdk';
import { Panel } from '../../src/app/Panel.js';
import en from '../../src/locales/en.js';
import { FakeSori } from '../fake-sori.js';
import { sendComplaint, sentAndListed } from '../helpers.js';

afterEach(cleanup);

describe('My messages', () => {
  it("lets the shopper answer staff's question in the thread", async () => {
    const sori = new FakeSori();
    await sentAndListed(sori);
    sori.staffReply('c1', 'Which colour is it?');
    const box = await screen.findByRole('textbox', { name: en.messageBoxLabel });
    fireEvent.input(box, { target: { value: 'The red one' } });
    fireEvent.click(screen.getByRole('button', { name: en.sendMessage }));
    await screen.findByText('The red one', { exact: false });
    expect(sori.list[0]?.outgoing.map((m) => m.text)).toEqual(['The red one']);
  });

  it('asks for a rating once per resolution, and again after a reopen and a new resolution', async () => {
    const sori = new FakeSori();
    await sentAndListed(sori);
    sori.resolve('c1');
    await screen.findByText(en.rateQuestion);
    fireEvent.click(screen.getByRole('radio', { name: '2' }));
    fireEvent.click(screen.getByRole('radio', { name: en.no }));
    fireEvent.click(screen.getByRole('button', { name: en.send }));
    await screen.findByText(en.rated);
    expect(screen.queryByText(en.rateQuestion)).toBeNull();
    expect(sori.list[0]?.rating).toEqual({ score: 2, wouldBuyAgain: false });
    sori.resolve('c1');
    await screen.findByText(en.rateQuestion);
    expect(screen.queryByText(en.rated)).toBeNull();
  });

  it("shows that the shopper's suggestion led to a change", async () => {
    const sori = new FakeSori();
    await sentAndListed(sori);
    sori.improvementDone('c1', 'Blue jars from May');
    await screen.findByText('Blue jars from May', { exact: false });
    expect(screen.getByText(`${en.changed}:`)).toBeTruthy();
  });

  it('lets the shopper skip the rating', async () => {
    const sori = new FakeSori();
    await sentAndListed(sori);
    sori.resolve('c1');
    fireEvent.click(await screen.findByRole('button', { name: en.skip }));
    await waitFor(() => expect(screen.queryByText(en.rateQuestion)).toBeNull());
    expect(sori.list[0]?.rating).toBeUndefined();
  });

  it('counts unread staff replies for the launcher, and marks them read once My messages shows them', async () => {
    const sori = new FakeSori();
    const unread: number[] = [];
    const onSubmissions = (submissions: Submission[]) => unread.push(submissions.reduce((n, s) => n + s.unread, 0));
    render(<Panel sori={sori} t={en} locale="en" open openCount={1} onClose={vi.fn()} onSubmissions={onSubmissions} />);
    sendComplaint('Any news?');
    await screen.findByText('SR-AB12-CD01');
    fireEvent.click(screen.getByRole('tab', { name: en.newMessage }));
    sori.staffReply('c1', 'Tomorrow.');
    await waitFor(() => expect(unread.at(-1)).toBe(1));
    expect(sori.list[0]?.unread).toBe(1);
    fireEvent.click(screen.getByRole('tab', { name: en.myMessages }));
    await waitFor(() => expect(sori.list[0]?.unread).toBe(0));
    await waitFor(() => expect(unread.at(-1)).toBe(0));
  });

  it('says when an answer is later than promised', async () => {
    const sori = new FakeSori();
    await sentAndListed(sori);
    sori.overdue('c1');
    await screen.findByText(en.late);
  });

  it('shows why a submission was refused, and sends it again as the shopper edited it', async () => {
    const sori = new FakeSori();
    await sentAndListed(sori);
    sori.reject('c1', 'message refused');
    await screen.findByText('message refused', { exact: false });
    fireEvent.click(await screen.findByRole('button', { name: en.resend }));
    // The form comes back with the refused text in it.
    const box = await screen.findByRole('textbox', { name: en.messageLabel });
    expect((box as HTMLTextAreaElement).value).toBe('The lid is missing.');
    expect((screen.getByRole('radio', { name: /Complaint/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.input(box, { target: { value: 'The lid of my order is missing.' } });
    fireEvent.click(screen.getByRole('button', { name: en.send }));
    await waitFor(() => expect(sori.list.map((s) => [s.message, s.sendState])).toEqual([['The lid of my order is missing.', 'accepted']]));
  });
});

describe('the shopper’s own data', () => {
  it('is deleted only after the shopper says yes, and then My messages is empty', async () => {
    const sori = new FakeSori();
    await sentAndListed(sori);
    fireEvent.click(await screen.findByRole('button', { name: en.deleteData }));
    expect(sori.erasures).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: en.no }));
    fireEvent.click(screen.getByRole('button', { name: en.deleteData }));
    fireEvent.click(screen.getByRole('button', { name: en.confirmYes }));
    await screen.findByText(en.deleted);
    expect(sori.erasures).toBe(1);
    await screen.findByText(en.empty);
  });
});
