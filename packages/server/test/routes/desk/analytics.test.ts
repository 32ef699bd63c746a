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

  it('answers 400 naming the field for a date JavaScript cannot hold, such as a leap second', async () => {
    const analytics = await desk(t, 'GET', '/v1/desk/analytics?from=2016-12-31T23:59:60Z');
    expect(analytics.statusCode).toBe(400);
    expect(analytics.json().error).toMatchObject({ code: 'invalid', field: 'from' });
    const csv = await desk(t, 'GET', '/v1/desk/export.csv?to=2016-12-31T23:59:60Z');
    expect(csv.statusCode).toBe(400);
    expect(csv.json().error).toMatchObject({ code: 'invalid', field: 'to' });
    for (const wrong of ['2016-02-30T10:00:00Z', '2016-12-31T24:00:00Z', '2016-12-31T23:59:59']) {
      expect((await desk(t, 'GET', `/v1/desk/analytics?from=${wrong}`)).statusCode, wrong).toBe(400);
    }
    const fine = await desk(t, 'GET', `/v1/desk/analytics?from=${encodeURIComponent('2016-12-31T23:59:59.5+09:00')}`);
    expect(fine.statusCode).toBe(200);
  });

  it('quotes every text cell of the CSV, so a spreadsheet split on ";" cannot cut a formula out', async () => {
    await submit(t, reporterSecret(), { message: 'a;=1+2', product: 'Blender' });
    const res = await desk(t, 'GET', '/v1/desk/export.csv');
    const [, row] = res.body.split('\r\n');
    expect(row).toMatch(/^"SR-[0-9A-Z]{4}-[0-9A-Z]{4}","complaint","received",,"Blender",,"a;=1\+2",/);
    expect(res.headers['cache-control']).toBe('no-store');
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
