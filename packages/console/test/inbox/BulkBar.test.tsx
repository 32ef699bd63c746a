import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { aSubmission } from '../fake-desk.js';
import { fakeDesk, openInbox } from '../helpers.js';

const box = (tracking: string) => screen.getByRole('checkbox', { name: `Select ${tracking}` }) as HTMLInputElement;

describe('Bulk changes', () => {
  it('change every selected submission in ONE request and say how it went', async () => {
    const desk = fakeDesk();
    desk.add(...Array.from({ length: 30 }, () => aSubmission()));
    await openInbox(desk);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all loaded' }));
    await screen.findByText('30 selected');
    fireEvent.change(screen.getByLabelText('Change'), { target: { value: 'route' } });
    fireEvent.change(await screen.findByLabelText('To'), { target: { value: 'logistics' } });
    const apply = screen.getByRole('button', { name: 'Apply to all selected' }) as HTMLButtonElement;
    await waitFor(() => expect(apply.disabled).toBe(false));
    fireEvent.click(apply);
    await screen.findByText('30 changed, 0 already so, 0 failed.', { selector: 'p' });
    const bulk = desk.requests.filter((r) => r.path === '/v1/desk/submissions/bulk');
    expect(bulk).toHaveLength(1);
    expect(bulk[0]?.body).toEqual({ ids: desk.submissions.map((s) => s.id), change: { department: 'logistics' } });
    expect(desk.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(desk.submissions.every((s) => s.department === 'logistics')).toBe(true);
  });

  it('selects a range with shift-click, and keeps the failed ones selected with why', async () => {
    const desk = fakeDesk();
    const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
    const list = desk.add(
      aSubmission({ trackingNumber: 'SR-0001-AAAA', expectedResponseBy: hours(1) }),
      aSubmission({ trackingNumber: 'SR-0002-BBBB', status: 'in_progress', expectedResponseBy: hours(2) }),
      aSubmission({ trackingNumber: 'SR-0003-CCCC', expectedResponseBy: hours(3) }),
      aSubmission({ trackingNumber: 'SR-0004-DDDD', expectedResponseBy: hours(4) }),
    );
    await openInbox(desk);
    fireEvent.click(box('SR-0001-AAAA'));
    await screen.findByText('1 selected');
    fireEvent.click(box('SR-0003-CCCC'), { shiftKey: true });
    await screen.findByText('3 selected');
    expect(box('SR-0004-DDDD').checked).toBe(false);
    fireEvent.change(screen.getByLabelText('Change'), { target: { value: 'status' } });
    fireEvent.change(await screen.findByLabelText('To'), { target: { value: 'triaged' } });
    const apply = screen.getByRole('button', { name: 'Apply to all selected' }) as HTMLButtonElement;
    await waitFor(() => expect(apply.disabled).toBe(false));
    fireEvent.click(apply);
    // In progress cannot go back to triaged: that one fails, and says so.
    await screen.findByText('2 changed, 0 already so, 1 failed.', { selector: 'p' });
    expect(screen.getByText('SR-0002-BBBB: Not allowed from its status')).toBeTruthy();
    expect(desk.requests.filter((r) => r.path === '/v1/desk/submissions/bulk').map((r) => r.body)).toEqual([
      { ids: [list[0]?.id, list[1]?.id, list[2]?.id], change: { status: 'triaged' } },
    ]);
    await screen.findByText('1 selected');
    expect(box('SR-0002-BBBB').checked).toBe(true);
  });

  it('closes many only with a reason, sent with the change', async () => {
    const desk = fakeDesk();
    desk.add(aSubmission(), aSubmission());
    await openInbox(desk);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all loaded' }));
    fireEvent.change(await screen.findByLabelText('Change'), { target: { value: 'close' } });
    const apply = screen.getByRole('button', { name: 'Apply to all selected' }) as HTMLButtonElement;
    await waitFor(() => expect(screen.getByLabelText('Reason')).toBeTruthy());
    expect(apply.disabled).toBe(true);
    fireEvent.input(screen.getByLabelText('Reason'), { target: { value: 'Spam wave' } });
    await waitFor(() => expect(apply.disabled).toBe(false));
    fireEvent.click(apply);
    await screen.findByText('2 changed, 0 already so, 0 failed.', { selector: 'p' });
    expect(desk.requests.find((r) => r.path === '/v1/desk/submissions/bulk')?.body).toMatchObject({ change: { status: 'closed', reason: 'Spam wave' } });
    expect(desk.submissions.every((s) => s.status === 'closed' && s.closedReason === 'Spam wave')).toBe(true);
  });
});
