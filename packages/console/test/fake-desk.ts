import type { BulkChange, CannedReply, DeskEvent, DeskPatch, DeskSubmission, InboxCounts, StaffEvent, User } from '@sori/protocol';
import { DEFAULT_DEPARTMENTS, KINDS, TRANSITIONS, type EventType } from '@sori/protocol/constants';
import { http, HttpResponse, type JsonBodyType } from 'msw';
import type { DeskSite } from '../src/api/directory.js';

/** One request the fake desk answered, as the server would have seen it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  csrf: string | null;
}

const error = (status: number, code: string, message: string, headers?: Record<string, string>) =>
  HttpResponse.json({ error: { code, message } }, { status, ...(headers ? { headers } : {}) });

let made = 0;
/** A submission as the desk lists it; `overrides` win. Received an hour ago, due in three. */
export function aSubmission(overrides: Partial<DeskSubmission> = {}): DeskSubmission {
  made++;
  const now = Date.now();
  return {
    id: `s-${made}`,
    clientId: `00000000-0000-4000-8000-${String(made).padStart(12, '0')}`,
    trackingNumber: `SR-AB${String(made).padStart(2, '0')}-CD${String(made).padStart(2, '0')}`,
    siteId: 'site-1',
    kind: 'complaint',
    message: `Message ${made}`,
    status: 'received',
    publicStatus: 'received',
    awaiting: 'staff',
    locale: 'en',
    createdAt: new Date(now - 3_600_000).toISOString(),
    receivedAt: new Date(now - 3_600_000).toISOString(),
    updatedAt: new Date(now - 3_600_000).toISOString(),
    expectedResponseBy: new Date(now + 3 * 3_600_000).toISOString(),
    ...overrides,
  };
}

/**
 * An in-memory desk server behind msw: sessions with CSRF, the inbox with filters and keyset
 * paging, a submission's timeline, writes that append events (and `stale` answers), bulk
 * changes, presence, the staff events as JSON, users, sites and canned replies.
 */
export class FakeDesk {
  users: User[] = [
    { id: 'u-mina', email: 'mina@example.com', name: 'Mina', role: 'agent', department: 'customer_service' },
    { id: 'u-jun', email: 'jun@example.com', name: 'Jun', role: 'agent', department: 'logistics' },
  ];
  password = 'right password';
  sites: DeskSite[] = [{ id: 'site-1', name: 'Onggi shop', departments: [...DEFAULT_DEPARTMENTS], products: ['Onggi jar 2 L', 'Lid'], kinds: [...KINDS] }];
  submissions: DeskSubmission[] = [];
  timelines = new Map<string, DeskEvent[]>();
  log: StaffEvent[] = [];
  canned: CannedReply[] = [];
  requests: SeenRequest[] = [];
  /** Who the session cookie belongs to; `undefined`: no session (every desk call answers 401). */
  session: User | undefined;
  csrf = 'csrf-1';
  /** Seconds of `Retry-After` on the next sign-in, if set. */
  rateLimitFor: number | undefined;
  private nextEvent = 100;

  /** Adds submissions, each with its `received` event. */
  add(...list: DeskSubmission[]): DeskSubmission[] {
    for (const s of list) {
      this.submissions.push(s);
      this.timelines.set(s.id, []);
      this.record(s, 'received', { author: 'reporter', public: true });
    }
    return list;
  }

  /** Appends an event to a submission's timeline and to the staff event log; returns the staff event. */
  record(s: DeskSubmission, type: EventType, extra: Partial<DeskEvent> = {}): StaffEvent {
    const event: DeskEvent = { id: ++this.nextEvent, submissionId: s.id, type, at: new Date().toISOString(), author: 'staff', public: false, status: s.status, ...extra };
    this.timelines.get(s.id)?.push(event);
    const staffEvent = { id: event.id, event, submission: s };
    this.log.push(staffEvent);
    return staffEvent;
  }

  /** Changes a submission as the server would (a new object, a later `updatedAt`). */
  change(id: string, patch: Partial<DeskSubmission>): DeskSubmission {
    const at = this.submissions.findIndex((s) => s.id === id);
    const before = this.submissions[at] as DeskSubmission;
    const after = { ...before, ...patch, updatedAt: new Date(Math.max(Date.now(), Date.parse(before.updatedAt) + 1)).toISOString() };
    this.submissions[at] = after;
    return after;
  }

  private actor(): Partial<DeskEvent> {
    return this.session ? { actorId: this.session.id, actorName: this.session.name } : {};
  }

