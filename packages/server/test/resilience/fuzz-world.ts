import { CONTACT_PREFERENCES, KINDS, type SubmissionBatchResult } from '@sori/protocol';
import fc from 'fast-check';
import { sha256 } from '../../src/services/secrets.js';
import { createSite, type Site } from '../../src/services/sites.js';
import { createApiToken } from '../../src/services/users.js';
import { desk, reporterSecret, send, STORE_ORIGIN, streamTicket, submission, type TestContext } from '../helpers.js';
import { anyNumber, anyText, NASTY_TEXT, oddText, sometimes } from './fuzz-kit.js';

/** What the fuzz aims at: real sites, reporters, submissions, users and credentials, next to made-up ones. */
export interface World {
  site: Site;
  otherSite: Site;
  /** Reporter A has a resolved submission (`ids[0]`) and an open one (`ids[1]`); B has one (`ids[2]`). */
  secretA: string;
  secretB: string;
  ids: string[];
  clientIds: string[];
  trackingNumbers: string[];
  ticketA: string;
  agentId: string;
  agentToken: string;
  adminToken: string;
  /** A token that was made and then revoked (its row deleted). */
  revokedToken: string;
  /** The agent's console session cookie and its CSRF token. */
  sessionCookie: string;
  csrfToken: string;
  cannedReplyId: string;
}

/** Fills the app of `t` with a {@link World}. */
export async function makeWorld(t: TestContext): Promise<World> {
  const secretA = reporterSecret();
  const secretB = reporterSecret();
  const items = [submission({ contact: { email: 'ann@shop.example', phone: '+82 10 1234 5678', preference: 'email', consent: true } }), submission(), submission()];
  const results = [
    ...((await send(t, secretA, items.slice(0, 2))).json() as SubmissionBatchResult).results,
    ...((await send(t, secretB, items.slice(2))).json() as SubmissionBatchResult).results,
  ];
  const receipts = results.map((result) => {
    if (result.result === 'rejected') throw new Error(`not accepted: ${JSON.stringify(result)}`);
    return result.receipt;
  });
  const ids = receipts.map((receipt) => receipt.id);
  const resolved = await desk(t, 'PATCH', `/v1/desk/submissions/${ids[0]}`, { status: 'resolved' });
  if (resolved.statusCode !== 200) throw new Error(`not resolved: ${resolved.body}`);

  const revoked = await createApiToken(t.store.db, { userEmail: 'agent@shop.example', name: 'revoked' });
  await t.store.db.deleteFrom('api_tokens').where('token_hash', '=', sha256(revoked.token)).execute();

  const signIn = await t.app.inject({ method: 'POST', url: '/v1/desk/session', payload: { email: 'agent@shop.example', password: 'correct horse battery' } });
  const canned = await desk(t, 'POST', '/v1/desk/canned-replies', { title: 'Sorry', text: 'We are sorry, {{name}}.' });
  return {
    site: t.site,
    otherSite: await createSite(t.store.db, { name: 'Other shop', origins: ['https://other.example'] }),
    secretA,
    secretB,
    ids,
    clientIds: items.map((item) => String(item['clientId'])),
    trackingNumbers: receipts.map((receipt) => receipt.trackingNumber),
    ticketA: await streamTicket(t.app, t.site, secretA),
    agentId: revoked.user.id,
    agentToken: t.token,
    adminToken: await t.adminToken(),
    revokedToken: revoked.token,
    sessionCookie: String(signIn.headers['set-cookie']).split(';')[0]!,
    csrfToken: (signIn.json() as { csrfToken: string }).csrfToken,
    cannedReplyId: (canned.json() as { id: string }).id,
  };
}

/** Header values a client could send: printable, sometimes nasty. */
export const headerText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_TEXT.filter((text) => /^[\x20-\x7e]*$/.test(text) && text.length < 8000)),
  fc.string({ maxLength: 80 }),
);

/** `value` most of the time, sometimes left out or anything else. */
const mostly = <T>(value: T, others: fc.Arbitrary<T>[] = []): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 24, arbitrary: fc.constant(value) }, ...others.map((arbitrary) => ({ weight: 1, arbitrary })), { weight: 1, arbitrary: fc.constant(undefined) });

