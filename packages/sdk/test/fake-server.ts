import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { MessageInput, PublicEvent, SubmissionInput } from '@sori/protocol';

export const ENDPOINT = 'https://sori.test';
export const SITE = 'pk_testsite1234';

/** A submission as the fake server holds it. */
export interface Stored {
  id: string;
  input: SubmissionInput;
  trackingNumber: string;
  /** The reporter secret it came with. */
  reporter: string;
}

/** A submission request as it arrived: its content type, body and reporter secret. */
export interface Post {
  contentType: string | null;
  reporter: string;
  body: { submissions: SubmissionInput[]; site?: string; reporter?: string };
}

/**
 * The SDK's fake of the Sori server, on the v1 wire: idempotent on client ids like the real one,
 * so tests can assert what the server ends up holding.
 */
export function fakeServer() {
  const stored = new Map<string, Stored>();
  const events: PublicEvent[] = [];
  const urls: string[] = [];
  /** Every submission request as it arrived. */
  const posts: Post[] = [];
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
      const body = (await request.json()) as Post['body'];
      // A keepalive send carries the reporter secret in the body, as the real server allows.
      const reporter = request.headers.get('x-sori-reporter') ?? body.reporter ?? '';
      posts.push({ contentType: request.headers.get('content-type'), reporter, body });
      await hold;
      const results = body.submissions.map((input) => {
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
    http.get(`${ENDPOINT}/v1/reporter/submissions`, ({ request }) => {
      urls.push(request.url);
      return HttpResponse.json({ submissions: [], cursor: 0 });
    }),
    // The JSON form of the reporter's events; the SSE form is the tests' FakeEventSource.
    http.get(`${ENDPOINT}/v1/reporter/events`, ({ request }) => {
      urls.push(request.url);
      const after = Number(new URL(request.url).searchParams.get('after') ?? 0);
      const list = events.filter((e) => e.id > after);
      return HttpResponse.json({ events: list, cursor: list.at(-1)?.id ?? after });
    }),
    http.post(`${ENDPOINT}/v1/reporter/messages`, async ({ request }) => {
      urls.push(request.url);
      const body = (await request.json()) as { messages: MessageInput[] };
      const results = body.messages.map((m) => {
        const s = stored.get(m.submissionClientId);
        if (!s) return { clientId: m.clientId, result: 'rejected', error: { code: 'not_found', message: 'no such submission' } };
        const event: PublicEvent = { id: nextEvent++, type: 'message', submissionId: s.id, clientId: m.submissionClientId, at: new Date().toISOString(), author: 'reporter', status: 'received', publicStatus: 'received', text: m.text, messageClientId: m.clientId };
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
    reply(clientId: string, text: string) {
      const s = stored.get(clientId);
      if (!s) throw new Error(`no stored submission ${clientId}`);
      events.push({ id: nextEvent++, type: 'reply', submissionId: s.id, clientId, at: new Date().toISOString(), author: 'staff', authorName: 'Mina', status: 'received', publicStatus: 'answered', text });
    },
  };
}

/** The fake server of one test file. */
export type FakeServer = ReturnType<typeof fakeServer>;
