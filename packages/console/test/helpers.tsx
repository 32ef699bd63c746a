import { render, screen } from '@testing-library/preact';
import { App } from '../src/App.js';
import { FakeDesk } from './fake-desk.js';
import { server } from './setup.js';

/** A fake desk server answering this test's requests. */
export function fakeDesk(): FakeDesk {
  const desk = new FakeDesk();
  server.use(...desk.handlers());
  return desk;
}

/** Draws the whole console at `path` (signed in as Mina unless told otherwise). */
export function renderConsole(desk: FakeDesk, path = '/console/', signedIn = true): void {
  if (signedIn) desk.session = desk.users[0];
  history.replaceState(null, '', path);
  render(<App />);
}

/** Draws the console on the inbox and waits for its rows. */
export async function openInbox(desk: FakeDesk): Promise<void> {
  renderConsole(desk);
  await screen.findByRole('heading', { name: 'Inbox' });
  if (desk.submissions.length) await screen.findAllByRole('checkbox', { name: /^Select SR-/ });
}

/** Presses a key where nothing takes typing (the page). */
export function press(key: string, init: KeyboardEventInit = {}, target: Element = document.body): void {
  const code = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : key === '?' ? 'Slash' : key;
  target.dispatchEvent(new KeyboardEvent('keydown', { key, code, bubbles: true, cancelable: true, ...init }));
}