  private patch(id: string, patch: DeskPatch): { submission: DeskSubmission; event?: DeskEvent } | Response {
    const s = this.submissions.find((x) => x.id === id);
    if (!s) return error(404, 'not_found', `Submission ${id} not found`);
    if (patch.status && !TRANSITIONS[s.status].includes(patch.status)) return error(409, 'invalid_transition', `Cannot go from ${s.status} to ${patch.status}; allowed: ${TRANSITIONS[s.status].join(', ')}`);
    if (patch.status === 'closed' && !patch.reason) return error(400, 'invalid', 'Closing needs a "reason"');
    const { reason, assigneeId, ...rest } = patch;
    const after = this.change(id, { ...rest, ...(assigneeId !== undefined ? (assigneeId === null ? { assigneeId: undefined } : { assigneeId }) : {}), ...(reason ? { closedReason: reason } : {}) } as Partial<DeskSubmission>);
    const type: EventType = patch.status ? 'status' : patch.assigneeId !== undefined ? 'assignment' : patch.department ? 'routing' : 'classification';
    const data = patch.status ? { from: s.status, to: patch.status, ...(reason ? { reason } : {}) } : patch.assigneeId !== undefined ? { from: s.assigneeId ?? null, to: patch.assigneeId } : patch.department ? { from: s.department ?? null, to: patch.department } : { ...rest };
    const { event } = this.record(after, type, { ...this.actor(), data, public: type === 'status' });
    return { submission: after, event };
  }

  /** Keeps a request in `requests`, as the server would have seen it. */
  private async see(request: Request): Promise<{ url: URL; body: unknown }> {
    const url = new URL(request.url);
    let body: unknown;
    if (request.method !== 'GET' && request.headers.get('content-type')?.includes('json')) body = await request.clone().json();
    this.requests.push({ method: request.method, path: url.pathname, query: url.searchParams, body, csrf: request.headers.get('x-csrf-token') });
    return { url, body };
  }

  /**
   * One desk route behind the session and CSRF checks, its request kept in `requests`; `answer`
   * gives JSON or a whole response. Other fakes of the desk (analysis, improvements) add theirs with it.
   */
  route(method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string, answer: (ctx: { url: URL; body: unknown; params: Record<string, string> }) => Response | JsonBodyType) {
    return http[method](path, async ({ request, params }) => {
      const { url, body } = await this.see(request);
      if (!this.session) return error(401, 'unauthorized', 'Sign in first');
      if (request.method !== 'GET' && request.headers.get('x-csrf-token') !== this.csrf) return error(403, 'csrf', 'Missing or wrong CSRF token');
      const result = answer({ url, body, params: params as Record<string, string> });
      return result instanceof Response ? result : HttpResponse.json(result);
    });
  }

