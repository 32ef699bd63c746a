import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { desk, setCsrfToken } from '../../src/api/client.js';
import { DeskError, isDeskError } from '../../src/api/desk-error.js';
import { server } from '../setup.js';

describe('The desk client', () => {
  it('turns an error answer into one DeskError with code, status and field', async () => {
    server.use(http.patch('/v1/desk/submissions/s-1', () => HttpResponse.json({ error: { code: 'invalid', message: '"department" must be one of: rnd', field: 'department' } }, { status: 400 })));
    setCsrfToken('t');
    const failure = await desk('PATCH', '/v1/desk/submissions/s-1', { body: { department: 'x' } }).catch((e: unknown) => e);
    expect(isDeskError(failure, 'invalid')).toBe(true);
    expect(failure).toMatchObject({ code: 'invalid', status: 400, field: 'department', message: '"department" must be one of: rnd' });
    expect(isDeskError(failure, 'stale')).toBe(false);
  });

  it('says `network` when no answer came, and copes with a proxy’s HTML error page', async () => {
    server.use(
      http.get('/v1/desk/users', () => HttpResponse.error()),
      http.get('/v1/desk/sites', () => new HttpResponse('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })),
    );
    await expect(desk('GET', '/v1/desk/users')).rejects.toMatchObject({ code: 'network', status: 0 });
    const failure = await desk('GET', '/v1/desk/sites').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeskError);
    expect(failure).toMatchObject({ code: 'unavailable', status: 502 });
  });

  it('sends the CSRF header on writes only, and leaves empty query values out', async () => {
    const seen: Array<{ method: string; csrf: string | null; url: string }> = [];
    server.use(
      http.all('/v1/desk/canned-replies', ({ request }) => {
        seen.push({ method: request.method, csrf: request.headers.get('x-csrf-token'), url: request.url });
        return HttpResponse.json({ cannedReplies: [] });
      }),
    );
    setCsrfToken('token-1');
    await desk('GET', '/v1/desk/canned-replies', { query: { q: '', kind: undefined, limit: 5 } });
    await desk('POST', '/v1/desk/canned-replies', { body: { title: 'x', text: 'y' } });
    expect(seen).toEqual([
      { method: 'GET', csrf: null, url: 'http://localhost/v1/desk/canned-replies?limit=5' },
      { method: 'POST', csrf: 'token-1', url: 'http://localhost/v1/desk/canned-replies' },
    ]);
  });
});
