import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { FakeAdmin } from '../fake-admin.js';
import { fakeDesk, renderConsole } from '../helpers.js';
import { server } from '../setup.js';

/** A fake desk whose first user (Mina) is an admin, with the owner's routes. */
function asAdmin() {
  const desk = fakeDesk();
  desk.users[0] = { ...desk.users[0]!, role: 'admin' };
  return { desk, admin: new FakeAdmin(desk) };
}

describe('The owner’s screens', () => {
  it('are hidden from an agent, and a link there says why without calling an admin route', async () => {
    const desk = fakeDesk();
    new FakeAdmin(desk);
    renderConsole(desk, '/console/settings/sites');
    await screen.findByRole('heading', { name: 'For admins only' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Sites' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Staff' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'API tokens' })).toBeTruthy();
    expect(desk.requests.some((r) => r.path.startsWith('/v1/desk/admin'))).toBe(false);
  });

  it('lists sites for an admin, from the nav', async () => {
    const { desk } = asAdmin();
    renderConsole(desk);
    fireEvent.click(await screen.findByRole('link', { name: 'Sites' }));
    const row = (await screen.findByRole('link', { name: 'Onggi shop' })).closest('tr') as HTMLElement;
    expect(row.textContent).toContain('pk_onggi');
    expect(row.textContent).toContain('https://onggi.example');
  });

  it('invites an agent to one site with a password shown once, refusing a bad email at the field', async () => {
    const { desk, admin } = asAdmin();
    renderConsole(desk, '/console/settings/staff');
    fireEvent.click(await screen.findByRole('button', { name: 'Invite someone' }));
    const form = screen.getByRole('form', { name: 'Invite someone' });
    fireEvent.input(within(form).getByLabelText('Email'), { target: { value: 'not-an-email' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Invite' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Write an email address, e.g. mina@example.com.');
    expect(within(form).getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');

    fireEvent.input(within(form).getByLabelText('Email'), { target: { value: 'sora@example.com' } });
    fireEvent.click(within(form).getByLabelText('Onggi shop'));
    fireEvent.click(within(form).getByRole('button', { name: 'Invite' }));
    const handover = await screen.findByRole('region', { name: 'Password for sora@example.com' });
    const password = within(handover).getByText(/^[a-zA-Z2-9]{16}$/).textContent ?? '';
    const invite = desk.requests.find((r) => r.method === 'POST' && r.path === '/v1/desk/admin/users');
    expect(invite?.body).toEqual({ email: 'sora@example.com', role: 'agent', siteIds: ['site-1'], password });
    expect(admin.users[0]).toMatchObject({ email: 'sora@example.com', siteIds: ['site-1'] });
    fireEvent.click(within(handover).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByText(password)).toBeNull();
  });

  it('disables a user only after asking, and enables them again', async () => {
    const { desk, admin } = asAdmin();
    admin.users.push({ id: 'u-jun', email: 'jun@example.com', name: 'Jun', role: 'agent', department: null, siteIds: ['site-1'], disabled: false, alerts: true, passwordSet: true, createdAt: new Date().toISOString() });
    renderConsole(desk, '/console/settings/staff');
    fireEvent.click(await screen.findByRole('button', { name: 'Disable Jun' }));
    expect(screen.getByRole('alert').textContent).toContain('Disable Jun? Their sessions and tokens stop at once.');
    expect(admin.users[0]?.disabled).toBe(false);
    fireEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Disable' }));
    await screen.findByRole('button', { name: 'Enable' });
    expect(admin.users[0]?.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Enable' }));
    await screen.findByRole('button', { name: 'Disable Jun' });
    expect(admin.users[0]?.disabled).toBe(false);
  });

  it('makes a token shown once, and revokes one after asking', async () => {
    const desk = fakeDesk();
    const admin = new FakeAdmin(desk);
    renderConsole(desk, '/console/settings/tokens');
    await screen.findByText('No tokens.');
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'zapier' } });
    fireEvent.click(screen.getByRole('button', { name: 'Make a token' }));
    const shown = await screen.findByRole('region', { name: 'Token “zapier”' });
    expect(within(shown).getByText('sori_secret_t-1')).toBeTruthy();
    const row = (await screen.findByRole('rowheader', { name: 'zapier' })).closest('tr') as HTMLElement;
    expect(row.textContent).toContain('Mina');
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke zapier' }));
    expect(admin.tokens).toHaveLength(1);
    fireEvent.click(within(within(row).getByRole('alert')).getByRole('button', { name: 'Revoke' }));
    await screen.findByText('No tokens.');
    expect(admin.tokens).toEqual([]);
    expect(desk.requests.some((r) => r.method === 'DELETE' && r.path === '/v1/desk/tokens/t-1')).toBe(true);
  });

  it('refuses a new password typed differently twice, and names a wrong current one at its field', async () => {
    const desk = fakeDesk();
    server.use(
      http.get('/v1/desk/session/preferences', () => HttpResponse.json({ alerts: true })),
      http.put('/v1/desk/session/password', () => HttpResponse.json({ error: { code: 'invalid', message: 'The current password is wrong', field: 'currentPassword' } }, { status: 400 })),
    );
    renderConsole(desk, '/console/account');
    const form = await screen.findByRole('form', { name: 'Change my password' });
    fireEvent.input(within(form).getByLabelText('Current password'), { target: { value: 'old password 1' } });
    fireEvent.input(within(form).getByLabelText('New password'), { target: { value: 'a new password 2' } });
    fireEvent.input(within(form).getByLabelText('New password again'), { target: { value: 'a new password 3' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('The two new passwords differ.');
    fireEvent.input(within(form).getByLabelText('New password again'), { target: { value: 'a new password 2' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(within(form).getByLabelText('Current password').getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByRole('alert').textContent).toBe('The current password is wrong');
    expect(await screen.findByLabelText('Email me alerts')).toBeTruthy();
  });

  it('says why the session ended when the server gives a reason (a disabled account)', async () => {
    const desk = fakeDesk();
    renderConsole(desk);
    await screen.findByRole('heading', { name: 'Inbox' });
    server.use(http.get('/v1/desk/tokens', () => HttpResponse.json({ error: { code: 'unauthorized', message: 'This account is disabled' } }, { status: 401 })));
    fireEvent.click(screen.getByRole('link', { name: 'API tokens' }));
    const dialog = await screen.findByRole('dialog', { name: 'Your session ended' });
    expect(within(dialog).getByRole('alert').textContent).toBe('The server said: This account is disabled');
  });
});

describe('Setting a password with an invitation token', () => {
  it('refuses two different passwords, then sets it with the token', async () => {
    const desk = fakeDesk();
    const sent: unknown[] = [];
    server.use(
      http.post('/v1/desk/session/setup', async ({ request }) => {
        sent.push(await request.json());
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderConsole(desk, '/console/', false);
    fireEvent.click(await screen.findByText('Invited? Set your password'));
    fireEvent.input(screen.getByLabelText('One-time token from your admin'), { target: { value: 'setup-token-1' } });
    fireEvent.input(screen.getByLabelText('Your new password'), { target: { value: 'my own password 1' } });
    fireEvent.input(screen.getByLabelText('The same password again'), { target: { value: 'my own password 2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set my password' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The two passwords differ.');
    fireEvent.input(screen.getByLabelText('The same password again'), { target: { value: 'my own password 1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set my password' }));
    await screen.findByText('Password set. Sign in above with your email and it.');
    expect(sent).toEqual([{ token: 'setup-token-1', password: 'my own password 1' }]);
  });
});

describe('Managing webhooks', () => {
  it('refuses a URL at the field, adds one with its secret shown once, sends a failed call again and deletes after asking', async () => {
    const { desk, admin } = asAdmin();
    renderConsole(desk, '/console/settings/webhooks');
    fireEvent.click(await screen.findByRole('button', { name: 'Add a webhook' }));
    const form = screen.getByRole('form', { name: 'Add a webhook' });
    fireEvent.input(within(form).getByLabelText('URL'), { target: { value: 'hooks.example.com' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Write a URL starting with https://.');
    expect(within(form).getByLabelText('URL').getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(within(form).getByLabelText('URL'), { target: { value: 'https://hooks.example.com/sori' } });
    fireEvent.click(within(form).getByLabelText('Rated'));
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const secret = await screen.findByRole('region', { name: 'Signing secret for https://hooks.example.com/sori' });
    expect(within(secret).getByText('whsec_shown_once')).toBeTruthy();
    expect(admin.webhooks[0]).toMatchObject({ siteId: 'site-1', url: 'https://hooks.example.com/sori' });
    expect(admin.webhooks[0]?.events).not.toContain('submission.rating');
    expect(admin.webhooks[0]?.events).toContain('submission.reply');

    admin.deliveries.set('w-1', [{ id: 7, channel: 'webhook', target: 'w-1', state: 'failed', attempts: 8, lastError: 'HTTP 500', createdAt: new Date().toISOString(), nextAttemptAt: new Date().toISOString(), deliveries: [] }]);
    const item = (await screen.findByRole('heading', { name: 'https://hooks.example.com/sori' })).closest('li') as HTMLElement;
    fireEvent.click(within(item).getByRole('button', { name: 'Delivery log' }));
    const row = (await within(item).findByText('HTTP 500')).closest('tr') as HTMLElement;
    expect(row.textContent).toContain('Failed');
    fireEvent.click(within(row).getByRole('button', { name: 'Send again' }));
    await within(item).findByText('Waiting');

    fireEvent.click(within(item).getByRole('button', { name: 'Delete' }));
    expect(admin.webhooks).toHaveLength(1);
    fireEvent.click(within(within(item).getByRole('alert')).getByRole('button', { name: 'Delete' }));
    await screen.findByText('No webhooks.');
    expect(admin.webhooks).toEqual([]);
  });
});
