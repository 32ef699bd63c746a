import { CONTACT_PREFERENCES, INBOX_SORTS, KINDS, STATUSES } from '@sori/protocol';
import fc from 'fast-check';
import type { Shot } from './fuzz-check.js';
import { anyBody, anyJson, anyNumber, anyQuery, anySegment, anyText, mutated, oddText, queryString, sometimes, type QueryEntry } from './fuzz-kit.js';
import { anyDate, deskHeaders, shopperHeaders, submissionItem, validDate, type World } from './fuzz-world.js';

/**
 * The route groups the fuzz suite sends requests to, each an arbitrary of requests built from a
 * {@link World}: close to valid most of the time (so that they get past the door), with one thing
 * wrong, odd or missing.
 */

type Method = Shot['method'];
/**
 * OPTIONS is a CORS preflight on the shopper side, answered by @fastify/cors before any route; it
 * has a property of its own in fuzz.test.ts, so that one finding there does not hide the rest.
 */
const METHODS: Method[] = ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'];

/** The route's own method most of the time, now and then another one. */
const methodOf = (...own: Method[]) => fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) });

/** A request to `path` (an arbitrary of paths) with the given parts. */
function shots(parts: {
  method: fc.Arbitrary<Method>;
  path: fc.Arbitrary<string>;
  headers: fc.Arbitrary<Record<string, string>>;
  query?: fc.Arbitrary<QueryEntry[]>;
  body?: fc.Arbitrary<unknown>;
}): fc.Arbitrary<Shot> {
  return fc
    .record({
      method: parts.method,
      path: parts.path,
      headers: parts.headers,
      query: parts.query ?? fc.constant<QueryEntry[]>([]),
      body: parts.body ? anyBody(parts.body) : fc.option(anyBody(anyJson), { nil: undefined, freq: 4 }),
    })
    .map(({ method, path, headers, query, body }) => ({ method, url: `${path}${queryString(query)}`, headers, ...(body && method !== 'GET' && method !== 'HEAD' ? { body } : {}) }));
}

/** Path segments: the world's ids first, anything else besides. */
const idIn = (w: World) => anySegment(fc.constantFrom(...w.ids));
const deskPatch = (w: World) =>
  fc.record(
    {
      status: sometimes(fc.constantFrom(...STATUSES), anyText),
      reason: sometimes(oddText),
      kind: sometimes(fc.constantFrom(...KINDS), anyText),
      product: sometimes(oddText),
      department: sometimes(fc.constantFrom('rnd', 'production', 'marketing', 'sales', 'logistics', 'customer_service'), oddText),
      assigneeId: sometimes(fc.constantFrom(w.agentId, null), oddText),
    },
    { requiredKeys: [] },
  );
const personQuery = (w: World) =>
  fc.record(
    {
      email: sometimes(fc.oneof(fc.constant('ann@shop.example'), fc.emailAddress())),
      phone: sometimes(fc.constantFrom('+82 10 1234 5678', '+1 555 0100')),
      trackingNumber: sometimes(fc.constantFrom(...w.trackingNumbers), oddText),
    },
    { requiredKeys: [] },
  );
const webhookUrl = fc.constantFrom('http://127.0.0.1:9/hook', 'https://127.0.0.1:9/hook', 'http://[::1]:9/', 'http://169.254.169.254/latest/meta-data', 'ftp://127.0.0.1/x', 'javascript:alert(1)', 'http://', 'not a url');
/** Numbers as query text: cursors and limits at their edges, and past them. */
const numberText = fc.oneof(fc.nat().map(String), fc.constantFrom('0', '1', '500', '501', '2147483647', '2147483648', '9007199254740991', '9007199254740992', '-1', '1e400', 'Infinity', '-0', 'NaN', '1.5', '0x10'));

