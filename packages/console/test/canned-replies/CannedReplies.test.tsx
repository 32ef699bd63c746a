import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { fakeDesk, renderConsole } from '../helpers.js';

describe('Managing canned replies', () => {
  it('adds, edits and deletes a canned reply', async () => {
    const desk = fakeDesk();
    renderConsole(desk, '/console/canned-replies');
    await screen.findByText('No canned replies yet.');
    fireEvent.click(screen.getByRole('button', { name: 'Add a canned reply' }));
    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Late delivery' } });
    fireEvent.input(screen.getByLabelText('Text'), { target: { value: 'Sorry, {{name}}: {{trackingNumber}} is late.' } });
    fireEvent.change(screen.getByLabelText('Only for kind'), { target: { value: 'complaint' } });
    const save = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    fireEvent.click(save);
    const item = (await screen.findByRole('heading', { name: 'Late delivery' })).closest('li') as HTMLElement;
    expect(within(item).getByText('Complaint · Any language')).toBeTruthy();
    expect(desk.canned[0]).toMatchObject({ title: 'Late delivery', kind: 'complaint', text: 'Sorry, {{name}}: {{trackingNumber}} is late.' });

    fireEvent.click(within(item).getByRole('button', { name: 'Edit' }));
    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'Late parcel' } });
    await waitFor(() => expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Late parcel'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { name: 'Late parcel' });
    expect(desk.requests.find((r) => r.method === 'PATCH')?.body).toMatchObject({ title: 'Late parcel' });

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(screen.getByText('Delete “Late parcel”? Staff will no longer find it.')).toBeTruthy();
    fireEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Delete' }));
    await screen.findByText('No canned replies yet.');
    expect(desk.canned).toEqual([]);
  });
});
