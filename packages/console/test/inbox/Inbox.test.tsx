import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../fake-event-source.js';
import { aSubmission } from '../fake-desk.js';
import { fakeDesk, openInbox } from '../helpers.js';

const rowOf = (tracking: string) => screen.getByText(tracking).closest('li') as HTMLElement;
const listed = () => screen.getAllByRole('checkbox', { name: /^Select SR-/ }).map((box) => box.getAttribute('aria-label')?.replace('Select ', ''));

describe('The inbox', () => {
  it('lists each submission with its kind, first line, product, age, who has it and its deadline', async () => {
    const desk = fakeDesk();
    desk.add(aSubmission({ message: 'The lid is cracked.\nPhotos attached.', product: 'Lid', assigneeId: 'u-jun', trackingNumber: 'SR-LID1-0001' }));
    await openInbox(desk);
    const row = rowOf('SR-LID1-0001');
    expect(within(row).getByText('Complaint')).toBeTruthy();
    expect(within(row).getByText('The lid is cracked.')).toBeTruthy();
    expect(within(row).queryByText(/Photos attached/)).toBeNull();
    expect(within(row).getByText('Lid')).toBeTruthy();
    expect(within(row).getByText('1 hour ago')).toBeTruthy();
    await waitFor(() => expect(within(row).getByText('Jun')).toBeTruthy());
    expect(within(row).getByText('Due in 3 hr')).toBeTruthy();
  });

  it('asks the server for open submissions due first by default, and shows each view’s count', async () => {
    const desk = fakeDesk();
    desk.add(aSubmission(), aSubmission({ assigneeId: 'u-mina' }), aSubmission({ spamReason: 'honeypot' }));
    await openInbox(desk);
    const list = desk.requests.find((r) => r.path === '/v1/desk/submissions');
    expect(Object.fromEntries(list?.query ?? [])).toMatchObject({ open: 'true', spam: 'false', sort: 'due', limit: '50' });
    const views = screen.getByRole('navigation', { name: 'Views' });
    await waitFor(() => expect(within(views).getByRole('button', { name: 'All open 2' })).toBeTruthy());
    expect(within(views).getByRole('button', { name: 'Spam 1' })).toBeTruthy();
    fireEvent.click(within(views).getByRole('button', { name: /^Mine/ }));
    await waitFor(() => expect(listed()).toHaveLength(1));
    expect(Object.fromEntries(desk.requests.filter((r) => r.path === '/v1/desk/submissions').at(-1)?.query ?? [])).toMatchObject({ open: 'true', assignee: 'me' });
    expect(within(views).getByRole('button', { name: /^Mine/ }).getAttribute('aria-current')).toBe('true');
  });

  it('sends filters and the search to the server, and clears them', async () => {
    const desk = fakeDesk();
    desk.add(aSubmission({ kind: 'praise', message: 'Lovely jar' }), aSubmission({ kind: 'complaint', message: 'Broken jar' }));
    await openInbox(desk);
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'praise' } });
    await waitFor(() => expect(listed()).toHaveLength(1));
    expect(desk.requests.filter((r) => r.path === '/v1/desk/submissions').at(-1)?.query.get('kind')).toBe('praise');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(listed()).toHaveLength(2));
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'broken' } });
    await waitFor(() => expect(listed()).toHaveLength(1), { timeout: 2000 });
    expect(desk.requests.filter((r) => r.path === '/v1/desk/submissions').at(-1)?.query.get('q')).toBe('broken');
  });

  it('keeps the chosen sort on this device, for the next visit', async () => {
    const desk = fakeDesk();
    desk.add(aSubmission({ receivedAt: '2024-01-01T00:00:00.000Z' }), aSubmission({ receivedAt: '2024-01-02T00:00:00.000Z' }));
    await openInbox(desk);
    fireEvent.change(screen.getByLabelText('Sort'), { target: { value: 'newest' } });
    await waitFor(() => expect(desk.requests.filter((r) => r.path === '/v1/desk/submissions').at(-1)?.query.get('sort')).toBe('newest'));
    expect(JSON.parse(localStorage.getItem('sori.console.inbox') ?? '{}')).toMatchObject({ sort: 'newest' });
    vi.resetModules();
    const fresh = await import('../../src/inbox/inbox-store.js');
    expect(fresh.sort.value).toBe('newest');
  });

  it('loads the next page with the cursor the server gave, keeping the filters', async () => {
    const desk = fakeDesk();
    desk.add(...Array.from({ length: 60 }, (_, i) => aSubmission({ expectedResponseBy: new Date(Date.now() + (i + 1) * 60_000 * 90).toISOString() })));
    await openInbox(desk);
    expect(listed()).toHaveLength(50);
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(listed()).toHaveLength(60));
    const more = desk.requests.filter((r) => r.path === '/v1/desk/submissions').at(-1);
    expect(more?.query.get('cursor')).toBe('50');
    expect(more?.query.get('open')).toBe('true');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('puts a new submission from the live stream where the sort puts it, and says it arrived', async () => {
    const desk = fakeDesk();
    const [soon, late] = desk.add(
      aSubmission({ trackingNumber: 'SR-SOON-0001', expectedResponseBy: new Date(Date.now() + 3_600_000 * 2).toISOString() }),
      aSubmission({ trackingNumber: 'SR-LATE-0001', expectedResponseBy: new Date(Date.now() + 3_600_000 * 9).toISOString() }),
    );
    await openInbox(desk);
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    FakeEventSource.latest.open();
    const middle = desk.add(aSubmission({ trackingNumber: 'SR-MIDL-0001', expectedResponseBy: new Date(Date.now() + 3_600_000 * 5).toISOString() }))[0];
    const event = desk.log.at(-1);
    FakeEventSource.latest.send('event', event, event?.id);
    await waitFor(() => expect(listed()).toEqual([soon?.trackingNumber, middle?.trackingNumber, late?.trackingNumber]));
    expect(screen.getByText('1 new submission')).toBeTruthy();
  });

  it('updates a row in place from the live stream, and marks one that left the view', async () => {
    const desk = fakeDesk();
    const [first, second] = desk.add(aSubmission({ trackingNumber: 'SR-ONE1-0001' }), aSubmission({ trackingNumber: 'SR-TWO2-0002' }));
    await openInbox(desk);
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    const source = FakeEventSource.latest;
    source.open();
    const assigned = desk.record(desk.change(first?.id ?? '', { assigneeId: 'u-jun', status: 'assigned' }), 'assignment', { data: { to: 'u-jun' } });
    const resolved = desk.record(desk.change(second?.id ?? '', { status: 'resolved' }), 'status', { data: { from: 'received', to: 'resolved' } });
    source.send('event', assigned, assigned.id);
    source.send('event', resolved, resolved.id);
    await waitFor(() => expect(within(rowOf('SR-ONE1-0001')).getByText('Assigned')).toBeTruthy());
    expect(within(rowOf('SR-ONE1-0001')).getByText('Jun')).toBeTruthy();
    expect(within(rowOf('SR-TWO2-0002')).getByText('No longer in this view')).toBeTruthy();
    expect(listed()).toEqual(['SR-ONE1-0001', 'SR-TWO2-0002']);
  });
});