  /** The msw handlers of this desk. */
  handlers() {
    const desk = this.route.bind(this);
    return [
      http.post('/v1/desk/session', async ({ request }) => {
        const { body } = await this.see(request);
        if (this.rateLimitFor) return error(429, 'rate_limited', 'Too many sign-ins', { 'retry-after': String(this.rateLimitFor) });
        const { email, password } = body as { email: string; password: string };
        const user = this.users.find((u) => u.email === email);
        if (!user || password !== this.password) return error(401, 'unauthorized', 'Wrong email or password');
        this.session = user;
        this.csrf = `csrf-${this.requests.length}`;
        return HttpResponse.json({ user, csrfToken: this.csrf });
      }),
      http.get('/v1/desk/session', async ({ request }) => {
        await this.see(request);
        return this.session ? HttpResponse.json({ user: this.session, csrfToken: this.csrf }) : error(401, 'unauthorized', 'No session');
      }),
      http.delete('/v1/desk/session', async ({ request }) => {
        await this.see(request);
        this.session = undefined;
        return new HttpResponse(null, { status: 204 });
      }),
      desk('get', '/v1/desk/submissions/counts', () => this.counts()),
      desk('post', '/v1/desk/submissions/bulk', ({ body }) => {
        const { ids, change } = body as BulkChange;
        const result = { changed: 0, unchanged: 0, failed: [] as Array<{ id: string; code: string; message: string }> };
        for (const id of ids) {
          const outcome = this.patch(id, change);
          if (outcome instanceof Response) result.failed.push({ id, code: 'invalid_transition', message: 'Not allowed from its status' });
          else result.changed++;
        }
        return result;
      }),
      desk('get', '/v1/desk/submissions', ({ url }) => this.list(url.searchParams)),
      desk('get', '/v1/desk/submissions/:id', ({ params }) => {
        const submission = this.submissions.find((s) => s.id === params['id']);
        return submission ? { submission, timeline: this.timelines.get(submission.id) ?? [] } : error(404, 'not_found', 'No such submission');
      }),
      desk('patch', '/v1/desk/submissions/:id', ({ params, body }) => this.patch(params['id'] ?? '', body as DeskPatch)),
      ...(['replies', 'notes'] as const).map((kind) =>
        desk('post', `/v1/desk/submissions/:id/${kind}`, ({ params, body }) => {
          const s = this.submissions.find((x) => x.id === params['id']) as DeskSubmission;
          const { text, seenEventId } = body as { text: string; seenEventId?: number };
          const newer = (this.timelines.get(s.id) ?? []).filter((e) => ['reply', 'note', 'message'].includes(e.type) && e.id > (seenEventId ?? Number.MAX_SAFE_INTEGER));
          if (newer.length) return error(409, 'stale', 'Someone wrote in this thread after you began');
          const after = kind === 'replies' ? this.change(s.id, { firstResponseAt: s.firstResponseAt ?? new Date().toISOString(), awaiting: 'reporter' }) : s;
          const { event } = this.record(after, kind === 'replies' ? 'reply' : 'note', { ...this.actor(), text, public: kind === 'replies' });
          return HttpResponse.json({ submission: after, event }, { status: 201 });
        }),
      ),
      desk('put', '/v1/desk/submissions/:id/presence', () => new HttpResponse(null, { status: 204 })),
      desk('get', '/v1/desk/events', ({ url }) => {
        const after = url.searchParams.get('after');
        const limit = Number(url.searchParams.get('limit') ?? 500);
        const head = this.log.at(-1)?.id ?? 0;
        if (after === null) return { events: [], cursor: head };
        const events = this.log.filter((e) => e.id > Number(after)).slice(0, limit);
        return { events, cursor: events.at(-1)?.id ?? Number(after) };
      }),
      desk('get', '/v1/desk/users', () => ({ users: this.users })),
      desk('get', '/v1/desk/sites', () => ({ sites: this.sites })),
      desk('get', '/v1/desk/improvements', () => ({ improvements: [], departments: [] })),
      desk('get', '/v1/desk/canned-replies', () => ({ cannedReplies: this.canned })),
      desk('post', '/v1/desk/canned-replies', ({ body }) => {
        const reply = { id: `c-${this.canned.length + 1}`, ...(body as object), createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() } as CannedReply;
        this.canned.push(reply);
        return HttpResponse.json(reply, { status: 201 });
      }),
      desk('patch', '/v1/desk/canned-replies/:id', ({ params, body }) => {
        const at = this.canned.findIndex((c) => c.id === params['id']);
        this.canned[at] = { ...(this.canned[at] as CannedReply), ...(body as object) };
        return this.canned[at] as CannedReply;
      }),
      desk('delete', '/v1/desk/canned-replies/:id', ({ params }) => {
        this.canned = this.canned.filter((c) => c.id !== params['id']);
        return new HttpResponse(null, { status: 204 });
      }),
    ];
  }

  /** The inbox as the server answers it: a few filters, the sorts and offset cursors (enough for the console). */
  private list(q: URLSearchParams) {
    const me = this.session?.id;
    let list = this.submissions.filter((s) => {
      if (q.get('open') === 'true' && (s.status === 'resolved' || s.status === 'closed')) return false;
      if (q.get('status') && s.status !== q.get('status')) return false;
      if (q.get('kind') && s.kind !== q.get('kind')) return false;
      if (q.get('spam') && Boolean(s.spamReason) !== (q.get('spam') === 'true')) return false;
      const assignee = q.get('assignee');
      if (assignee && (s.assigneeId ?? 'none') !== (assignee === 'me' ? me : assignee)) return false;
      if (q.get('contactPreference') && s.contact?.preference !== q.get('contactPreference')) return false;
      const words = q.get('q')?.toLowerCase();
      return !words || s.message.toLowerCase().includes(words) || s.trackingNumber.toLowerCase().includes(words);
    });
    const sort = q.get('sort') ?? 'due';
    const by = (key: keyof DeskSubmission) => (a: DeskSubmission, b: DeskSubmission) => String(a[key]).localeCompare(String(b[key]));
    list = [...list].sort(sort === 'newest' ? (a, b) => by('receivedAt')(b, a) : sort === 'oldest' ? by('receivedAt') : by('expectedResponseBy'));
    const from = Number(q.get('cursor') ?? 0);
    const limit = Number(q.get('limit') ?? 50);
    const page = list.slice(from, from + limit);
    return { submissions: page, ...(from + limit < list.length ? { nextCursor: String(from + limit) } : {}) };
  }

  private counts(): InboxCounts {
    const open = this.submissions.filter((s) => s.status !== 'resolved' && s.status !== 'closed');
    return {
      counts: {
        all: open.filter((s) => !s.spamReason).length,
        mine: open.filter((s) => s.assigneeId === this.session?.id).length,
        unassigned: open.filter((s) => !s.assigneeId && !s.spamReason).length,
        due_soon: 0,
        breached: open.filter((s) => !s.firstResponseAt && Date.parse(s.expectedResponseBy) < Date.now()).length,
        call_back: open.filter((s) => s.contact?.preference === 'phone').length,
        spam: open.filter((s) => s.spamReason).length,
      },
      at: new Date().toISOString(),
    };
  }
}
