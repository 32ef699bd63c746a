import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n/i18n.js';
import { dateTime } from '../../src/i18n/format.js';
import { aSubmission } from '../fake-desk.js';
import { FakeFollowUps } from '../fake-follow-ups.js';
import { fakeDesk, renderConsole } from '../helpers.js';

/** Two resolved complaints to call back: one asked for a call, one did not rate and then rated 1. */
async function openFollowUps(title = 'Follow-up calls') {
  const desk = fakeDesk();
  const [caller, unhappy] = desk.add(
    aSubmission({ status: 'resolved', trackingNumber: 'SR-CALL-0001', message: 'The jar arrived cracked.', contact: { name: 'Sora', phone: '010-1234-5678', preference: 'phone' } }),
    aSubmission({ status: 'resolved', trackingNumber: 'SR-RATE-0002', message: 'The lid does not fit.' }),
  );
  const followUps = new FakeFollowUps(desk);
  followUps.add(caller as NonNullable<typeof caller>, 'call_back');
  followUps.add(unhappy as NonNullable<typeof unhappy>, 'not_rated', 'low_rating');
  renderConsole(desk, '/console/follow-ups');
  const list = await screen.findByRole('list', { name: title });
  await within(list).findByRole('link', { name: 'SR-CALL-0001' });
  return { desk, followUps, list };
}

/** The entry of `tracking` in the list. */
const entry = (list: HTMLElement, tracking: string) => within(list).getByRole('link', { name: tracking }).closest('li') as HTMLElement;

/** The outcomes the console sent, by submission id. */
const sent = (desk: ReturnType<typeof fakeDesk>) => desk.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/follow-ups')).map((r) => [r.path, r.body]);

describe('The follow-up calls', () => {
  it('list each complaint with why it is there, what the shopper wrote and a number to call', async () => {
    const { desk, list } = await openFollowUps();
    const caller = entry(list, 'SR-CALL-0001');
    expect(within(caller).getByRole('heading').textContent).toBe('SR-CALL-0001 · Asked for a call back');
    expect(within(caller).getByText('The jar arrived cracked.')).toBeTruthy();
    expect(within(caller).getByRole('link', { name: '010-1234-5678' }).getAttribute('href')).toBe('tel:01012345678');
    expect(within(caller).getByRole('link', { name: 'SR-CALL-0001' }).getAttribute('href')).toBe(`/console/submissions/${desk.submissions[0]?.id}`);
    const unhappy = entry(list, 'SR-RATE-0002');
    expect(within(unhappy).getByRole('heading').textContent).toBe('SR-RATE-0002 · Did not rate, Rated 2 or less');
    expect(within(unhappy).queryByText(/^Phone/)).toBeNull();
  });

  it('record a call that reached a satisfied shopper: it leaves the list', async () => {
    const { desk, list } = await openFollowUps();
    fireEvent.click(within(entry(list, 'SR-CALL-0001')).getByRole('button', { name: 'Reached, satisfied' }));
    await screen.findByText('Recorded.', { selector: '[role="status"]' });
    await waitFor(() => expect(within(list).queryByRole('link', { name: 'SR-CALL-0001' })).toBeNull());
    expect(sent(desk)).toEqual([[`/v1/desk/submissions/${desk.submissions[0]?.id}/follow-ups`, { outcome: 'reached_satisfied' }]]);
    expect(desk.submissions[0]?.status).toBe('resolved');
    expect(entry(list, 'SR-RATE-0002')).toBeTruthy();
  });

  it('reopen the complaint when the shopper was reached and is not satisfied, and say it is back in the inbox', async () => {
    const { desk, list } = await openFollowUps();
    fireEvent.click(within(entry(list, 'SR-RATE-0002')).getByRole('button', { name: 'Reached, not satisfied' }));
    await screen.findByText('Reopened: it is back in the inbox.', { selector: '[role="status"]' });
    await waitFor(() => expect(within(list).queryByRole('link', { name: 'SR-RATE-0002' })).toBeNull());
    expect(sent(desk)).toEqual([[`/v1/desk/submissions/${desk.submissions[1]?.id}/follow-ups`, { outcome: 'reached_not_satisfied' }]]);
    expect(desk.submissions[1]?.status).toBe('reopened');
  });

  it('keep one nobody answered on the list, with when the call was', async () => {
    const { desk, followUps, list } = await openFollowUps();
    fireEvent.click(within(entry(list, 'SR-CALL-0001')).getByRole('button', { name: 'No answer' }));
    await screen.findByText('Recorded.', { selector: '[role="status"]' });
    const at = followUps.followUps[0]?.lastOutcomeAt ?? '';
    await within(entry(list, 'SR-CALL-0001')).findByText(`Last call: No answer, ${dateTime(at)}`);
    expect(sent(desk)).toEqual([[`/v1/desk/submissions/${desk.submissions[0]?.id}/follow-ups`, { outcome: 'no_answer' }]]);
    expect(desk.submissions[0]?.status).toBe('resolved');
  });

  it('read in Korean, the time of the last call too', async () => {
    setLocale('ko');
    const { followUps, list } = await openFollowUps('해피콜');
    expect(within(entry(list, 'SR-RATE-0002')).getByRole('heading').textContent).toBe('SR-RATE-0002 · 평가 없음, 2점 이하');
    fireEvent.click(within(entry(list, 'SR-CALL-0001')).getByRole('button', { name: '받지 않음' }));
    await screen.findByText('기록했습니다.', { selector: '[role="status"]' });
    const at = followUps.followUps[0]?.lastOutcomeAt ?? '';
    await within(entry(list, 'SR-CALL-0001')).findByText(`마지막 통화: 받지 않음, ${dateTime(at, 'ko')}`);
  });

  it('say there is nobody to call back', async () => {
    const desk = fakeDesk();
    new FakeFollowUps(desk);
    renderConsole(desk, '/console/follow-ups');
    await screen.findByText('Nobody to call back.');
  });

  it('say why the list could not be loaded', async () => {
    const desk = fakeDesk();
    const followUps = new FakeFollowUps(desk);
    followUps.failure = { status: 500, code: 'internal', message: 'Something broke on our side' };
    renderConsole(desk, '/console/follow-ups');
    expect((await screen.findByRole('alert')).textContent).toBe('That did not work: Something broke on our side');
  });

  it('say why a call could not be recorded, keeping the entry', async () => {
    const { desk, list } = await openFollowUps();
    // Gone from the desk meanwhile (another site's now, or erased).
    desk.submissions.splice(0, 1);
    fireEvent.click(within(entry(list, 'SR-CALL-0001')).getByRole('button', { name: 'Reached, satisfied' }));
    await screen.findByText(/^That did not work: Submission s-\d+ not found$/, { selector: '[role="status"]' });
    expect(entry(list, 'SR-CALL-0001')).toBeTruthy();
  });
});
