import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { fakeDesk, renderConsole } from '../helpers.js';

function signInAs(email: string, password: string) {
  fireEvent.input(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('Signing in', () => {
  it('says the email or password is wrong on a 401, and lets the person try again', async () => {
    const desk = fakeDesk();
    renderConsole(desk, '/console/', false);
    await screen.findByRole('heading', { name: 'Sign in to the Sori console' });
    signInAs('mina@example.com', 'wrong password');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
    signInAs('mina@example.com', desk.password);
    expect(await screen.findByRole('heading', { name: 'Inbox' })).toBeTruthy();
    expect(screen.getByText('Signed in as Mina')).toBeTruthy();
  });

  it('says how long to wait when rate limited, and keeps the button off until then', async () => {
    const desk = fakeDesk();
    desk.rateLimitFor = 42;
    renderConsole(desk, '/console/', false);
    await screen.findByRole('heading', { name: 'Sign in to the Sori console' });
    signInAs('mina@example.com', desk.password);
    expect((await screen.findByRole('alert')).textContent).toBe('Too many tries. Try again in 42 s.');
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: desk.password } });
    expect((screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the inbox at once when a session still lives, and signs out', async () => {
    const desk = fakeDesk();
    renderConsole(desk);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { name: 'Sign in to the Sori console' });
    expect(desk.session).toBeUndefined();
  });

  it('sends the CSRF token it was given on every write', async () => {
    const desk = fakeDesk();
    renderConsole(desk);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(desk.requests.some((r) => r.method === 'DELETE')).toBe(true));
    const signOut = desk.requests.find((r) => r.method === 'DELETE' && r.path === '/v1/desk/session');
    expect(signOut?.csrf).toBe(desk.csrf);
  });
});
