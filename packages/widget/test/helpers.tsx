import { fireEvent, render, screen } from '@testing-library/preact';
import { vi, type Mock } from 'vitest';
import { Panel } from '../src/app/Panel.js';
import en, { type Strings } from '../src/locales/en.js';
import { FakeSori } from './fake-sori.js';

/** Draws the open panel over a fake SDK, in English unless told otherwise. */
export function renderPanel(sori = new FakeSori(), t: Strings = en, onClose: Mock<() => void> = vi.fn(), locale = 'en'): { sori: FakeSori; onClose: Mock<() => void> } {
  render(<Panel sori={sori} t={t} locale={locale} open openCount={1} onClose={onClose} />);
  return { sori, onClose };
}

/** Picks "Complaint", writes `text` and presses Send, as a shopper would. */
export function sendComplaint(text: string): void {
  fireEvent.click(screen.getByRole('radio', { name: 'Complaint' }));
  fireEvent.input(screen.getByRole('textbox', { name: 'Your message' }), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
}

/** Sends a complaint, waits for it to be accepted and opens My messages. */
export async function sentAndListed(sori: FakeSori): Promise<void> {
  renderPanel(sori);
  sendComplaint('The lid is missing.');
  await screen.findByText('SR-AB12-CD01');
  fireEvent.click(screen.getByRole('tab', { name: /My messages/ }));
}
