import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SoriError } from '@sori/sdk';
import en from '../../src/locales/en.js';
import { FakeSori } from '../fake-sori.js';
import { renderPanel, sendComplaint } from '../helpers.js';

afterEach(cleanup);

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
    sendComplaint('The lid does not fit.');
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
    sendComplaint('Please call me.');
    await waitFor(() => expect(sori.inputs).toHaveLength(1));
    expect(sori.inputs[0]?.contact).toMatchObject({ phone: '010-1234-5678', preference: 'phone', consent: true });

    cleanup();
    const quiet = new FakeSori();
    renderPanel(quiet);
    fireEvent.input(screen.getByRole('textbox', { name: en.email }), { target: { value: 'mina@example.com' } });
    sendComplaint('Just telling you.');
    await waitFor(() => expect(quiet.inputs).toHaveLength(1));
    expect(quiet.inputs[0]?.contact).toEqual({ email: 'mina@example.com', phone: '' });
  });

  it('keeps the text and says why when the outbox refuses a new submission', async () => {
    const sori = new FakeSori();
    sori.refuse = new SoriError('outbox_full', '500 submissions wait to be sent');
    const said = vi.spyOn(HTMLTextAreaElement.prototype, 'setCustomValidity');
    renderPanel(sori);
    sendComplaint('One more thing');
    await waitFor(() => expect(said).toHaveBeenCalledWith('500 submissions wait to be sent'));
    expect((screen.getByRole('textbox', { name: en.messageLabel }) as HTMLTextAreaElement).value).toBe('One more thing');
    said.mockRestore();
  });

  it('sends nothing for a message of only spaces', async () => {
    const sori = new FakeSori();
    renderPanel(sori);
    sendComplaint('    ');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sori.inputs).toEqual([]);
    expect((screen.getByRole('textbox', { name: en.messageLabel }) as HTMLTextAreaElement).value).toBe('');
  });
});
