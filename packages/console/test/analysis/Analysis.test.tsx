import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n/i18n.js';
import { FakeAnalysis } from '../fake-analysis.js';
import type { FakeDesk } from '../fake-desk.js';
import { fakeDesk, renderConsole } from '../helpers.js';

/** Opens the analysis and waits for its figures. */
async function openAnalysis(): Promise<{ desk: FakeDesk; analysis: FakeAnalysis }> {
  const desk = fakeDesk();
  const analysis = new FakeAnalysis(desk);
  renderConsole(desk, '/console/analysis');
  await screen.findByText('20 submissions');
  return { desk, analysis };
}

/** A table as a screen reader reads it: the header row, then a row of cells per figure. */
const read = (name: string): string[][] =>
  within(screen.getByRole('table', { name }))
    .getAllByRole('row')
    .map((row) => within(row).queryAllByRole(/^(columnheader|rowheader|cell)$/).map((cell) => cell.textContent ?? ''));

/** The analysis calls the console made, their queries as plain objects. */
const asked = (desk: FakeDesk) => desk.requests.filter((r) => r.path === '/v1/desk/analysis').map((r) => Object.fromEntries(r.query));

describe('The analysis', () => {
  it('shows the counts per kind, the first-response bands beside the survey and each recovery segment with count and share', async () => {
    await openAnalysis();
    expect(read('By kind')).toEqual([
      ['By kind', 'Count'],
      ['Inquiry', '6'],
      ['Complaint', '8'],
      ['Praise', '4'],
      ['Suggestion', '2'],
    ]);
    expect(read('First response')).toEqual([
      ['First response', 'Count', 'Share', 'Web shops surveyed'],
      ['Within 1 hour', '5', '25 %', '12 %'],
      ['Within 24 hours', '7', '35 %', '24 %'],
      ['Within a week', '4', '20 %', 'no data'],
      ['Over a week', '1', '5 %', '19 %'],
      ['Never', '3', '15 %', '40 %'],
    ]);
    const recovery = read('Service recovery');
    expect(recovery[0]).toEqual(['Segment', 'Count', 'Share', 'Ratings', 'Satisfaction', 'Would buy again', 'Reference', 'Follow-up calls']);
    expect(recovery.slice(1).map((row) => row.slice(0, 7))).toEqual([
      ['No complaint', '12', '60 %', '4', '4.5', '75 %', 'no data'],
      ['Resolved within target', '5', '25 %', '4', '4.25', '100 %', '95 %'],
      ['Resolved late', '3', '15 %', '2', '3', '50 %', '85 %'],
      // Nobody in it rated: no data, never "0 %".
      ['Unresolved', '0', '0 %', '0', 'no data', 'no data', 'no data'],
    ]);
    expect(recovery[3]?.[7]).toBe('Reached, satisfied 1, Reached, not satisfied 1, No answer 1');
  });

  it('gives every chart a table a screen reader reads, the drawing hidden from it', async () => {
    await openAnalysis();
    const charts = screen.getAllByRole('region').filter((region) => region.querySelector('svg'));
    expect(charts.map((chart) => within(chart).getByRole('heading').textContent)).toEqual([
      'By kind',
      'Volume by kind over time',
      'Product × kind',
      'By department',
      'First response',
      'Service recovery',
      'Satisfaction (1–5)',
    ]);
    for (const chart of charts) {
      expect(chart.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
      expect(within(chart).getByRole('table')).toBeTruthy();
    }
    expect(read('Product × kind')).toEqual([
      ['Product × kind', 'Inquiry', 'Complaint', 'Praise', 'Suggestion'],
      ['Onggi jar 2 L', '3', '5', '0', '0'],
      ['Lid', '0', '2', '0', '0'],
      ['No product', '3', '1', '4', '2'],
    ]);
    expect(read('By department').slice(1)).toEqual([
      ['Customer service', '8', '5'],
      ['Logistics', '6', '3'],
      ['Not routed', '6', '0'],
    ]);
  });

  it('links a figure to the inbox listing exactly its submissions', async () => {
    const { desk } = await openAnalysis();
    const { from, to } = asked(desk)[0] ?? {};
    const late = within(screen.getByRole('table', { name: 'Service recovery' })).getByRole('link', { name: 'Resolved late' });
    expect(late.getAttribute('href')).toBe(`/console/?${new URLSearchParams({ from: from ?? '', to: to ?? '', segment: 'resolved_late' })}`);
    fireEvent.click(late);
    await screen.findByText('From the analysis: the submissions behind one figure.');
    // Exactly that figure's query: no view's filter ("open only") narrows it further.
    await waitFor(() => expect(desk.requests.some((r) => r.path === '/v1/desk/submissions')).toBe(true));
    const list = desk.requests.find((r) => r.path === '/v1/desk/submissions');
    expect(Object.fromEntries(list?.query ?? [])).toEqual({ from, to, segment: 'resolved_late', sort: 'due', limit: '50' });
  });

  it('links each figure of the product × kind table, not only the drawing a screen reader skips', async () => {
    const { desk } = await openAnalysis();
    const { from, to } = asked(desk)[0] ?? {};
    const table = screen.getByRole('table', { name: 'Product × kind' });
    const row = within(table).getByRole('rowheader', { name: 'Lid' }).closest('tr') as HTMLElement;
    expect(within(row).getByRole('link', { name: '2' }).getAttribute('href')).toBe(`/console/?${new URLSearchParams({ from: from ?? '', to: to ?? '', product: 'Lid', kind: 'complaint' })}`);
    // A product × kind with no submissions has nothing to list.
    expect(within(row).queryAllByRole('link')).toHaveLength(1);
  });

  it('asks the server again for a new range, interval and comparison, and shows what it answers', async () => {
    const { desk } = await openAnalysis();
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-02' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-15' } });
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'week' } });
    await waitFor(() => expect(read('Volume by kind over time').slice(1).map((row) => row[0])).toEqual(['2026-03-02', '2026-03-09']));
    expect(asked(desk).at(-1)).toEqual({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z', interval: 'week' });

    fireEvent.click(screen.getByLabelText('Compare with the previous period'));
    await screen.findByText('20 submissions · previous period: 18');
    expect(asked(desk).at(-1)).toEqual({ from: '2026-03-02T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z', interval: 'week', compare: 'true' });
    expect(read('By kind')[2]).toEqual(['Complaint', '8', '10']);
  });

  it('asks for one site’s figures when the user works on more than one', async () => {
    const desk = fakeDesk();
    desk.sites.push({ id: 'site-2', name: 'Jang shop', departments: ['logistics'], products: [], kinds: ['complaint'] });
    new FakeAnalysis(desk);
    renderConsole(desk, '/console/analysis');
    await screen.findByText('20 submissions');
    fireEvent.change(await screen.findByLabelText('Site'), { target: { value: 'site-2' } });
    await waitFor(() => expect(asked(desk).at(-1)?.['siteId']).toBe('site-2'));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'By kind' })).getByRole('link', { name: 'Complaint' }).getAttribute('href')).toContain('siteId=site-2'));
  });

  it('offers each table as CSV, named, for the range shown', async () => {
    const { desk } = await openAnalysis();
    const query = asked(desk)[0] ?? {};
    const links = screen.getAllByRole('link', { name: /^Download CSV/ });
    // Each named for its table, so a list of the page's links tells them apart.
    expect(links.map((link) => link.textContent)).toEqual(['Download CSV: Volume by kind over time', 'Download CSV: Product × kind', 'Download CSV: By department', 'Download CSV: First response', 'Download CSV: First responses on time', 'Download CSV: Service recovery', 'Download CSV: Satisfaction (1–5)', 'Download CSV: Comments']);
    const downloads = links.map((link) => new URL(link.getAttribute('href') ?? '', location.href));
    expect(downloads.every((url) => url.pathname === '/v1/desk/analysis.csv')).toBe(true);
    expect(downloads.map((url) => url.searchParams.get('table'))).toEqual(['volume', 'product_kind', 'departments', 'first_response', 'compliance', 'recovery', 'csat', 'comments']);
    for (const url of downloads) expect(Object.fromEntries([...url.searchParams].filter(([key]) => key !== 'table'))).toEqual(query);
  });

  it('says clearly when the server cannot count, or refuses the range', async () => {
    const desk = fakeDesk();
    const analysis = new FakeAnalysis(desk);
    analysis.failure = { status: 500, code: 'internal', message: 'Something broke on our side' };
    renderConsole(desk, '/console/analysis');
    expect((await screen.findByRole('alert')).textContent).toBe('The analysis could not be loaded. Something broke on our side');

    analysis.failure = undefined;
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01' } });
    await screen.findByText('20 submissions');
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-02-01' } });
    expect((await screen.findByRole('alert')).textContent).toBe('The analysis could not be loaded. "to" must come after "from"');
  });

  it('reads in Korean', async () => {
    setLocale('ko');
    const desk = fakeDesk();
    new FakeAnalysis(desk);
    renderConsole(desk, '/console/analysis');
    await screen.findByText('접수 20건');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('분석');
    expect(read('서비스 회복').at(-1)?.slice(0, 6)).toEqual(['미해결', '0', '0 %', '0', '자료 없음', '자료 없음']);
    expect(read('첫 응답')[1]?.slice(0, 3)).toEqual(['1시간 이내', '5', '25 %']);
  });
});
