import { randomBytes, randomUUID } from 'node:crypto';
import { PATHS, type ErrorBody, type SubmissionBatchResult } from '@sori/protocol';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/services/secrets.js';
import { createSite } from '../../src/services/sites.js';
import { createApiToken } from '../../src/services/users.js';
import {
  buildTestApp,
  desk,
  engines,
  openEventStream,
  readEvents,
  reporterSecret,
  send,
  shopperHeaders,
  STORE_ORIGIN,
  submission,
  useTestApp,
  type TestContext,
} from '../helpers.js';

/** One route as the app has it: `GET /v1/desk/submissions/:id`. */
interface Route {
  method: string;
  path: string;
}

/**
 * Every route of a ready app, read off `printRoutes()`'s tree (each line one path segment with its
 * methods, nested four columns per level), so that a route added tomorrow is walked too.
 */
function routesOf(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const segments: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    segments.length = depth;
    segments[depth] = match[2]!;
    for (const method of match[3]?.split(', ') ?? []) routes.push({ method, path: segments.join('') });
  }
  return routes;
}

const keyOf = (route: Route) => `${route.method} ${route.path}`;

// The route list, from an app built for nothing else.
const probe = await buildTestApp('sqlite');
await probe.app.ready();
const ROUTES = routesOf(probe.app);
await probe.close();

/** The shopper-side routes, each with a test below; a new one fails the first test until it has its own. */
const SHOPPER_ROUTES = [
  'POST /v1/submissions',
  'POST /v1/submissions/:id/rating',
  'GET /v1/site',
  'GET /v1/reporter/submissions',
  'POST /v1/reporter/messages',
  'POST /v1/reporter/stream-tickets',
  'GET /v1/reporter/events',
  'GET /v1/reporter/data',
  'POST /v1/reporter/erasure',
];
const isShopperSide = (route: Route) => route.method !== 'HEAD' && route.method !== 'OPTIONS' && /^\/v1\/(submissions|reporter|site)/.test(route.path);

