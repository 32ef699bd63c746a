import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { FakeAdmin } from '../fake-admin.js';
import { fakeDesk, renderConsole } from '../helpers.js';

/** The console signed in as an admin, on the settings of the fake's site. */
async function openSite() {
  const desk = fakeDesk();
  desk.users[0] = { ...desk.users[0]!, role: 'admin' };
  const admin = new FakeAdmin(desk);
  renderConsole(desk, '/console/settings/sites/site-1');
  await screen.findByRole('heading', { name: 'Settings of Onggi shop' });
  const section = (name: string) => screen.getByRole('heading', { name }).closest('section') as HTMLElement;
  return { desk, admin, section };
}

describe('Editing a site', () => {
  it('says at the field why an origin is refused, and sends a good one', async () => {
    const { desk, admin, section } = await openSite();
    const origins = section('Allowed origins');
    const field = within(origins).getByLabelText('Add an origin');
    fireEvent.input(field, { target: { value: 'https://shop.example.com/cart' } });
    fireEvent.click(within(origins).getByRole('button', { name: 'Add' }));
    expect((await within(origins).findByRole('alert')).textContent).toBe('Only the scheme and host: leave out the path, query and anything after the host.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe('origin-error');
    expect(desk.requests.some((r) => r.method === 'PATCH')).toBe(false);

    // The server's refusal lands at the same field.
    fireEvent.input(field, { target: { value: 'https://nowhere.invalid' } });
    fireEvent.click(within(origins).getByRole('button', { name: 'Add' }));
    expect((await within(origins).findByRole('alert')).textContent).toBe('That host does not resolve');

    fireEvent.input(field, { target: { value: 'https://second.example' } });
    fireEvent.click(within(origins).getByRole('button', { name: 'Add' }));
    await within(origins).findByText('https://second.example');
    expect(admin.sites[0]?.origins).toEqual(['https://onggi.example', 'https://second.example']);
    expect(desk.requests.filter((r) => r.method === 'PATCH').at(-1)?.body).toEqual({ addOrigins: ['https://second.example'] });
  });

  it('asks before the last origin goes, and says so to the server', async () => {
    const { desk, admin, section } = await openSite();
    const origins = section('Allowed origins');
    fireEvent.click(within(origins).getByRole('button', { name: 'Remove https://onggi.example' }));
    const confirm = await within(origins).findByRole('alertdialog');
    expect(confirm.textContent).toContain('is the last allowed origin');
    expect(desk.requests.some((r) => r.method === 'PATCH')).toBe(false);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove it anyway' }));
    await within(origins).findByText('No allowed origin: the widget cannot send anything.');
    expect(desk.requests.filter((r) => r.method === 'PATCH').at(-1)?.body).toEqual({ removeOrigins: ['https://onggi.example'], confirmNoOrigins: true });
    expect(admin.sites[0]?.origins).toEqual([]);
  });

  it('refuses closing before opening at that day, then saves the week, the zone and a holiday', async () => {
    const { desk, admin, section } = await openSite();
    const hours = section('Business hours');
    fireEvent.click(within(hours).getByLabelText('Answer only within business hours'));
    fireEvent.input(within(hours).getByLabelText('Time zone'), { target: { value: 'Asia/Seoul' } });
    fireEvent.input(within(hours).getByLabelText('Monday closes at'), { target: { value: '08:00' } });
    fireEvent.click(within(hours).getByRole('button', { name: 'Save business hours' }));
    expect((await within(hours).findByRole('alert')).textContent).toBe('Closing must come after opening.');
    expect(within(hours).getByLabelText('Monday closes at').getAttribute('aria-invalid')).toBe('true');
    expect(desk.requests.some((r) => r.method === 'PATCH')).toBe(false);

    fireEvent.input(within(hours).getByLabelText('Monday closes at'), { target: { value: '17:30' } });
    fireEvent.input(within(hours).getByLabelText('Add a holiday'), { target: { value: '2026-12-25' } });
    fireEvent.click(within(hours).getAllByRole('button', { name: 'Add' })[0]!);
    fireEvent.click(within(hours).getByRole('button', { name: 'Save business hours' }));
    await waitFor(() => expect(admin.sites[0]?.settings.businessHours).toBeDefined());
    expect(admin.sites[0]?.settings.businessHours).toEqual({
      timeZone: 'Asia/Seoul',
      weekly: { mon: [{ from: '09:00', to: '17:30' }], tue: [{ from: '09:00', to: '18:00' }], wed: [{ from: '09:00', to: '18:00' }], thu: [{ from: '09:00', to: '18:00' }], fri: [{ from: '09:00', to: '18:00' }] },
      holidays: ['2026-12-25'],
    });
  });

  it('keeps a lunch break: a second span of a day is added, refused when it overlaps, and saved', async () => {
    const { desk, admin, section } = await openSite();
    const hours = section('Business hours');
    fireEvent.click(within(hours).getByLabelText('Answer only within business hours'));
    fireEvent.input(within(hours).getByLabelText('Time zone'), { target: { value: 'Asia/Seoul' } });
    fireEvent.input(within(hours).getByLabelText('Monday closes at'), { target: { value: '12:00' } });
    fireEvent.click(within(hours).getByRole('button', { name: 'Add opening hours to Monday' }));
    fireEvent.input(within(hours).getByLabelText('Monday opens again at (2)'), { target: { value: '11:00' } });
    fireEvent.click(within(hours).getByRole('button', { name: 'Save business hours' }));
    expect((await within(hours).findByRole('alert')).textContent).toBe('Two spans of the same day overlap.');
    expect(desk.requests.some((r) => r.method === 'PATCH')).toBe(false);

    fireEvent.input(within(hours).getByLabelText('Monday opens again at (2)'), { target: { value: '13:00' } });
    fireEvent.input(within(hours).getByLabelText('Monday closes again at (2)'), { target: { value: '18:00' } });
    fireEvent.click(within(hours).getByRole('button', { name: 'Save business hours' }));
    await waitFor(() => expect(admin.sites[0]?.settings.businessHours?.weekly.mon).toEqual([{ from: '09:00', to: '12:00' }, { from: '13:00', to: '18:00' }]));
  });

  it('shows every span a day already has, so saving the hours loses none', async () => {
    const desk = fakeDesk();
    desk.users[0] = { ...desk.users[0]!, role: 'admin' };
    const admin = new FakeAdmin(desk);
    const split = { timeZone: 'Asia/Seoul', weekly: { tue: [{ from: '13:00', to: '18:00' }, { from: '09:00', to: '12:00' }] }, holidays: [] };
    admin.sites[0]!.settings = { ...admin.sites[0]!.settings, businessHours: split };
    renderConsole(desk, '/console/settings/sites/site-1');
    await screen.findByRole('heading', { name: 'Settings of Onggi shop' });
    const hours = screen.getByRole('heading', { name: 'Business hours' }).closest('section') as HTMLElement;
    expect((within(hours).getByLabelText('Tuesday opens again at (2)') as HTMLInputElement).value).toBe('09:00');
    fireEvent.click(within(hours).getByRole('button', { name: 'Remove Tuesday’s hours (1)' }));
    fireEvent.click(within(hours).getByRole('button', { name: 'Add opening hours to Tuesday' }));
    fireEvent.input(within(hours).getByLabelText('Tuesday opens again at (2)'), { target: { value: '14:00' } });
    fireEvent.input(within(hours).getByLabelText('Tuesday closes again at (2)'), { target: { value: '19:00' } });
    fireEvent.click(within(hours).getByRole('button', { name: 'Save business hours' }));
    await waitFor(() => expect(admin.sites[0]?.settings.businessHours?.weekly).toEqual({ tue: [{ from: '09:00', to: '12:00' }, { from: '14:00', to: '19:00' }] }));
  });

  it('routes complaints to customer service and a product elsewhere, with round-robin', async () => {
    const { admin, section } = await openSite();
    const routing = section('Routing');
    fireEvent.change(within(routing).getByLabelText('Complaint goes to'), { target: { value: 'customer_service' } });
    fireEvent.change(within(routing).getByLabelText('Onggi jar 2 L goes to'), { target: { value: 'production' } });
    fireEvent.click(within(routing).getByLabelText('Also assign it in turn to the department’s active agents'));
    fireEvent.click(within(routing).getByRole('button', { name: 'Save routing' }));
    await waitFor(() => expect(admin.sites[0]?.settings.routing).toEqual({ byKind: { complaint: 'customer_service' }, byProduct: { 'Onggi jar 2 L': 'production' }, roundRobin: true }));
    // The change is in the site's history, by whom and what.
    await within(section('Changes')).findByText(/Mina, changed/);
    expect(section('Changes').textContent).toContain('routing');
  });

  it('takes service standards in hours and refuses a resolution due before the first answer', async () => {
    const { admin, section } = await openSite();
    const targets = section('Service standards');
    fireEvent.input(within(targets).getByLabelText('Complaint: First response within'), { target: { value: '2' } });
    fireEvent.input(within(targets).getByLabelText('Complaint: Resolved within'), { target: { value: '1' } });
    fireEvent.click(within(targets).getByRole('button', { name: 'Save service standards' }));
    expect((await within(targets).findByRole('alert')).textContent).toBe('Resolution cannot be due before the first response.');
    fireEvent.input(within(targets).getByLabelText('Complaint: Resolved within'), { target: { value: '24' } });
    fireEvent.input(within(targets).getByLabelText('Inquiry: First response within'), { target: { value: '0.5' } });
    fireEvent.click(within(targets).getByRole('button', { name: 'Save service standards' }));
    await waitFor(() => expect(admin.sites[0]?.settings.slaMinutes).toEqual({ complaint: 120, inquiry: 30 }));
    expect(admin.sites[0]?.settings.resolutionMinutes).toEqual({ complaint: 1440 });
  });

  it('adds pasted products, renames a default department, and shows the script tag', async () => {
    const { admin, section } = await openSite();
    const general = section('Site and offer');
    fireEvent.click(within(general).getAllByRole('button', { name: 'Paste a list…' })[0]!);
    fireEvent.input(within(general).getByLabelText('One per line (commas work too). Repeats are left out.'), { target: { value: 'Lid\nOnggi jar 2 L\nSpoon' } });
    fireEvent.click(within(general).getByRole('button', { name: 'Add 2' }));
    fireEvent.click(within(general).getByRole('button', { name: 'Rename Customer service' }));
    fireEvent.input(within(general).getByRole('textbox', { name: 'Rename Customer service' }), { target: { value: 'CS team' } });
    fireEvent.click(within(general).getByRole('button', { name: 'Rename' }));
    fireEvent.click(within(general).getByRole('button', { name: 'Save site and offer' }));
    await waitFor(() => expect(admin.sites[0]?.settings.products).toEqual(['Onggi jar 2 L', 'Lid', 'Spoon']));
    expect(admin.sites[0]?.settings.departments).toEqual(['rnd', 'production', 'marketing', 'sales', 'logistics', 'CS team']);
    expect(section('Script tag').textContent).toContain('data-site="pk_onggi"');
  });
});
