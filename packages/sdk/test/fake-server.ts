import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { PublicEvent, SubmissionInput } from '@sori/protocol';

export const ENDPOINT = 'https://sori.test';
export const SITE = 'pk_testsite1234';

interface Stored {
  id: string;
  input: SubmissionInput;
  trackingNumber: string;
  reporter: string;
}

/**
 * A small stateful stand-in for the Sori server: idempotent on client ids like the real one, so
 * tests can assert what the server ends up holding.
 */
export function fakeServer() {
  const stored = new Map<string, Stored>();
  const events: PublicEvent[] = [];
  const urls: string[] = [];
  /** Every submission request as it arrived: its content type and body. */
  const posts: Array<{ contentType: string | null; body: { items: SubmissionInput[]; site?: string; reporter?: string } }> = [];
  /** While set, submission requests wait for it before they are answered. */
  let hold: Promise<void> | undefined;
  /** Status codes to answer the next submission requests with, before behaving. */
  const failures: Array<{ status: number; retryAfter?: number }> = [];
  let nextEvent = 1;

  const receipt = (s: Stored) => ({
    id: s.id,
    trackingNumber: s.trackingNumber,
    status: 'received' as const,
    publicStatus: 'received' as const,
    receivedAt: new Date().toISOString(),
    expectedResponseBy: new Date(Date.now() + 3_600_000).toISOString(),
    expectedResponseMinutes: 60,
  });

  const server = setupServer(
    http.post(`${ENDPOINT}/v1/submissions`, async ({ request }) => {
      urls.push(request.url);
      const failure = failures.shift();
      if (failure) {
        return HttpResponse.json(
          { error: { code: failure.status === 429 ? 'rate_limited' : 'unavailable', message: 'try later' } },
          { status: failure.status, headers: failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {} },
        );
      }
      const body = (await request.json()) as (typeof posts)[number]['body'];
      posts.push({ contentType: request.headers.get('content-type'), body });
      // A keepalive send carries the reporter secret in the body, as the real server allows.
      const reporter = request.headers.get('x-sori-reporter') ?? body.reporter ?? '';
      await hold;
      const results = body.items.map((input) => {
        if (input.message.includes('REJECT')) {
          return { clientId: input.clientId, result: 'rejected', error: { code: 'invalid', field: 'message', message: 'message refused' } };
        }
        const known = stored.get(input.clientId);
        if (known) return { clientId: input.clientId, result: 'duplicate', receipt: receipt(known) };
        const s: Stored = { id: `s${stored.size + 1}`, input, trackingNumber: `SR-TEST-${String(stored.size + 1).padStart(4, '0')}`, reporter };
        stored.set(input.clientId, s);
        events.push({ id: nextEvent++, type: 'received', submissionId: s.id, clientId: input.clientId, at: new Date().toISOString(), author: 'system', status: 'received', publicStatus: 'received' });
        return { clientId: input.clientId, result: 'accepted', receipt: receipt(s) };
      });
      return HttpResponse.json({ results });
    }),
    http.get(`${ENDPOINT}/v1/reporter/items`, ({ request }) => {
      urls.push(request.url);
      return HttpResponse.json({ items: [], cursor: 0 });
    }),
    http.get(`${ENDPOINT}/v1/reporter/events`, ({ request }) => {
      urls.push(request.url);
      const after = Number(new URL(request.url).searchParams.get('after') ?? 0);
      const list = events.filter((e) => e.id > after);
      return HttpResponse.json({ events: list, cursor: list.at(-1)?.id ?? after });
    }),
    http.post(`${ENDPOINT}/v1/reporter/messages`, async ({ request }) => {
      urls.push(request.url);
      const body = (await request.json()) as { items: Array<{ clientId: string; submissionClientId: string; message: string }> };
      const results = body.items.map((m) => {
        const s = stored.get(m.submissionClientId);
        if (!s) return { clientId: m.clientId, result: 'rejected', error: { code: 'not_found', message: 'no such item' } };
        const event: PublicEvent = { id: nextEvent++, type: 'message', submissionId: s.id, clientId: m.submissionClientId, at: new Date().toISOString(), author: 'reporter', status: 'received', publicStatus: 'received', message: m.message, messageClientId: m.clientId };
        events.push(event);
        return { clientId: m.clientId, result: 'accepted', event };
      });
      return HttpResponse.json({ results });
    }),
  );

  return {
    server,
    stored,
    urls,
    failures,
    posts,
    /** Holds submission answers until the returned function is called. */
    holdAnswers(): () => void {
      let release = () => {};
      hold = new Promise((resolve) => (release = resolve));
      return () => {
        hold = undefined;
        release();
      };
    },
    /** A staff reply, as the desk would make it. */
    reply(clientId: string, message: string) {
      const s = stored.get(clientId);
      if (!s) throw new Error(`no stored item ${clientId}`);
      events.push({ id: nextEvent++, type: 'reply', submissionId: s.id, clientId, at: new Date().toISOString(), author: 'staff', authorName: 'Mina', status: 'received', publicStatus: 'answered', message });
    },
  };
}
