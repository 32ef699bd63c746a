import { describe, expect, it } from 'vitest';
import { desk, engines, reporterSecret, shopperHeaders, submit, useTestApp } from '../../helpers.js';

describe.each(engines)('/v1/desk/analytics and export.csv on %s', (engine) => {
  const t = useTestApp(engine);

  it('compares repurchase intent across complaint outcomes and counts by kind and status', async () => {
    const happy = reporterSecret();
    const praise = await submit(t, happy, { kind: 'praise', message: 'Great blender' });
    const complainer = reporterSecret();
    const complaint = await submit(t, complainer, { kind: 'complaint', message: 'Cracked jar' });
    await submit(t, reporterSecret(), { kind: 'inquiry', message: 'Warranty?' });

    await desk(t, 'POST', `/v1/desk/submissions/${complaint}/replies`, { text: 'Replacing it' });
    for (const id of [praise, complaint]) await desk(t, 'PATCH', `/v1/desk/submissions/${id}`, { status: 'resolved' });
    await t.app.inject({ method: 'POST', url: `/v1/submissions/${praise}/rating`, headers: shopperHeaders(t.site, happy), payload: { score: 5, wouldBuyAgain: true } });
    await t.app.inject({ method: 'POST', url: `/v1/submissions/${complaint}/rating`, headers: shopperHeaders(t.site, complainer), payload: { score: 4, wouldBuyAgain: true } });

    const res = await desk(t, 'GET', '/v1/desk/analytics');
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a.total).toBe(3);
    expect(a.counts).toContainEqual({ kind: 'inquiry', status: 'received', department: null, product: null, count: 1 });
    expect(a.firstResponseMinutes.count).toBe(1);
    expect(a.answered.withinHour).toEqual({ count: 1, share: 0.333 });
    expect(a.answered.never.count).toBe(2);
    expect(a.csat).toEqual({ count: 2, average: 4.5, satisfied: { count: 2, share: 1 } });
    expect(a.wouldBuyAgain.noComplaint).toEqual({ count: 1, share: 1 });
    expect(a.wouldBuyAgain.resolvedQuickly).toEqual({ count: 1, share: 1 });
    expect(a.wouldBuyAgain.unresolved).toEqual({ count: 0, share: 0 });
    expect(a.slaCompliance).toEqual({ count: 1, share: 1 });
  });

  it('limits the analysis to a date range', async () => {
    await submit(t);
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const res = await desk(t, 'GET', `/v1/desk/analytics?from=${encodeURIComponent(future)}`);
    expect(res.json().total).toBe(0);
  });

  it("exports CSV that keeps a shopper's text from running as a formula", async () => {
    await submit(t, reporterSecret(), { message: '=HYPERLINK("http://evil.example","click"), then "more"' });
    const res = await desk(t, 'GET', '/v1/desk/export.csv');
    expect(res.headers['content-type']).toContain('text/csv');
    const [header, row] = res.body.split('\r\n');
    expect(header).toContain('tracking_number,kind,status');
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), then ""more"""`);
  });
});
