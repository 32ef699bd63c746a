import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { SoriError, type Item } from '@sori/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withOverrides } from '../src/app/overrides.js';
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
  it('sends a complaint and shows its tracking number, "Received" and when to expect an answer', async () => {
    const { sori } = renderPanel();
    await sendComplaint('The jar arrived cracked.');
    await screen.findByText('SR-AB12-CD01');
    expect(screen.getByText('Received')).toBeTruthy();
    // Relative, in the shopper's language (Intl.RelativeTimeFormat): the fake promises an hour.
    expect(screen.getByText("Expected answer in 1 hour")).toBeTruthy();
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

  it('counts unread staff replies for the launcher, and marks them read once My messages shows them', async () => {
    const sori = new FakeSori();
    const unread: number[] = [];
    const onItems = (items: Item[]) => unread.push(items.reduce((n, i) => n + i.unread, 0));
    render(<Panel sori={sori} t={en} locale="en" open openCount={1} onClose={vi.fn()} onItems={onItems} />);
    await sendComplaint('Any news?');
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

  it('shows why an item was refused, and sends it again as the shopper edited it', async () => {
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
    await waitFor(() => expect(sori.list.map((i) => [i.message, i.delivery])).toEqual([['The lid of my order is missing.', 'accepted']]));
  });
});

describe('The form', () => {
  it('gives each kind an icon and, once chosen, a line of help tied to the message box', () => {
    renderPanel();
    const complaint = screen.getByRole('radio', { name: 'Complaint' });
    // The icon is decoration: hidden from screen readers, so the name stays "Complaint".
    expect(complaint.closest('label')?.querySelector('[aria-hidden="true"]')?.textContent).toBe('😟');
    expect(screen.queryByText(en.help.complaint)).toBeNull();
    fireEvent.click(complaint);
    const help = screen.getByText(en.help.complaint);
    expect(screen.getByRole('textbox', { name: en.messageLabel }).getAttribute('aria-describedby')).toBe(help.id);
  });

  it('sends the optional product, order number and email with consent to be notified', async () => {
    const sori = new FakeSori();
    sori.products = ['Onggi jar 2 L', 'Lid'];
    renderPanel(sori);
    const product = (await screen.findByRole('combobox', { name: en.product })) as HTMLSelectElement;
    fireEvent.change(product, { target: { value: 'Lid' } });
    fireEvent.input(screen.getByRole('textbox', { name: en.orderRef }), { target: { value: 'A-1042' } });
    fireEvent.input(screen.getByRole('textbox', { name: en.email }), { target: { value: 'mina@example.com' } });
    fireEvent.click(screen.getByRole('checkbox', { name: en.consent }));
    await sendComplaint('The lid does not fit.');
    await waitFor(() => expect(sori.inputs).toHaveLength(1));
    expect(sori.inputs[0]).toMatchObject({
      kind: 'complaint',
      message: 'The lid does not fit.',
      product: 'Lid',
      orderRef: 'A-1042',
      contact: { email: 'mina@example.com', preference: 'email', consent: true },
    });
  });

  it('asks for a call back when a phone number comes with consent, and for nothing without consent', async () => {
    const sori = new FakeSori();
    renderPanel(sori);
    fireEvent.input(screen.getByRole('textbox', { name: en.phone }), { target: { value: '010-1234-5678' } });
    fireEvent.click(screen.getByRole('checkbox', { name: en.consent }));
    await sendComplaint('Please call me.');
    await waitFor(() => expect(sori.inputs).toHaveLength(1));
    expect(sori.inputs[0]?.contact).toMatchObject({ phone: '010-1234-5678', preference: 'phone', consent: true });

    cleanup();
    const quiet = new FakeSori();
    renderPanel(quiet);
    fireEvent.input(screen.getByRole('textbox', { name: en.email }), { target: { value: 'mina@example.com' } });
    await sendComplaint('Just telling you.');
    await waitFor(() => expect(quiet.inputs).toHaveLength(1));
    expect(quiet.inputs[0]?.contact).toEqual({ email: 'mina@example.com', phone: '' });
  });

  it('keeps the text and says why when the outbox refuses a new item', async () => {
    const sori = new FakeSori();
    sori.refuse = new SoriError('outbox_full', '500 items wait to be sent');
    const said = vi.spyOn(HTMLTextAreaElement.prototype, 'setCustomValidity');
    renderPanel(sori);
    await sendComplaint('One more thing');
    await waitFor(() => expect(said).toHaveBeenCalledWith('500 items wait to be sent'));
    expect((screen.getByRole('textbox', { name: en.messageLabel }) as HTMLTextAreaElement).value).toBe('One more thing');
    said.mockRestore();
  });

  it('sends nothing for a message of only spaces', async () => {
    const sori = new FakeSori();
    renderPanel(sori);
    await sendComplaint('    ');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sori.inputs).toEqual([]);
    expect((screen.getByRole('textbox', { name: en.messageLabel }) as HTMLTextAreaElement).value).toBe('');
  });
});

describe('string overrides (data-strings)', () => {
  it('replace a string, one entry of a group, and a string with a number in it', () => {
    const t = withOverrides(en, JSON.stringify({ title: 'Ask the shop', kinds: { praise: 'Kudos' }, unread: '{} unread' }));
    expect(t.title).toBe('Ask the shop');
    expect(t.kinds).toEqual({ ...en.kinds, praise: 'Kudos' });
    expect(t.unread(3)).toBe('3 unread');
    expect(t.send).toBe(en.send);
  });

  it('say so on the console when the JSON is broken, and keep the defaults', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(withOverrides(en, '{title:')).toEqual(en);
    expect(error.mock.calls[0]?.[0]).toMatch(/data-strings: SyntaxError/);
    error.mockRestore();
  });
});

describe('locales', () => {
  it('have the same keys in English and Korean', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v).map((sub) => `${k}.${sub}`) : [k])).sort();
    expect(keys(ko)).toEqual(keys(en));
  });
});
