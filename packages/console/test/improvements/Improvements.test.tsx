import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n/i18n.js';
import { aSubmission } from '../fake-desk.js';
import { FakeImprovements } from '../fake-improvements.js';
import { fakeDesk, renderConsole } from '../helpers.js';

/** A desk with two improvements: a lid seal (production; two complaints and a suggestion behind it) and a courier (logistics, planned). */
function seeded() {
  const desk = fakeDesk();
  const [leak, crack, idea, late] = desk.add(aSubmission(), aSubmission(), aSubmission({ kind: 'suggestion' }), aSubmission());
  const improvements = new FakeImprovements(desk);
  improvements.add({ title: 'Thicker lid seal', department: 'production', ownerId: 'u-jun', ownerName: 'Jun', submissionIds: [leak?.id ?? '', crack?.id ?? '', idea?.id ?? ''] });
  improvements.add({ title: 'Another courier', department: 'logistics', status: 'planned', submissionIds: [late?.id ?? ''] });
  return { desk, improvements };
}

/** The list item of the improvement titled `title`. */
const item = async (title: string) => (await screen.findByRole('heading', { name: new RegExp(`^${title} · `) })).closest('li') as HTMLElement;

describe('The improvements', () => {
  it('are listed per department, with the submissions and complaints behind each', async () => {
    const { desk } = seeded();
    renderConsole(desk, '/console/improvements');
    const production = await screen.findByRole('region', { name: 'Production' });
    expect(within(production).getByText('1 improvements · 3 submissions · 2 complaints')).toBeTruthy();
    expect(within(production).getByRole('heading', { name: 'Thicker lid seal · Proposed' })).toBeTruthy();
    expect(within(production).getByText(/^3 submissions behind it, 2 complaints/)).toBeTruthy();
    expect(within(production).getAllByRole('link', { name: /^Open / }).map((a) => a.getAttribute('href'))).toEqual(desk.submissions.slice(0, 3).map((s) => `/console/submissions/${s.id}`));
    const logistics = screen.getByRole('region', { name: 'Logistics' });
    expect(within(logistics).getByRole('heading', { name: 'Another courier · Planned' })).toBeTruthy();
    expect(within(logistics).getByText('1 improvements · 1 submissions · 1 complaints')).toBeTruthy();
  });

  it('says there are none yet, and where to start one', async () => {
    const desk = fakeDesk();
    new FakeImprovements(desk);
    renderConsole(desk, '/console/improvements');
    await screen.findByText('No improvements yet. Start one from a submission.');
  });

  it('move from proposed to planned to done, each step kept by the server', async () => {
    const { desk, improvements } = seeded();
    renderConsole(desk, '/console/improvements');
    const seal = await item('Thicker lid seal');
    expect(within(seal).getByText('Every linked shopper is told when it is done.')).toBeTruthy();
    fireEvent.click(within(seal).getByRole('button', { name: 'Mark Planned' }));
    await screen.findByRole('heading', { name: 'Thicker lid seal · Planned' });
    expect(improvements.improvements[0]?.status).toBe('planned');
    fireEvent.click(within(await item('Thicker lid seal')).getByRole('button', { name: 'Mark Done' }));
    const done = (await screen.findByRole('heading', { name: 'Thicker lid seal · Done' })).closest('li') as HTMLElement;
    expect(improvements.improvements[0]?.status).toBe('done');
    // Done is final: nothing to move it to, and the shoppers have been told.
    expect(within(done).queryByRole('button', { name: /^Mark / })).toBeNull();
    expect(within(done).queryByText('Every linked shopper is told when it is done.')).toBeNull();
  });

  it('decline only with a reason, which then shows beside it', async () => {
    const { desk, improvements } = seeded();
    renderConsole(desk, '/console/improvements');
    const seal = await item('Thicker lid seal');
    const decline = within(seal).getByRole('button', { name: 'Mark Declined' }) as HTMLButtonElement;
    expect(decline.disabled).toBe(true);
    // Spaces are no reason.
    fireEvent.input(within(seal).getByLabelText('Reason for declining'), { target: { value: '   ' } });
    await waitFor(() => expect(decline.disabled).toBe(true));
    fireEvent.input(within(seal).getByLabelText('Reason for declining'), { target: { value: '  The supplier makes no thicker seal ' } });
    await waitFor(() => expect(decline.disabled).toBe(false));
    fireEvent.click(decline);
    await screen.findByRole('heading', { name: 'Thicker lid seal · Declined' });
    expect(improvements.improvements[0]).toMatchObject({ status: 'declined', reason: 'The supplier makes no thicker seal' });
    expect(screen.getByText(/Reason for declining: The supplier makes no thicker seal$/)).toBeTruthy();
  });

  it('are edited in place, keeping the department and owner one did not change', async () => {
    const { desk, improvements } = seeded();
    renderConsole(desk, '/console/improvements');
    fireEvent.click(within(await item('Thicker lid seal')).getByRole('button', { name: 'Edit' }));
    const seal = await item('Thicker lid seal');
    expect((within(seal).getByLabelText('Department') as HTMLSelectElement).value).toBe('production');
    expect((within(seal).getByLabelText('Owner') as HTMLSelectElement).value).toBe('u-jun');
    fireEvent.input(within(seal).getByLabelText('Title'), { target: { value: 'Thicker seal on every lid' } });
    fireEvent.click(within(seal).getByRole('button', { name: 'Save' }));
    const saved = await item('Thicker seal on every lid');
    expect(improvements.improvements[0]).toMatchObject({ title: 'Thicker seal on every lid', department: 'production', ownerId: 'u-jun' });
    expect(within(saved).getByText(/Owner: Jun$/)).toBeTruthy();
  });

  it('says why the server refused a change, and keeps what it had', async () => {
    const { desk, improvements } = seeded();
    renderConsole(desk, '/console/improvements');
    const seal = await item('Thicker lid seal');
    // Someone else finished it meanwhile: done is final.
    Object.assign(improvements.improvements[0] ?? {}, { status: 'done' });
    fireEvent.click(within(seal).getByRole('button', { name: 'Mark Planned' }));
    await screen.findByText('That did not work: Cannot go from "done" to "planned"; allowed:', { selector: '[role="status"]' });
    expect(improvements.improvements[0]?.status).toBe('done');
    // Read again: the screen shows where it stands now, not the step it offered before.
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Thicker lid seal · Done' })).toBeTruthy());
    expect(within(seal).queryByRole('button', { name: 'Mark Planned' })).toBeNull();
  });

  it('reads in Korean', async () => {
    setLocale('ko');
    const { desk } = seeded();
    renderConsole(desk, '/console/improvements');
    const production = await screen.findByRole('region', { name: '생산' });
    expect(within(production).getByText('개선 과제 1건 · 접수 3건 · 불만 2건')).toBeTruthy();
    expect(within(production).getByRole('heading', { name: 'Thicker lid seal · 제안' })).toBeTruthy();
    expect(within(production).getByRole('button', { name: '계획(으)로 표시' })).toBeTruthy();
  });
});
