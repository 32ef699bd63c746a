import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Panel } from '../src/app/Panel.js';
import en from '../src/locales/en.js';
import ko from '../src/locales/ko.js';
import { FakeSori } from './fake-sori.js';

afterEach(cleanup);

function renderPanel(sori = new FakeSori(), t = en, onClose = vi.fn()) {
  render(<Panel sori={sori} t={t} locale="en" open openCount={1} onClose={onClose} />);
  return { sori, onClose };
}

async function sendComplaint(text: string) {
  fireEvent.click(screen.getByRole('radio', { name: 'Complaint' }));
  fireEvent.input(screen.getByRole('textbox', { name: 'Your message' }), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
}

describe('Panel', () => {
  it('sends a complaint and shows its tracking number and "Received" once accepted', async () => {
    const { sori } = renderPanel();
    expect(screen.getByRole('button', { name: 'Send' }).hasAttribute('disabled')).toBe(true);
    await sendComplaint('The jar arrived cracked.');
    await screen.findByText('SR-AB12-CD01');
    expect(screen.getByText('Received')).toBeTruthy();
    expect(sori.list[0]).toMatchObject({ kind: 'complaint', message: 'The jar arrived cracked.' });
  });

  it('says an item is saved while it cannot be sent yet', async () => {
    const sori = new FakeSori();
    sori.online = false;
    renderPanel(sori);
    await sendComplaint('Offline complaint');
    await screen.findByText(en.queued);
  });

  it('shows a staff reply live, without a reload', async () => {
    const { sori } = renderPanel();
    await sendComplaint('Where is my order?');
    await screen.findByText('SR-AB12-CD01');
    sori.staffReply('c1', 'It ships today.');
    await screen.findByText('It ships today.', { exact: false });
    expect(screen.getAllByText('Answered').length).toBeGreaterThan(0);
  });

  it('renders what people wrote as text, never as HTML', async () => {
    const { sori } = renderPanel();
    await sendComplaint('<img src=x onerror="alert(1)">');
    await screen.findByText('<img src=x onerror="alert(1)">');
    sori.staffReply('c1', '<b>bold?</b>');
    await screen.findByText('<b>bold?</b>', { exact: false });
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
  });

  it('speaks Korean with the Korean strings', () => {
    render(<Panel sori={new FakeSori()} t={ko} locale="ko" open openCount={1} onClose={vi.fn()} />);
    expect(screen.getByRole('radio', { name: '불만' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '보내기' })).toBeTruthy();
  });

  it('closes on Escape and is a labelled modal dialog', () => {
    const { onClose } = renderPanel();
    const dialog = screen.getByRole('dialog', { name: en.title });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('puts focus on the first choice when it opens', async () => {
    renderPanel();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Question' })));
  });
});

describe('My messages', () => {
  async function sentAndListed(sori: FakeSori) {
    render(<Panel sori={sori} t={en} locale="en" open openCount={1} onClose={vi.fn()} />);
    await sendComplaint('The lid is missing.');
    await screen.findByText('SR-AB12-CD01');
    fireEvent.click(screen.getByRole('tab', { name: /My messages/ }));
  }

  it("lets the shopper answer staff's question in the thread", async () => {
    const sori = new FakeSori();
    await sentAndListed(sori);
    sori.staffReply('c1', 'Which colour is it?');
    const box = await screen.findByRole('textbox', { name: en.replyLabel });
    fireEvent.input(box, { target: { value: 'The red one' } });
    fireEvent.click(screen.getByRole('button', { name: en.reply }));
    await screen.findByText('The red one', { exact: false });
    expect(sori.list[0]?.outgoing.map((m) => m.message)).toEqual(['The red one']);
  });

  it('asks for a rating after resolution and says a low score went back to the team', async () => {
    const sori = new FakeSori();
    await sentAndListed(sori);
    sori.resolve('c1');
    await screen.findByText(en.rateQuestion);
    fireEvent.click(screen.getByRole('radio', { name: '2' }));
    fireEvent.click(screen.getByRole('radio', { name: en.no }));
    fireEvent.click(screen.getByRole('button', { name: en.send }));
    await screen.findByText(en.reopened);
    expect(sori.list[0]?.rating).toEqual({ score: 2, wouldBuyAgain: false });
  });

  it('lets the shopper skip the rating', async () => {
    const sori = new FakeSori();
    await sentAndListed(sori);
    sori.resolve('c1');
    fireEvent.click(await screen.findByRole('button', { name: en.skip }));
    await waitFor(() => expect(screen.queryByText(en.rateQuestion)).toBeNull());
    expect(sori.list[0]?.rating).toBeUndefined();
  });

  it('marks staff replies read once My messages shows them', async () => {
    const sori = new FakeSori();
    render(<Panel sori={sori} t={en} locale="en" open openCount={1} onClose={vi.fn()} />);
    await sendComplaint('Any news?');
    await screen.findByText('SR-AB12-CD01');
    sori.staffReply('c1', 'Tomorrow.');
    await screen.findByRole('tab', { name: /My messages \(1\)/ });
    fireEvent.click(screen.getByRole('tab', { name: /My messages/ }));
    await waitFor(() => expect(sori.list[0]?.unread).toBe(0));
    await screen.findByRole('tab', { name: 'My messages' });
  });

  it('says when an answer is later than promised', async () => {
    const sori = new FakeSori();
    await sentAndListed(sori);
    sori.overdue('c1');
    await screen.findByText(en.late);
  });

  it('shows why an item was refused and sends it again', async () => {
    const sori = new FakeSori();
    await sentAndListed(sori);
    sori.reject('c1', 'message refused');
    fireEvent.click(await screen.findByRole('button', { name: en.resend }));
    await waitFor(() => expect(sori.list.map((i) => i.delivery)).toEqual(['accepted']));
  });
});

describe('locales', () => {
  it('have the same keys in English and Korean', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v).map((sub) => `${k}.${sub}`) : [k])).sort();
    expect(keys(ko)).toEqual(keys(en));
  });
});
