import type { AuditEntry, AdminSite, AdminUser, ApiToken, Notification, SiteUpdateInput, UserInviteInput, Webhook, WebhookInput } from '@sori/protocol';
import { ADMIN_PATHS } from '@sori/protocol/constants';
import { http, HttpResponse, type JsonBodyType } from 'msw';
import type { FakeDesk } from './fake-desk.js';
import { server } from './setup.js';

const error = (status: number, code: string, message: string, field?: string) => HttpResponse.json({ error: { code, message, ...(field ? { field } : {}) } }, { status });

/**
 * The owner's side of the fake desk: sites with their settings, users, tokens. Requests go into
 * the desk's `requests`; agents get 403 from every admin route, as from the server.
 */
export class FakeAdmin {
  sites: AdminSite[] = [
    { id: 'site-1', name: 'Onggi shop', key: 'pk_onggi', origins: ['https://onggi.example'], settings: { products: ['Onggi jar 2 L'] }, createdAt: '2026-01-01T00:00:00.000Z' },
  ];
  users: AdminUser[] = [];
  tokens: ApiToken[] = [];
  webhooks: Webhook[] = [];
  audit: AuditEntry[] = [];
  /** Each webhook's calls, by webhook id. */
  deliveries = new Map<string, Notification[]>();

  constructor(readonly desk: FakeDesk) {
    server.use(...this.handlers());
  }

  private handlers() {
    const route = (method: 'get' | 'post' | 'patch' | 'put' | 'delete', path: string, answer: (body: unknown, params: Record<string, string>) => Response | JsonBodyType, adminOnly = true) =>
      http[method](path, async ({ request, params }) => {
        const body: unknown = request.method !== 'GET' && request.headers.get('content-type')?.includes('json') ? await request.clone().json() : undefined;
        const url = new URL(request.url);
        this.desk.requests.push({ method: request.method, path: url.pathname, query: url.searchParams, body, csrf: request.headers.get('x-csrf-token') });
        if (!this.desk.session) return error(401, 'unauthorized', 'Sign in first');
        if (adminOnly && this.desk.session.role !== 'admin') return error(403, 'forbidden', 'Admins only');
        if (request.method !== 'GET' && request.headers.get('x-csrf-token') !== this.desk.csrf) return error(403, 'csrf', 'Missing or wrong CSRF token');
        const result = answer(body, params as Record<string, string>);
        return result instanceof Response ? result : result === undefined ? new HttpResponse(null, { status: 204 }) : HttpResponse.json(result);
      });
    return [
      route('get', ADMIN_PATHS.sites, () => ({ sites: this.sites })),
      route('patch', `${ADMIN_PATHS.sites}/:id`, (body, { id }) => {
        const site = this.sites.find((s) => s.id === id);
        if (!site) return error(404, 'not_found', 'No such site');
        const change = body as SiteUpdateInput;
        const origins = [...site.origins.filter((o) => !change.removeOrigins?.includes(o)), ...(change.addOrigins ?? [])];
        if (!origins.length && !change.confirmNoOrigins) return error(400, 'invalid', 'Removing the last origin needs confirmNoOrigins', 'removeOrigins');
        if (change.addOrigins?.some((o) => o.endsWith('.invalid'))) return error(400, 'invalid', 'That host does not resolve', 'addOrigins');
        const settings = { ...site.settings };
        for (const [key, value] of Object.entries(change.settings ?? {})) {
          if (value === null) delete (settings as Record<string, unknown>)[key];
          else (settings as Record<string, unknown>)[key] = value;
        }
        Object.assign(site, { name: change.name ?? site.name, origins, settings });
        const changes = Object.fromEntries(Object.keys(change.settings ?? {}).map((key) => [key, { from: null, to: null }]));
        this.audit.unshift({ id: this.audit.length + 1, at: new Date().toISOString(), actorId: this.desk.session?.id ?? null, actorName: this.desk.session?.name ?? '', subject: 'site', subjectId: site.id, siteId: site.id, action: 'updated', changes });
        // A new object, as the server answers one.
        return { ...site };
      }),
      route('get', ADMIN_PATHS.audit, () => ({ entries: this.audit })),
      route('get', ADMIN_PATHS.users, () => ({ users: this.users })),
      route('post', ADMIN_PATHS.users, (body) => {
        const input = body as UserInviteInput;
        if (this.users.some((u) => u.email === input.email)) return error(409, 'conflict', 'That email has an account already', 'email');
        const user: AdminUser = { id: `u-${this.users.length + 10}`, email: input.email, name: input.name ?? input.email.split('@')[0] ?? '', role: input.role, department: input.department ?? null, siteIds: input.siteIds ?? [], disabled: false, alerts: true, passwordSet: !!input.password, createdAt: new Date().toISOString() };
        this.users.push(user);
        return HttpResponse.json({ user, ...(input.password ? {} : { setupToken: 'setup-token-1' }) }, { status: 201 });
      }),
      route('patch', `${ADMIN_PATHS.users}/:id`, (body, { id }) => {
        const user = this.users.find((u) => u.id === id);
        if (!user) return error(404, 'not_found', 'No such user');
        return Object.assign(user, body as object);
      }),
      route('get', ADMIN_PATHS.tokens, () => ({ tokens: this.tokens }), false),
      route(
        'post',
        ADMIN_PATHS.tokens,
        (body) => {
          const input = body as { name?: string; expiresAt?: string };
          const session = this.desk.session;
          const token: ApiToken = { id: `t-${this.tokens.length + 1}`, name: input.name ?? 'api', userId: session?.id ?? '', userName: session?.name ?? '', userEmail: session?.email ?? '', createdAt: new Date().toISOString(), active: true, ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}) };
          this.tokens.push(token);
          return HttpResponse.json({ token: `sori_secret_${token.id}`, id: token.id }, { status: 201 });
        },
        false,
      ),
      route(
        'delete',
        `${ADMIN_PATHS.tokens}/:id`,
        (_body, { id }) => {
          this.tokens = this.tokens.filter((t) => t.id !== id);
          return undefined;
        },
        false,
      ),
      route('get', ADMIN_PATHS.webhooks, () => ({ webhooks: this.webhooks })),
      route('post', ADMIN_PATHS.webhooks, (body) => {
        const input = body as WebhookInput;
        const webhook: Webhook = { id: `w-${this.webhooks.length + 1}`, siteId: input.siteId, url: input.url, events: input.events ?? [], createdAt: new Date().toISOString(), ...(input.department ? { department: input.department } : {}) };
        this.webhooks.push(webhook);
        return HttpResponse.json({ webhook, secret: 'whsec_shown_once' }, { status: 201 });
      }),
      route('delete', `${ADMIN_PATHS.webhooks}/:id`, (_body, { id }) => {
        this.webhooks = this.webhooks.filter((w) => w.id !== id);
        return undefined;
      }),
      route('get', `${ADMIN_PATHS.webhooks}/:id/deliveries`, (_body, { id }) => ({ notifications: this.deliveries.get(id ?? '') ?? [] })),
      route('post', '/v1/desk/notifications/:id/retry', (_body, { id }) => {
        const call = [...this.deliveries.values()].flat().find((n) => String(n.id) === id);
        if (!call) return error(404, 'not_found', 'No such notification');
        return Object.assign(call, { state: 'pending' });
      }),
    ];
  }
}