function compact(headers: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Accept headers, never `text/event-stream`: a stream never ends, and `inject` would wait for it forever. */
const accept = fc.option(fc.constantFrom('application/json', '*/*', 'text/html', 'application/json, text/plain;q=0.5', 'image/png'), { nil: undefined });
const extra = fc.option(
  fc.constantFrom<[string, string]>(['x-forwarded-for', '203.0.113.9, 10.0.0.1'], ['last-event-id', '1e400'], ['last-event-id', '-1'], ['content-encoding', 'gzip'], ['x-forwarded-proto', 'https']),
  { nil: undefined },
);

/** A shopper's headers: the store's origin, a site key and a reporter secret, each real, wrong or missing. */
export function shopperHeaders(w: World): fc.Arbitrary<Record<string, string>> {
  const hex64 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });
  return fc
    .record({
      origin: mostly(STORE_ORIGIN, [fc.constant('https://evil.example'), fc.constant('null'), fc.constant('https://other.example'), headerText]),
      site: mostly(w.site.key, [fc.constant(w.otherSite.key), fc.constant('pk_unknownunknown'), headerText]),
      reporter: fc.oneof(
        { weight: 12, arbitrary: fc.constant(w.secretA) },
        { weight: 4, arbitrary: fc.constant(w.secretB) },
        { weight: 4, arbitrary: hex64 },
        { weight: 1, arbitrary: fc.constant('A'.repeat(64)) },
        { weight: 1, arbitrary: headerText },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
      accept,
      extra,
    })
    .map(({ origin, site, reporter, accept: type, extra: more }) =>
      compact({ origin, 'x-sori-site': site, 'x-sori-reporter': reporter, accept: type, ...(more ? { [more[0]]: more[1] } : {}) }),
    );
}

/** A desk caller: mostly a real admin or agent (token or console session), else someone with a wrong, revoked or no credential. */
export function deskHeaders(w: World): fc.Arbitrary<Record<string, string>> {
  const auth = fc.oneof(
    { weight: 10, arbitrary: fc.constant({ authorization: `Bearer ${w.adminToken}` }) },
    { weight: 6, arbitrary: fc.constant({ authorization: `Bearer ${w.agentToken}` }) },
    { weight: 3, arbitrary: fc.constant({ cookie: w.sessionCookie, 'x-csrf-token': w.csrfToken }) },
    { weight: 1, arbitrary: fc.constant({ cookie: w.sessionCookie }) },
    { weight: 1, arbitrary: fc.constant({ authorization: `Bearer ${w.revokedToken}` }) },
    { weight: 1, arbitrary: fc.constant({ authorization: 'Bearer sori_unknown-token' }) },
    { weight: 1, arbitrary: headerText.map((text) => ({ authorization: text })) },
    { weight: 1, arbitrary: headerText.map((text) => ({ cookie: `sori_session=${text}` })) },
    { weight: 1, arbitrary: fc.constant({}) },
  );
  return fc.tuple(auth, accept, extra).map(([credentials, type, more]) => compact({ ...credentials, accept: type, ...(more ? { [more[0]]: more[1] } : {}) }));
}

/** Dates as ISO text, valid or not, leap seconds and years past 9999 included. */
export const anyDate: fc.Arbitrary<string> = fc.oneof(
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom('2016-12-31T23:59:60Z', '2024-02-30T00:00:00Z', '2024-02-29T12:00:00.123456789Z', '+275760-09-13T00:00:00.000Z', '1970-01-01T00:00:00Z', '2024-01-01T00:00:00+14:00'),
  anyText,
);

/** A valid date-time, now and then an odd one that still matches the format. */
export const validDate: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2200-01-01') }).map((date) => date.toISOString()) },
  { weight: 1, arbitrary: fc.constantFrom('2016-12-31T23:59:60Z', '2024-01-01T00:00:00+14:00', '2024-02-29T12:00:00.123456789Z', '1970-01-01T00:00:00Z', '2024-06-01T12:00:00-12:00') },
);

/** One submission, close to valid: each field right most of the time, odd text in it often. */
export function submissionItem(w: World): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      clientId: sometimes(fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constantFrom(...w.clientIds) }), anyText),
      kind: sometimes(fc.constantFrom(...KINDS), anyText),
      message: sometimes(oddText),
      contact: sometimes(
        fc.record(
          {
            name: sometimes(oddText),
            email: sometimes(fc.emailAddress()),
            phone: sometimes(fc.constantFrom('+82 10-1234-5678', '010 1234 5678', '(02) 123-4567')),
            preference: sometimes(fc.constantFrom(...CONTACT_PREFERENCES)),
            consent: sometimes(fc.boolean()),
          },
          { requiredKeys: [] },
        ),
      ),
      product: sometimes(oddText),
      orderRef: sometimes(oddText),
      pageUrl: sometimes(fc.webUrl({ withQueryParameters: true, withFragments: true })),
      locale: sometimes(fc.constantFrom('ko', 'en-US', 'zh-Hant-TW')),
      context: sometimes(fc.dictionary(oddText.filter((key) => key !== '__proto__' && key !== 'constructor'), fc.oneof(oddText, anyNumber, fc.boolean(), fc.constant(null)), { maxKeys: 5 })),
      createdAt: sometimes(validDate, anyDate),
      trap: sometimes(oddText),
      fillMs: sometimes(fc.nat(), anyNumber),
    },
    { requiredKeys: ['clientId', 'kind', 'message', 'createdAt'] },
  );
}
