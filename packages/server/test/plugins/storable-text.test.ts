import { describe, expect, it } from 'vitest';
import { desk, engines, reporterSecret, send, submission, useTestApp } from '../helpers.js';

describe.each(engines)('text with a NUL character on %s', (engine) => {
  const t = useTestApp(engine);

  it('is refused with a 400 naming the field, in a body, a query or a path, and nothing is stored', async () => {
    const body = await send(t, reporterSecret(), [submission({ message: 'nul\u0000byte' })]);
    expect(body.statusCode).toBe(400);
    expect(body.json().error).toMatchObject({ code: 'invalid', field: 'submissions.0.message' });
    expect(await t.store.db.selectFrom('submissions').select('id').execute()).toEqual([]);
    expect((await desk(t, 'GET', '/v1/desk/submissions?q=%00')).json().error).toMatchObject({ code: 'invalid', field: 'q' });
    expect((await desk(t, 'GET', '/v1/desk/submissions/a%00b')).json().error).toMatchObject({ code: 'invalid', field: 'id' });
  });
});
