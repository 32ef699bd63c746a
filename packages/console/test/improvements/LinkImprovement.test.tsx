import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { aSubmission } from '../fake-desk.js';
import { FakeImprovements } from '../fake-improvements.js';
import { fakeDesk, renderConsole } from '../helpers.js';
import { server } from '../setup.js';

/** A complaint routed to production, open on its page, and the improvements of its site. */
async function openComplaint() {
  const desk = fakeDesk();
  const [complaint, other] = desk.add(aSubmission({ department: 'production' }), aSubmission());
  const improvements = new FakeImprovements(desk);
  improvements.add({ title: 'Another courier', department: 'logistics', submissionIds: [other?.id ?? ''] });
  improvements.add({ title: 'Glaze the inside', department: 'production', status: 'declined', reason: 'Too costly', submissionIds: [other?.id ?? ''] });
  renderConsole(desk, `/console/submissions/${complaint?.id}`);
  const section = await screen.findByRole('region', { name: 'Improvements' });
  await within(section).findByRole('option', { name: 'Another courier (Logistics)' });
  return { desk, improvements, complaint: complaint as NonNullable<typeof complaint>, section };
}

describe('Linking a submission to an improvement', () => {
  it('starts a new one in the submission’s department, and shows it beside the submission', async () => {
    const { improvements, complaint, section } = await openComplaint();
    expect((within(section).getByLabelText('Its department') as HTMLSelectElement).value).toBe('production');
    fireEvent.input(within(section).getByLabelText('Title of a new one'), { target: { value: 'Thicker lid seal' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Add to an improvement' }));
    await screen.findByText('Improvement started.', { selector: '[role="status"]' });
    expect(improvements.improvements.at(-1)).toMatchObject({ title: 'Thicker lid seal', department: 'production', submissionIds: [complaint.id] });
    expect(await within(section).findByRole('listitem')).toHaveProperty('textContent', 'Thicker lid seal · Proposed');
    // Ready for the next one: sending again would start a second.
    expect((within(section).getByLabelText('Title of a new one') as HTMLInputElement).value).toBe('');
  });

  it('adds it to an open improvement of its site, never to a declined one', async () => {
    const { improvements, complaint, section } = await openComplaint();
    expect(within(section).queryByRole('option', { name: /^Glaze the inside/ })).toBeNull();
    fireEvent.change(within(section).getByLabelText('Improvement'), { target: { value: 'i-1' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Add to an improvement' }));
    await screen.findByText('Added.', { selector: '[role="status"]' });
    expect(improvements.improvements[0]?.submissionIds).toContain(complaint.id);
    expect(await within(section).findByRole('listitem')).toHaveProperty('textContent', 'Another courier · Proposed');
    // Linked already: not offered again.
    await waitFor(() => expect(within(section).queryByRole('option', { name: 'Another courier (Logistics)' })).toBeNull());
    expect(improvements.improvements).toHaveLength(2);
  });

  it('asks at the field for a new one’s title, without asking the server', async () => {
    const { desk, improvements, section } = await openComplaint();
    fireEvent.input(within(section).getByLabelText('Title of a new one'), { target: { value: '   ' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Add to an improvement' }));
    expect((await within(section).findByRole('alert')).textContent).toBe('A new improvement needs a title.');
    const field = within(section).getByLabelText('Title of a new one');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe('improvement-title-error');
    expect(desk.requests.some((r) => r.method === 'POST' && r.path === '/v1/desk/improvements')).toBe(false);
    expect(improvements.improvements).toHaveLength(2);
  });

  it('says why the server refused a new one', async () => {
    const { improvements, section } = await openComplaint();
    server.use(http.post('/v1/desk/improvements', () => HttpResponse.json({ error: { code: 'invalid', message: 'No department "production" on this site', field: 'department' } }, { status: 400 })));
    fireEvent.input(within(section).getByLabelText('Title of a new one'), { target: { value: 'Thicker lid seal' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Add to an improvement' }));
    await screen.findByText('That did not work: No department "production" on this site', { selector: '[role="status"]' });
    expect(improvements.improvements).toHaveLength(2);
  });
});