/** Every route group and the requests it is fuzzed with. */
export const ROUTE_GROUPS: Array<[name: string, make: (w: World) => fc.Arbitrary<Shot>]> = [
  [
    'POST /v1/submissions',
    (w) =>
      shots({
        method: methodOf('POST'),
        path: fc.constant('/v1/submissions'),
        headers: shopperHeaders(w),
        body: mutated(
          fc.record(
            { submissions: fc.array(mutated(submissionItem(w)), { minLength: 1, maxLength: 4 }), site: sometimes(fc.constant(w.site.key), anyText), reporter: sometimes(fc.constant(w.secretA), anyText) },
            { requiredKeys: ['submissions'] },
          ),
        ),
      }),
  ],
  [
    'POST /v1/reporter/messages',
    (w) =>
      shots({
        method: methodOf('POST'),
        path: fc.constant('/v1/reporter/messages'),
        headers: shopperHeaders(w),
        body: mutated(
          fc.record({
            messages: fc.array(
              mutated(
                fc.record({
                  clientId: sometimes(fc.uuid(), anyText),
                  submissionClientId: sometimes(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...w.clientIds) }, { weight: 1, arbitrary: fc.uuid() }), anyText),
                  text: sometimes(oddText),
                  createdAt: sometimes(validDate, anyDate),
                }),
              ),
              { minLength: 1, maxLength: 3 },
            ),
          }),
        ),
      }),
  ],
  [
    'POST /v1/submissions/:id/rating',
    (w) =>
      shots({
        method: methodOf('POST'),
        path: idIn(w).map((id) => `/v1/submissions/${id}/rating`),
        headers: shopperHeaders(w),
        body: mutated(fc.record({ score: sometimes(fc.integer({ min: 1, max: 5 }), anyNumber), wouldBuyAgain: sometimes(fc.boolean()), comment: sometimes(oddText) }, { requiredKeys: ['score', 'wouldBuyAgain'] })),
      }),
  ],
  ['GET /v1/site', (w) => shots({ method: methodOf('GET', 'HEAD'), path: fc.constant('/v1/site'), headers: shopperHeaders(w), query: anyQuery(['site']) })],
  ['GET /v1/reporter/submissions', (w) => shots({ method: methodOf('GET', 'HEAD'), path: fc.constant('/v1/reporter/submissions'), headers: shopperHeaders(w), query: anyQuery(['after'], fc.oneof(numberText, anyText)) })],
  [
    'GET /v1/reporter/events (JSON)',
    (w) =>
      shots({
        method: methodOf('GET'),
        path: fc.constant('/v1/reporter/events'),
        headers: shopperHeaders(w),
        query: anyQuery(['after', 'limit', 'ticket'], fc.oneof(numberText, anyText, fc.constant(w.ticketA))),
      }),
  ],
  ['POST /v1/reporter/stream-tickets', (w) => shots({ method: methodOf('POST'), path: fc.constant('/v1/reporter/stream-tickets'), headers: shopperHeaders(w) })],
  [
    'GET /v1/reporter/data and POST /v1/reporter/erasure',
    (w) =>
      shots({
        method: methodOf('GET', 'POST'),
        path: fc.constantFrom('/v1/reporter/data', '/v1/reporter/erasure'),
        headers: shopperHeaders(w),
        body: mutated(fc.record({ confirm: sometimes(fc.constant(true)) })),
      }),
  ],
  [
    'GET /v1/desk/submissions and its counts',
    (w) =>
      shots({
        method: methodOf('GET'),
        path: fc.constantFrom('/v1/desk/submissions', '/v1/desk/submissions', '/v1/desk/submissions/counts'),
        headers: deskHeaders(w),
        query: anyQuery(
          ['q', 'status', 'open', 'kind', 'department', 'assignee', 'product', 'sla', 'spam', 'contactPreference', 'siteId', 'sort', 'limit', 'cursor'],
          fc.oneof(
            oddText,
            anyText,
            numberText,
            fc.constantFrom(...STATUSES, ...KINDS, ...INBOX_SORTS, ...CONTACT_PREFERENCES, 'me', 'none', 'breached', 'due_soon', 'true', 'false', w.agentId, w.site.id, w.trackingNumbers[0]!, 'ann@shop.example'),
          ),
        ),
      }),
  ],
  ['GET and PATCH /v1/desk/submissions/:id', (w) => shots({ method: methodOf('GET', 'PATCH', 'HEAD'), path: idIn(w).map((id) => `/v1/desk/submissions/${id}`), headers: deskHeaders(w), body: mutated(deskPatch(w)) })],
  [
    'replies, notes and improvements',
    (w) =>
      shots({
        method: methodOf('POST'),
        path: fc.tuple(idIn(w), fc.constantFrom('replies', 'notes', 'improvements')).map(([id, what]) => `/v1/desk/submissions/${id}/${what}`),
        headers: deskHeaders(w),
        body: mutated(
          fc.record(
            { text: sometimes(oddText), seenEventId: sometimes(fc.nat({ max: 50 }), anyNumber), department: sometimes(fc.constantFrom('rnd', 'logistics'), oddText) },
            { requiredKeys: ['text'] },
          ),
        ),
      }),
  ],
  [
    'POST /v1/desk/submissions/bulk',
    (w) =>
      shots({
        method: methodOf('POST'),
        path: fc.constant('/v1/desk/submissions/bulk'),
        headers: deskHeaders(w),
        body: mutated(
          fc.record({
            ids: sometimes(fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...w.ids) }, { weight: 1, arbitrary: oddText }), { minLength: 1, maxLength: 6 }), fc.constant(Array.from({ length: 5001 }, (_, i) => `id-${i}`))),
            change: mutated(deskPatch(w)),
          }),
        ),
      }),
  ],
  [
    'PUT /v1/desk/submissions/:id/presence',
    (w) =>
      shots({
        method: methodOf('PUT'),
        path: idIn(w).map((id) => `/v1/desk/submissions/${id}/presence`),
        headers: deskHeaders(w),
        body: mutated(fc.record({ state: sometimes(fc.constantFrom('viewing', 'replying', 'left')) })),
      }),
  ],
  [
    'canned replies',
    (w) =>
      shots({
        method: methodOf('GET', 'POST', 'PATCH', 'DELETE'),
        path: fc.oneof(fc.constant('/v1/desk/canned-replies'), anySegment(fc.constant(w.cannedReplyId)).map((id) => `/v1/desk/canned-replies/${id}`)),
        headers: deskHeaders(w),
        body: mutated(fc.record({ title: sometimes(oddText), text: sometimes(oddText), kind: sometimes(fc.constantFrom(...KINDS)), locale: sometimes(fc.constantFrom('ko', 'en')) }, { requiredKeys: [] })),
      }),
  ],
  [
    'GET /v1/desk/analytics and /v1/desk/export.csv',
    (w) =>
      shots({
        method: methodOf('GET'),
        path: fc.constantFrom('/v1/desk/analytics', '/v1/desk/export.csv'),
        headers: deskHeaders(w),
        query: anyQuery(['from', 'to', 'siteId'], fc.oneof(validDate, anyDate, fc.constant(w.site.id), oddText)),
      }),
  ],
  [
    'people export and erasure, submission erasure',
    (w) =>
      shots({
        method: methodOf('POST'),
        path: fc.oneof(fc.constantFrom('/v1/desk/people/export', '/v1/desk/people/erasure'), idIn(w).map((id) => `/v1/desk/submissions/${id}/erasure`)),
        headers: deskHeaders(w),
        body: fc.oneof(mutated(personQuery(w)), mutated(fc.record({ person: mutated(personQuery(w)), reason: sometimes(oddText) }))),
      }),
  ],
  [
    'sessions, tokens, users, webhooks, notifications, events, sites',
    (w) =>
      fc.oneof(
        shots({
          method: methodOf('POST', 'GET', 'DELETE'),
          path: fc.constant('/v1/desk/session'),
          headers: deskHeaders(w),
          body: mutated(fc.record({ email: sometimes(fc.constant('agent@shop.example'), oddText), password: sometimes(fc.constantFrom('correct horse battery', 'wrong password'), oddText) })),
        }),
        shots({ method: methodOf('POST'), path: fc.constant('/v1/desk/tokens'), headers: deskHeaders(w), body: mutated(fc.record({ name: sometimes(oddText) }, { requiredKeys: [] })) }),
        shots({
          method: methodOf('GET', 'POST'),
          path: fc.constant('/v1/desk/users'),
          headers: deskHeaders(w),
          body: mutated(
            fc.record(
              {
                email: sometimes(fc.oneof(fc.emailAddress(), fc.constant('AGENT@shop.example'))),
                role: sometimes(fc.constantFrom('admin', 'agent')),
                password: sometimes(fc.constant('long enough password'), oddText),
                name: sometimes(oddText),
                department: sometimes(oddText),
              },
              { requiredKeys: ['email', 'role', 'password'] },
            ),
          ),
        }),
        shots({
          method: methodOf('GET', 'POST'),
          path: fc.constant('/v1/desk/webhooks'),
          headers: deskHeaders(w),
          body: mutated(
            fc.record(
              { url: webhookUrl, department: sometimes(oddText), events: sometimes(fc.uniqueArray(fc.constantFrom('submission.created', 'submission.routed', 'improvement.created'), { minLength: 1 })), siteId: sometimes(fc.constant(w.site.id), oddText) },
              { requiredKeys: ['url', 'siteId'] },
            ),
          ),
        }),
        shots({ method: methodOf('GET'), path: fc.constant('/v1/desk/notifications'), headers: deskHeaders(w), query: anyQuery(['state', 'limit'], fc.oneof(numberText, anyText, fc.constantFrom('pending', 'sent', 'failed', 'cancelled'))) }),
        shots({ method: methodOf('GET'), path: fc.constantFrom('/v1/desk/events', '/v1/desk/sites'), headers: deskHeaders(w), query: anyQuery(['after', 'limit'], fc.oneof(numberText, anyText)) }),
      ),
  ],
  [
    'any path, any method, any headers',
    (w) =>
      shots({
        method: fc.constantFrom(...METHODS),
        path: fc.oneof(
          fc.tuple(fc.constantFrom('/v1/desk/submissions/', '/v1/submissions/', '/v1/reporter/', '/v1/desk/', '/v1/', '/', '/docs/', '/console/', '/sori/'), anySegment(anyText)).map(([prefix, rest]) => prefix + rest),
          fc.tuple(idIn(w), anySegment(anyText)).map(([id, rest]) => `/v1/desk/submissions/${id}/${rest}`),
        ),
        headers: fc.oneof(shopperHeaders(w), deskHeaders(w)),
        query: anyQuery([]),
      }),
  ],
];