describe.each(engines)('reporter B and reporter A on %s', (engine) => {
  const t = useTestApp(engine);
  let a: string;
  let b: string;
  /** A's resolved complaint, A's open inquiry (with a message of A's in its thread), B's own. */
  let resolved: { id: string; clientId: string; trackingNumber: string };
  let open: { id: string; clientId: string; trackingNumber: string };
  let own: { id: string; clientId: string };

  const as = (secret: string, method: 'GET' | 'POST', url: string, payload?: object, site = t.site): Promise<LightMyRequestResponse> =>
    t.app.inject({ method, url, headers: shopperHeaders(site, secret), ...(payload ? { payload } : {}) });
  const sendOne = async (secret: string, overrides: Record<string, unknown> = {}) => {
    const item = submission(overrides);
    const [result] = ((await send(t, secret, [item])).json() as SubmissionBatchResult).results;
    if (result?.result !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(result)}`);
    return { id: result.receipt.id, clientId: String(item['clientId']), trackingNumber: result.receipt.trackingNumber };
  };
  const message = (secret: string, submissionClientId: string, text: string) =>
    as(secret, 'POST', PATHS.messages, { messages: [{ clientId: randomUUID(), submissionClientId, text, createdAt: new Date().toISOString() }] });
  /** An answer with the ids in it made anonymous: what a missing thing and someone else's must share. */
  const anonymous = (res: LightMyRequestResponse, ...ids: string[]) => ({
    status: res.statusCode,
    body: ids.reduce((text, id) => text.replaceAll(id, '<id>'), res.body.replace(/"clientId":"[^"]+"/g, '"clientId":"<id>"')),
  });

  beforeEach(async () => {
    a = reporterSecret();
    b = reporterSecret();
    resolved = await sendOne(a, { message: 'Alpha: the kettle leaks.', contact: { email: 'alpha@shop.example', preference: 'email' } });
    open = await sendOne(a, { kind: 'inquiry', message: 'Alpha: is the blue one back?' });
    expect((await desk(t, 'PATCH', `/v1/desk/submissions/${resolved.id}`, { status: 'resolved' })).statusCode).toBe(200);
    expect((await message(a, open.clientId, 'Alpha: any news?')).json().results[0].result).toBe('accepted');
    own = await sendOne(b, { message: 'Bravo: my own complaint.' });
  });

  it('covers every shopper-side route the app has', () => {
    expect(ROUTES.filter(isShopperSide).map(keyOf).sort()).toEqual([...SHOPPER_ROUTES].sort());
  });

  it("lists only B's own submissions and events (GET /v1/reporter/submissions, GET /v1/reporter/events)", async () => {
    const mine = (await as(b, 'GET', PATHS.reporterSubmissions)).json();
    expect(mine.submissions.map((s: { id: string }) => s.id)).toEqual([own.id]);
    const events = (await as(b, 'GET', `${PATHS.events}?after=0`)).json().events as Array<{ submissionId: string }>;
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((event) => event.submissionId))).toEqual(new Set([own.id]));
    // The same calls do show A their own: the routes work, they just keep B out.
    const theirs = (await as(a, 'GET', PATHS.reporterSubmissions)).json();
    expect(theirs.submissions.map((s: { id: string }) => s.id).sort()).toEqual([resolved.id, open.id].sort());
  });

  it("cannot rate A's resolved submission, and hears what a missing one gets (POST /v1/submissions/:id/rating)", async () => {
    const rating = { score: 1, wouldBuyAgain: false, comment: 'Bravo was here' };
    const theirs = await as(b, 'POST', PATHS.rating(resolved.id), rating);
    const missing = randomUUID();
    const nothing = await as(b, 'POST', PATHS.rating(missing), rating);
    expect(theirs.statusCode).toBe(404);
    expect(anonymous(theirs, resolved.id)).toEqual(anonymous(nothing, missing));
    const row = await t.store.db.selectFrom('submissions').select(['rating', 'status']).where('id', '=', resolved.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ rating: null, status: 'resolved' });
    expect((await as(a, 'POST', PATHS.rating(resolved.id), { score: 5, wouldBuyAgain: true })).statusCode).toBe(200);
  });

  it("cannot write in A's thread, and hears what a missing one gets (POST /v1/reporter/messages)", async () => {
    const theirs = await message(b, open.clientId, 'Bravo sneaks in');
    const nothing = await message(b, randomUUID(), 'Bravo sneaks in');
    expect(theirs.json().results[0]).toMatchObject({ result: 'rejected', error: { code: 'not_found' } });
    expect(anonymous(theirs)).toEqual(anonymous(nothing));
    const texts = await t.store.db.selectFrom('events').select('text').where('submission_id', '=', open.id).where('type', '=', 'message').execute();
    expect(texts.map((row) => row.text)).toEqual(['Alpha: any news?']);
  });

  it("hears none of A's events on B's event stream (POST /v1/reporter/stream-tickets, GET /v1/reporter/events as a stream)", { timeout: 60_000 }, async () => {
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await openEventStream(base, t.app, t.site, b);
    expect(stream.status).toBe(200);
    const reading = readEvents(stream, 2);
    // A's news first, then B's: were A's to leak, it would come before B's reply.
    expect((await desk(t, 'POST', `/v1/desk/submissions/${open.id}/replies`, { text: 'For Alpha only' })).statusCode).toBe(201);
    expect((await desk(t, 'POST', `/v1/desk/submissions/${own.id}/replies`, { text: 'For Bravo' })).statusCode).toBe(201);
    const events = (await reading).map((event) => JSON.parse(event.data!) as { submissionId: string; text?: string });
    expect(events.map((event) => [event.submissionId, event.text])).toEqual([
      [own.id, undefined],
      [own.id, 'For Bravo'],
    ]);
  });

  it("downloads nothing of A's (GET /v1/reporter/data)", async () => {
    const res = await as(b, 'GET', PATHS.reporterData);
    expect(res.statusCode).toBe(200);
    expect(res.json().submissions.map((entry: { submission: { id: string } }) => entry.submission.id)).toEqual([own.id]);
    for (const secret of [resolved.id, open.id, resolved.trackingNumber, open.trackingNumber, 'Alpha', 'alpha@shop.example']) expect(res.body).not.toContain(secret);
  });

  it("erases only B's own, and A's submissions stay as they were (POST /v1/reporter/erasure)", async () => {
    const res = await as(b, 'POST', PATHS.reporterErasure, { confirm: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ reporters: 1, submissions: 1 });
    const rows = await t.store.db.selectFrom('submissions').select(['id', 'message']).where('id', 'in', [resolved.id, open.id]).orderBy('message').execute();
    expect(rows.map((row) => row.message)).toEqual(['Alpha: is the blue one back?', 'Alpha: the kettle leaks.']);
    const theirs = (await as(a, 'GET', PATHS.reporterSubmissions)).json();
    expect(theirs.submissions).toHaveLength(2);
    const thread = await t.store.db.selectFrom('events').select('text').where('submission_id', '=', open.id).where('type', '=', 'message').execute();
    expect(thread.map((row) => row.text)).toEqual(['Alpha: any news?']);
  });

  it("learns no receipt of A's by sending A's client id with other words (POST /v1/submissions)", async () => {
    const res = await send(t, b, [submission({ clientId: resolved.clientId, message: 'Bravo guesses a client id' })]);
    expect(res.json().results[0]).toMatchObject({ result: 'rejected', error: { code: 'conflict' } });
    expect(res.body).not.toContain(resolved.id);
    expect(res.body).not.toContain(resolved.trackingNumber);
  });

  it("is a stranger on another site with the same secret (GET /v1/site, GET /v1/reporter/submissions)", async () => {
    const other = await createSite(t.store.db, { name: 'Other shop', origins: [STORE_ORIGIN] });
    const site = await as(a, 'GET', PATHS.site, undefined, other);
    expect(site.statusCode).toBe(200);
    expect(site.body).not.toContain(t.site.key);
    expect((await as(a, 'GET', PATHS.reporterSubmissions, undefined, other)).json().submissions).toEqual([]);
    expect((await as(a, 'POST', PATHS.rating(resolved.id), { score: 5, wouldBuyAgain: true }, other)).statusCode).toBe(404);
  });
});

/** Desk routes anyone may call: signing in and out. */
const OPEN = new Set(['POST /v1/desk/session', 'DELETE /v1/desk/session', 'POST /v1/desk/session/setup']);
/** Desk routes for admins only (besides every `/v1/desk/admin/…` route); every other one is for agents too. */
const ADMIN_ONLY = new Set([
  'POST /v1/desk/users',
  'POST /v1/desk/webhooks',
  'GET /v1/desk/webhooks',
  'HEAD /v1/desk/webhooks',
  'GET /v1/desk/notifications',
  'HEAD /v1/desk/notifications',
  'POST /v1/desk/notifications/:id/retry',
  'PATCH /v1/desk/webhooks/:id',
  'DELETE /v1/desk/webhooks/:id',
  'POST /v1/desk/webhooks/:id/test',
  'POST /v1/desk/webhooks/:id/secret',
  'GET /v1/desk/webhooks/:id/deliveries',
  'HEAD /v1/desk/webhooks/:id/deliveries',
  'POST /v1/desk/people/export',
  'POST /v1/desk/people/erasure',
  'POST /v1/desk/submissions/:id/erasure',
]);
const DESK_ROUTES = ROUTES.filter((route) => route.path.startsWith('/v1/desk') && route.method !== 'OPTIONS');
const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

describe('the desk routes walked', () => {
  it('are all found, and the allow-lists name only routes that exist', () => {
    expect(DESK_ROUTES.length).toBeGreaterThanOrEqual(30);
    const keys = new Set(DESK_ROUTES.map(keyOf));
    for (const key of [...OPEN, ...ADMIN_ONLY]) expect(keys, key).toContain(key);
  });
});

describe.each(engines)('every desk route on %s', (engine) => {
  let t: TestContext;
  let ids: { submission: string; cannedReply: string };
  let admin: string;
  let strangers: Array<[who: string, headers: Record<string, string>]>;
  let agentSession: { cookie: string; csrfToken: string };

  const signIn = async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/desk/session', payload: { email: 'agent@shop.example', password: 'correct horse battery' } });
    return { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrfToken: (res.json() as { csrfToken: string }).csrfToken };
  };

  beforeAll(async () => {
    t = await buildTestApp(engine);
    admin = await t.adminToken();
    const canned = await desk(t, 'POST', '/v1/desk/canned-replies', { title: 'Thanks', text: 'Thank you for writing.' });
    const [result] = ((await send(t, reporterSecret(), [submission()])).json() as SubmissionBatchResult).results;
    ids = { submission: result?.result === 'accepted' ? result.receipt.id : '', cannedReply: (canned.json() as { id: string }).id };
    const revoked = await createApiToken(t.store.db, { userEmail: 'agent@shop.example', name: 'gone' });
    await t.store.db.deleteFrom('api_tokens').where('token_hash', '=', sha256(revoked.token)).execute();
    const ended = await signIn();
    await t.app.inject({ method: 'DELETE', url: '/v1/desk/session', headers: { cookie: ended.cookie } });
    agentSession = await signIn();
    strangers = [
      ['no credentials', {}],
      ['an unknown API token', { authorization: `Bearer sori_${randomBytes(32).toString('base64url')}` }],
      ['a revoked API token', { authorization: `Bearer ${revoked.token}` }],
      ['an empty bearer', { authorization: 'Bearer ' }],
      ['another scheme', { authorization: `Basic ${Buffer.from('agent@shop.example:correct horse battery').toString('base64')}` }],
      ['a session that was signed out', { cookie: ended.cookie, 'x-csrf-token': ended.csrfToken }],
      ['an unknown session cookie', { cookie: `sori_session=${randomBytes(32).toString('base64url')}` }],
    ];
  }, 60_000);
  afterAll(() => t.close());

  const call = (route: Route, headers: Record<string, string>) =>
    t.app.inject({
      method: route.method as 'GET',
      url: route.path.replace(':id', route.path.includes('canned-replies') ? ids.cannedReply : ids.submission),
      headers,
      // A body no route takes: who is asking must be settled before what was sent is read.
      ...(WRITES.has(route.method) && route.method !== 'DELETE' ? { payload: { nonsense: true } } : {}),
    });
  const errorCode = (res: LightMyRequestResponse) => (res.body ? (res.json() as ErrorBody).error.code : undefined);

  const each = (routes: Route[]) => routes.map((route) => [route.method, route.path, route] as const);

  it.each(each(DESK_ROUTES.filter((route) => !OPEN.has(keyOf(route)))))('%s %s: 401 to strangers, 403 to the wrong role or a missing CSRF token', async (_method, _path, route) => {
    for (const [who, headers] of strangers) {
      const res = await call(route, headers);
      expect(res.statusCode, `${keyOf(route)} with ${who}: ${res.body}`).toBe(401);
      if (route.method !== 'HEAD') expect(errorCode(res), who).toBe('unauthorized');
    }
    const adminOnly = ADMIN_ONLY.has(keyOf(route)) || route.path.startsWith('/v1/desk/admin/');
    const asAgent = await call(route, { authorization: `Bearer ${t.token}` });
    if (adminOnly) {
      expect(asAgent.statusCode, `${keyOf(route)} as an agent: ${asAgent.body}`).toBe(403);
      if (route.method !== 'HEAD') expect(errorCode(asAgent)).toBe('forbidden');
    } else {
      expect([401, 403], `${keyOf(route)} as an agent (admin only? add it to ADMIN_ONLY): ${asAgent.body}`).not.toContain(asAgent.statusCode);
      expect(asAgent.statusCode, asAgent.body).toBeLessThan(500);
    }
    const asAdmin = await call(route, { authorization: `Bearer ${admin}` });
    expect([401, 403], `${keyOf(route)} as an admin: ${asAdmin.body}`).not.toContain(asAdmin.statusCode);
    expect(asAdmin.statusCode, asAdmin.body).toBeLessThan(500);
    if (WRITES.has(route.method)) {
      const forged = await call(route, { cookie: agentSession.cookie });
      expect(forged.statusCode, `${keyOf(route)} with the session cookie alone: ${forged.body}`).toBe(403);
      expect(errorCode(forged)).toBe('csrf');
    }
  });

  it.each(each(DESK_ROUTES.filter((route) => OPEN.has(keyOf(route)))))('%s %s is open to anyone, and answers a stranger without a 5xx', async (_method, _path, route) => {
    const res = await call(route, {});
    expect([401, 403]).not.toContain(res.statusCode);
    expect(res.statusCode).toBeLessThan(500);
  });
});
