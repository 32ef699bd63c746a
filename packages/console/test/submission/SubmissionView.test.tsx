import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { aSubmission, type FakeDesk } from '../fake-desk.js';
import { fakeDesk, renderConsole } from '../helpers.js';

/** Opens one submission's page and waits for it. */
async function openSubmission(desk: FakeDesk, id: string) {
  renderConsole(desk, `/console/submissions/${id}`);
  await screen.findByRole('heading', { name: 'What the shopper wrote' });
}

describe('The submission view', () => {
  it('shows what the shopper wrote as text: markup stays words and a javascript: URL is no link', async () => {
    const desk = fakeDesk();
    const [s] = desk.add(
      aSubmission({
        message: '<img src=x onerror="alert(1)">Hello',
        pageUrl: 'javascript:alert(document.cookie)',
        context: { referrer: 'https://shop.example/jars?id=1', note: '<b>bold</b>' },
        contact: { name: '<script>x</script>' },
      }),
    );
    await openSubmission(desk, s?.id ?? '');
    expect(screen.getByText('<img src=x onerror="alert(1)">Hello')).toBeTruthy();
    expect(document.querySelector('img, script, b')).toBeNull();
    const page = screen.getByText('javascript:alert(document.cookie)');
    expect(page.closest('a')).toBeNull();
    expect(document.querySelector('a[href^="javascript:"]')).toBeNull();
    const referrer = screen.getByRole('link', { name: 'https://shop.example/jars?id=1' });
    expect(referrer.getAttribute('rel')).toBe('noopener noreferrer');
    expect(referrer.getAttribute('target')).toBe('_blank');
    expect(screen.getByText('<b>bold</b>')).toBeTruthy();
  });

  it('tells the timeline in words: who did what, and when', async () => {
    const desk = fakeDesk();
    const [s] = desk.add(aSubmission());
    if (!s) throw new Error('no submission');
    desk.record(s, 'routing', { actorId: 'u-mina', actorName: 'Mina', data: { from: null, to: 'logistics' } });
    desk.record(s, 'status', { actorId: 'u-jun', actorName: 'Jun', data: { from: 'received', to: 'in_progress' }, public: true });
    desk.record(s, 'assignment', { actorId: 'u-mina', actorName: 'Mina', data: { from: null, to: 'u-jun' } });
    desk.record(s, 'note', { actorId: 'u-jun', actorName: 'Jun', text: 'Called the courier.' });
    await openSubmission(desk, s.id);
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    expect(within(timeline).getByText('The shopper sent it')).toBeTruthy();
    expect(within(timeline).getByText('Mina routed it to Logistics')).toBeTruthy();
    expect(within(timeline).getByText('Jun changed the status: Received → In progress')).toBeTruthy();
    await waitFor(() => expect(within(timeline).getByText('Mina assigned it to Jun')).toBeTruthy());
    expect(within(timeline).getByText('Jun added a note')).toBeTruthy();
    expect(within(timeline).getByText('Called the courier.')).toBeTruthy();
    expect(within(timeline).getAllByText('Staff only').length).toBe(3);
  });

  it('offers only the statuses the lifecycle allows next, and closes only with a reason', async () => {
    const desk = fakeDesk();
    const [s] = desk.add(aSubmission({ status: 'resolved' }));
    await openSubmission(desk, s?.id ?? '');
    const status = screen.getByRole('group', { name: 'Status' });
    expect(within(status).getAllByRole('button').map((b) => b.textContent)).toEqual(['Reopen', 'Close…']);
    fireEvent.click(within(status).getByRole('button', { name: 'Close…' }));
    const confirm = screen.getByRole('button', { name: 'Close it' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.input(screen.getByLabelText('Why is it closed? The timeline keeps the reason.'), { target: { value: 'Duplicate of SR-1' } });
    await waitFor(() => expect(confirm.disabled).toBe(false));
    fireEvent.click(confirm);
    await screen.findByText('Mina changed the status: Resolved → Closed');
    expect(desk.requests.find((r) => r.method === 'PATCH')?.body).toEqual({ status: 'closed', reason: 'Duplicate of SR-1' });
    expect(within(screen.getByRole('group', { name: 'Status' })).getAllByRole('button').map((b) => b.textContent)).toEqual(['Reopen']);
    expect(screen.getByText('Reason: Duplicate of SR-1')).toBeTruthy();
  });

  it('classifies, routes and assigns to me in one press, each recorded in the timeline', async () => {
    const desk = fakeDesk();
    const [s] = desk.add(aSubmission({ kind: 'inquiry' }));
    await openSubmission(desk, s?.id ?? '');
    await waitFor(() => expect(screen.getAllByRole('option', { name: 'Logistics' }).length).toBeGreaterThan(0));
    fireEvent.change(screen.getByLabelText('Department'), { target: { value: 'logistics' } });
    await screen.findByText('Mina routed it to Logistics');
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'complaint' } });
    await screen.findByText('Mina classified it as Complaint');
    fireEvent.click(screen.getByRole('button', { name: /Assign to me/ }));
    await screen.findByText('Mina took it');
    expect(desk.submissions[0]).toMatchObject({ department: 'logistics', kind: 'complaint', assigneeId: 'u-mina' });
  });

  it('makes a shopper who wants a call back stand out, with the number', async () => {
    const desk = fakeDesk();
    const [s] = desk.add(aSubmission({ contact: { phone: '010-1234-5678', preference: 'phone', consent: true } }));
    await openSubmission(desk, s?.id ?? '');
    expect(screen.getByText('Wants a call back: 010-1234-5678')).toBeTruthy();
  });
});
