import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { FakeEventSource } from '../fake-event-source.js';
import { aSubmission, type FakeDesk } from '../fake-desk.js';
import { fakeDesk, renderConsole } from '../helpers.js';

async function openSubmission(desk: FakeDesk, id: string) {
  renderConsole(desk, `/console/submissions/${id}`);
  await screen.findByRole('heading', { name: 'What the shopper wrote' });
}

const composer = () => document.querySelector('.composer') as HTMLElement;
const write = (text: string) => fireEvent.input(screen.getByRole('textbox', { name: /Reply to the shopper|Internal note/ }), { target: { value: text } });

/** Clicks a button once the page has drawn it enabled (state changes redraw on the next tick). */
async function press(name: string) {
  const button = screen.getByRole('button', { name }) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  fireEvent.click(button);
}

describe('The composer', () => {
  it('makes a reply and a note unmistakable: who will read it, and in which language the shopper wrote', async () => {
    const desk = fakeDesk();
    const [s] = desk.add(aSubmission({ locale: 'ko-KR' }));
    await openSubmission(desk, s?.id ?? '');
    expect(composer().className).toContain('composer--reply');
    expect(screen.getByText('The shopper will see this — they wrote in Korean.')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Reply to the shopper' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /Note/ }));
    expect(composer().className).toContain('composer--note');
    expect(screen.getByText('Only staff see notes.')).toBeTruthy();
    expect(screen.queryByText(/The shopper will see this/)).toBeNull();
    write('Checked with the warehouse.');
    await press('Add note');
    await screen.findByText('Mina added a note');
    expect(desk.timelines.get(s?.id ?? '')?.at(-1)).toMatchObject({ type: 'note', public: false, text: 'Checked with the warehouse.' });
  });

  it('stops a reply when someone wrote meanwhile, shows what came, and sends anyway with the newer event', async () => {
    const desk = fakeDesk();
    const [s] = desk.add(aSubmission());
    if (!s) throw new Error('no submission');
    await openSubmission(desk, s.id);
    const seen = desk.timelines.get(s.id)?.at(-1)?.id;
    write('We will send a new lid today.');
    // Jun answers while Mina writes; her page has not heard of it yet.
    const jun = desk.record(s, 'reply', { actorId: 'u-jun', actorName: 'Jun', text: 'A new lid is on its way.', public: true });
    await press('Send reply');
    const choice = await screen.findByRole('alertdialog', { name: 'Someone wrote while you were writing' });
    expect(choice.textContent).toContain('Jun replied');
    expect(choice.textContent).toContain('A new lid is on its way.');
    expect(desk.requests.filter((r) => r.path.endsWith('/replies')).map((r) => r.body)).toEqual([{ text: 'We will send a new lid today.', seenEventId: seen }]);
    fireEvent.click(screen.getByRole('button', { name: 'Send anyway' }));
    await screen.findByText('Reply sent.');
    expect(desk.requests.filter((r) => r.path.endsWith('/replies')).at(-1)?.body).toEqual({ text: 'We will send a new lid today.', seenEventId: jun.id });
    expect(desk.timelines.get(s.id)?.filter((e) => e.type === 'reply').map((e) => e.actorName)).toEqual(['Jun', 'Mina']);
  });

  it('lets the writer edit first after a stale answer: the draft stays, and the next send counts what they saw', async () => {
    const desk = fakeDesk();
    const [s] = desk.add(aSubmission());
    if (!s) throw new Error('no submission');
    await openSubmission(desk, s.id);
    write('Sorry about that.');
    desk.record(s, 'message', { author: 'reporter', text: 'Actually it arrived now.', public: true });
    await press('Send reply');
    await screen.findByRole('alertdialog');
    expect(screen.getByText('The shopper wrote')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Edit my text' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect((screen.getByRole('textbox', { name: 'Reply to the shopper' }) as HTMLTextAreaElement).value).toBe('Sorry about that.');
    write('Glad it arrived!');
    await press('Send reply');
    await screen.findByText('Reply sent.');
    expect(desk.timelines.get(s.id)?.at(-1)).toMatchObject({ type: 'reply', text: 'Glad it arrived!' });
  });

  it('inserts a canned reply with / at the start, only those for the kind and language, placeholders filled', async () => {
    const desk = fakeDesk();
    const [s] = desk.add(aSubmission({ kind: 'complaint', locale: 'ko-KR', trackingNumber: 'SR-7K2M-QX4P' }));
    const at = new Date().toISOString();
    desk.canned = [
      { id: 'c1', title: '사과', text: '{{name}}님, 불편을 드려 죄송합니다. 접수번호 {{trackingNumber}}', kind: 'complaint', locale: 'ko', createdAt: at, updatedAt: at },
      { id: 'c2', title: 'Thanks for the praise', text: 'Thank you!', kind: 'praise', createdAt: at, updatedAt: at },
      { id: 'c3', title: 'Sorry (English)', text: 'Sorry, {{name}}.', locale: 'en', createdAt: at, updatedAt: at },
      { id: 'c4', title: '확인 중', text: '확인 중입니다.', createdAt: at, updatedAt: at },
    ];
    await openSubmission(desk, s?.id ?? '');
    write('/');
    const titles = () => within(screen.getByRole('listbox', { name: 'Canned replies' })).queryAllByRole('option').map((o) => o.querySelector('strong')?.textContent);
    await waitFor(() => expect(titles()).toEqual(['사과', '확인 중']));
    write('/사과');
    await waitFor(() => expect(within(screen.getByRole('listbox', { name: 'Canned replies' })).getAllByRole('option')).toHaveLength(1));
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Reply to the shopper' }), { key: 'Enter', code: 'Enter' });
    await waitFor(() => expect((screen.getByRole('textbox', { name: 'Reply to the shopper' }) as HTMLTextAreaElement).value).toBe('고객님, 불편을 드려 죄송합니다. 접수번호 SR-7K2M-QX4P'));
    expect(screen.queryByRole('listbox', { name: 'Canned replies' })).toBeNull();
  });

  it('keeps a half-written reply through an ended session: sign in again and it goes out', async () => {
    const desk = fakeDesk();
    const [s] = desk.add(aSubmission());
    if (!s) throw new Error('no submission');
    await openSubmission(desk, s.id);
    write('Your refund is on its way.');
    desk.session = undefined;
    await press('Send reply');
    const dialog = await screen.findByRole('dialog', { name: 'Your session ended' });
    // Everything stays on the page behind the dialog, the draft too.
    expect((screen.getByRole('textbox', { name: 'Reply to the shopper', hidden: true }) as HTMLTextAreaElement).value).toBe('Your refund is on its way.');
    expect(JSON.parse(localStorage.getItem(`sori.console.draft.u-mina.${s.id}`) ?? '{}')).toMatchObject({ text: 'Your refund is on its way.', mode: 'reply' });
    expect((dialog.querySelector('input[type=email]') as HTMLInputElement).value).toBe('mina@example.com');
    fireEvent.input(dialog.querySelector('input[type=password]') as HTMLInputElement, { target: { value: desk.password } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByText('Reply sent.');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Your session ended' })).toBeNull());
    expect(desk.timelines.get(s.id)?.at(-1)).toMatchObject({ type: 'reply', text: 'Your refund is on its way.', actorName: 'Mina' });
    expect(localStorage.getItem(`sori.console.draft.u-mina.${s.id}`)).toBeNull();
  });

  it('brings a draft back when the submission is opened again', async () => {
    const desk = fakeDesk();
    const [s] = desk.add(aSubmission());
    await openSubmission(desk, s?.id ?? '');
    fireEvent.click(screen.getByRole('radio', { name: /Note/ }));
    write('Half a thought');
    fireEvent.click(screen.getByRole('link', { name: 'Back to the inbox' }));
    await screen.findByRole('heading', { name: 'Inbox' });
    fireEvent.click(await screen.findByRole('link', { name: /Complaint/ }));
    await screen.findByRole('heading', { name: 'What the shopper wrote' });
    expect((screen.getByRole('textbox', { name: 'Internal note' }) as HTMLTextAreaElement).value).toBe('Half a thought');
  });

  it('shows live who else is on the submission, and warns when someone else is replying', async () => {
    const desk = fakeDesk();
    const [s] = desk.add(aSubmission());
    await openSubmission(desk, s?.id ?? '');
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    FakeEventSource.latest.open();
    FakeEventSource.latest.send('presence', { submissionId: s?.id, users: [{ id: 'u-mina', name: 'Mina', state: 'viewing' }, { id: 'u-jun', name: 'Jun', state: 'replying' }] });
    expect(await screen.findByText('Jun is replying')).toBeTruthy();
    expect(screen.queryByText('Mina is viewing')).toBeNull();
    expect(screen.getByText('Jun is replying too. Agree who answers before you send.')).toBeTruthy();
    await waitFor(() => expect(desk.requests.find((r) => r.path.endsWith('/presence'))?.body).toEqual({ state: 'viewing' }));
    write('On it');
    await waitFor(() => expect(desk.requests.filter((r) => r.path.endsWith('/presence')).at(-1)?.body).toEqual({ state: 'replying' }));
  });
});
