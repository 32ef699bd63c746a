import Type from 'typebox';
import { KINDS, WEBHOOK_EVENTS, WEEKDAYS } from './constants.js';
import { KindSchema, Timestamp } from './common.js';
import { RoleSchema } from './desk.js';

/**
 * The owner's side of the desk API (admins only unless said otherwise): sites and their settings,
 * business hours, routing, staff, API tokens, webhooks and the audit of every settings change.
 * Paths are in `ADMIN_PATHS` (constants.ts).
 */

/** An object with some of `keys`, each holding `schema`, and nothing else. */
function someOf<K extends string, S extends Type.TSchema>(keys: readonly K[], schema: S) {
  const properties = Object.fromEntries(keys.map((key) => [key, Type.Optional(schema)])) as { [P in K]: Type.TOptional<S> };
  return Type.Object(properties, { additionalProperties: false });
}

/** A time of day on a site's clock, `HH:MM`, 24-hour. `24:00` ends a day. */
export const ClockTime = Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' });

/** One opening span of a weekday, `from` before `to`, on the site's clock. */
export const OpeningSpan = Type.Object({ from: ClockTime, to: ClockTime }, { additionalProperties: false });
export type OpeningSpan = Type.Static<typeof OpeningSpan>;

/**
 * When a site answers: weekly opening spans per weekday (`sun`…`sat`; a weekday left out or
 * empty is closed), the IANA time zone they are in, and holidays (closed all day, `YYYY-MM-DD`
 * on the site's clock). A site without business hours is always open.
 */
export const BusinessHours = Type.Object(
  {
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    weekly: someOf(WEEKDAYS, Type.Array(OpeningSpan, { maxItems: 8 })),
    holidays: Type.Array(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }), { maxItems: 400, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type BusinessHours = Type.Static<typeof BusinessHours>;

/** Minutes per kind (a service-standard target); a kind left out keeps its default. */
export const MinutesPerKind = someOf(KINDS, Type.Integer({ minimum: 1, maximum: 525600 }));
export type MinutesPerKind = Type.Static<typeof MinutesPerKind>;

const Department = Type.String({ minLength: 1, maxLength: 100 });

/**
 * Where a new submission goes on arrival: a department per kind, and per product (a product's
 * department wins over its kind's). With `roundRobin`, it is also assigned to the next active
 * agent of that department who belongs to the site. Each automatic step is a timeline event
 * with author `system`.
 */
export const RoutingDefaults = Type.Object(
  {
    byKind: Type.Optional(someOf(KINDS, Department)),
    byProduct: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 200 }), Department)),
    /** @default false */
    roundRobin: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RoutingDefaults = Type.Static<typeof RoutingDefaults>;

/** Everything a site owner sets; a setting left out keeps its default. */
export const SiteSettings = Type.Object(
  {
    /** Kinds the widget offers. @default all four */
    kinds: Type.Optional(Type.Array(KindSchema, { minItems: 1, uniqueItems: true })),
    products: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000, uniqueItems: true })),
    /** @default DEFAULT_DEPARTMENTS */
    departments: Type.Optional(Type.Array(Department, { minItems: 1, maxItems: 100, uniqueItems: true })),
    /** First-response target per kind, in minutes of business hours. @default DEFAULT_SLA_MINUTES */
    slaMinutes: Type.Optional(MinutesPerKind),
    /** Resolution target per kind, in minutes of business hours. @default DEFAULT_RESOLUTION_MINUTES */
    resolutionMinutes: Type.Optional(MinutesPerKind),
    /** Left out: always open. */
    businessHours: Type.Optional(BusinessHours),
    routing: Type.Optional(RoutingDefaults),
    /** Days after a resolution without a rating before the shopper is on the follow-up (happy call) list. @default DEFAULT_FOLLOW_UP_DAYS */
    followUpDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
    /** The widget's language unless the shopper's browser asks for another it has (`ko`, `en`). */
    locale: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$' })),
    /** Theme colours, e.g. `{ "accent": "#0a7" }`: CSS colour values only. */
    theme: Type.Optional(Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9-]{0,40}$' }), Type.String({ maxLength: 100 }))),
    /** The widget's own strings, overriding its locale file per key (plain text). */
    strings: Type.Optional(Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_.]{0,60}$' }), Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export type SiteSettings = Type.Static<typeof SiteSettings>;

/** A site as its owner sees and edits it. */
export const AdminSite = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** The public site key (`pk_…`) for the script tag's `data-site`. */
  key: Type.String(),
  origins: Type.Array(Type.String()),
  settings: SiteSettings,
  createdAt: Timestamp,
});
export type AdminSite = Type.Static<typeof AdminSite>;

/** Answer of `GET /v1/desk/admin/sites`, by name. */
export const AdminSiteList = Type.Object({ sites: Type.Array(AdminSite) });
export type AdminSiteList = Type.Static<typeof AdminSiteList>;

/** Body of `POST /v1/desk/admin/sites`. */
export const SiteCreateInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    origins: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { minItems: 1, maxItems: 100 }),
    settings: Type.Optional(SiteSettings),
  },
  { additionalProperties: false },
);
export type SiteCreateInput = Type.Static<typeof SiteCreateInput>;

/**
 * Body of `PATCH /v1/desk/admin/sites/:id`. Each setting given replaces that setting whole
 * (`null` puts its default back); origins are added and removed one by one. Removing the last
 * origin needs `confirmNoOrigins: true` (a site without origins takes no submissions).
 */
export const SiteUpdateInput = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    addOrigins: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { minItems: 1, maxItems: 100 })),
    removeOrigins: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { minItems: 1, maxItems: 100 })),
    confirmNoOrigins: Type.Optional(Type.Boolean()),
    settings: Type.Optional(
      Type.Object(
        Object.fromEntries(
          Object.entries(SiteSettings.properties).map(([key, schema]) => [key, Type.Optional(Type.Union([schema, Type.Null()]))]),
        ),
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type SiteUpdateInput = {
  name?: string;
  addOrigins?: string[];
  removeOrigins?: string[];
  confirmNoOrigins?: boolean;
  settings?: { [K in keyof SiteSettings]?: SiteSettings[K] | null };
};

/** What an audit entry is about. */
export const AUDIT_SUBJECTS = ['site', 'user', 'token', 'webhook'] as const;
export type AuditSubject = (typeof AUDIT_SUBJECTS)[number];

/** One settings change: who, when, on what, and each field's value before and after (secrets never shown). */
export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  actorId: Type.Union([Type.String(), Type.Null()]),
  /** The user's name, or `cli` for a change made with `pnpm sori`. */
  actorName: Type.String(),
  subject: Type.Enum(AUDIT_SUBJECTS),
  subjectId: Type.String(),
  /** The site the subject belongs to, if any. */
  siteId: Type.Union([Type.String(), Type.Null()]),
  /** E.g. `created`, `updated`, `disabled`, `revoked`, `deleted`, `secret_rotated`, `password_reset`. */
  action: Type.String(),
  changes: Type.Record(Type.String(), Type.Object({ from: Type.Unknown(), to: Type.Unknown() })),
});
export type AuditEntry = Type.Static<typeof AuditEntry>;

/** Query of `GET /v1/desk/admin/audit`: newest first, keyset paged by `before` (an entry id). */
export const AuditQuery = Type.Object(
  {
    subject: Type.Optional(Type.Enum(AUDIT_SUBJECTS)),
    subjectId: Type.Optional(Type.String({ maxLength: 100 })),
    siteId: Type.Optional(Type.String({ maxLength: 100 })),
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    /** @default 100 */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Type.Static<typeof AuditQuery>;

/** Answer of `GET /v1/desk/admin/audit`. */
export const AuditList = Type.Object({ entries: Type.Array(AuditEntry) });
export type AuditList = Type.Static<typeof AuditList>;

/** A user as admins see them: with sites, whether disabled, alerts on or off. */
export const AdminUser = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  department: Type.Union([Type.String(), Type.Null()]),
  /** Sites whose submissions an agent sees; admins see every site whatever this holds. */
  siteIds: Type.Array(Type.String()),
  disabled: Type.Boolean(),
  /** Emails on new complaints and submissions about to breach their target. */
  alerts: Type.Boolean(),
  /** `false` while a user invited without a password has not set one yet. */
  passwordSet: Type.Boolean(),
  createdAt: Timestamp,
});
export type AdminUser = Type.Static<typeof AdminUser>;

/** Answer of `GET /v1/desk/admin/users`, by name. */
export const AdminUserList = Type.Object({ users: Type.Array(AdminUser) });
export type AdminUserList = Type.Static<typeof AdminUserList>;

/**
 * Body of `POST /v1/desk/admin/users` (invite). With `password`, the user signs in with it; without,
 * the answer holds a one-time `setupToken` the new user sets their password with
 * (`POST /v1/desk/session/setup`), valid for 7 days.
 */
export const UserInviteInput = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    role: RoleSchema,
    password: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })),
    /** @default the part of the email before the `@` */
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    department: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** @default [] */
    siteIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 1000, uniqueItems: true })),
    /** @default true */
    alerts: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UserInviteInput = Type.Static<typeof UserInviteInput>;

/** Answer of `POST /v1/desk/admin/users`: the user, and their setup token once if no password was given. */
export const UserInvited = Type.Object({ user: AdminUser, setupToken: Type.Optional(Type.String()) });
export type UserInvited = Type.Static<typeof UserInvited>;

/** Body of `PATCH /v1/desk/admin/users/:id`. Disabling ends the user's sessions and stops their tokens at once. */
export const UserUpdateInput = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    role: Type.Optional(RoleSchema),
    department: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    siteIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 1000, uniqueItems: true })),
    disabled: Type.Optional(Type.Boolean()),
    alerts: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UserUpdateInput = Type.Static<typeof UserUpdateInput>;

/**
 * Body of `POST /v1/desk/admin/users/:id/password` (an admin resets another's password). With
 * `password` it is set; without, the answer holds a new setup token. Either way the user's
 * sessions end.
 */
export const PasswordResetInput = Type.Object(
  { password: Type.Optional(Type.String({ minLength: 10, maxLength: 200 })) },
  { additionalProperties: false },
);
export type PasswordResetInput = Type.Static<typeof PasswordResetInput>;

/** Answer of `POST /v1/desk/admin/users/:id/password`. */
export const PasswordReset = Type.Object({ setupToken: Type.Optional(Type.String()) });
export type PasswordReset = Type.Static<typeof PasswordReset>;

/** Body of `PUT /v1/desk/session/password` (any user, their own): needs the current one. Other sessions end. */
export const PasswordChangeInput = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 10, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type PasswordChangeInput = Type.Static<typeof PasswordChangeInput>;

/** Body of `POST /v1/desk/session/setup` (no sign-in needed): an invited user sets their password. */
export const PasswordSetupInput = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200 }), password: Type.String({ minLength: 10, maxLength: 200 }) },
  { additionalProperties: false },
);
export type PasswordSetupInput = Type.Static<typeof PasswordSetupInput>;

/** Body of `PATCH /v1/desk/session/preferences` (any user, their own). */
export const PreferencesInput = Type.Object(
  { alerts: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export type PreferencesInput = Type.Static<typeof PreferencesInput>;

/** Answer of `GET|PATCH /v1/desk/session/preferences`. */
export const Preferences = Type.Object({ alerts: Type.Boolean() });
export type Preferences = Type.Static<typeof Preferences>;

/** An API token as listed (never the token itself). */
export const ApiToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  userId: Type.String(),
  userName: Type.String(),
  userEmail: Type.String(),
  createdAt: Timestamp,
  lastUsedAt: Type.Optional(Timestamp),
  expiresAt: Type.Optional(Timestamp),
  /** Whether it still works (not expired; its user not disabled). */
  active: Type.Boolean(),
});
export type ApiToken = Type.Static<typeof ApiToken>;

/**
 * Answer of `GET /v1/desk/tokens`: a user's own tokens; an admin sees everyone's. `lastUsedAt` is
 * updated at most once a minute.
 */
export const ApiTokenList = Type.Object({ tokens: Type.Array(ApiToken) });
export type ApiTokenList = Type.Static<typeof ApiTokenList>;

/** Body of `PATCH /v1/desk/webhooks/:id`. */
export const WebhookUpdateInput = Type.Object(
  {
    url: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 })),
    department: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    events: Type.Optional(Type.Array(Type.Enum(WEBHOOK_EVENTS), { minItems: 1, uniqueItems: true })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type WebhookUpdateInput = Type.Static<typeof WebhookUpdateInput>;

/** Query of `GET /v1/desk/webhooks`. */
export const WebhookListQuery = Type.Object({ siteId: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false });
export type WebhookListQuery = Type.Static<typeof WebhookListQuery>;

/** Answer of `POST /v1/desk/webhooks/:id/secret`: the new signing secret, shown once; the old one stops at once. */
export const WebhookSecret = Type.Object({ secret: Type.String() });
export type WebhookSecret = Type.Static<typeof WebhookSecret>;

/**
 * Answer of `POST /v1/desk/webhooks/:id/test`: a signed `webhook.test` call made right away (not
 * through the outbox) and how the receiver answered.
 */
export const WebhookTestResult = Type.Object({
  outcome: Type.Union([Type.Literal('sent'), Type.Literal('failed')]),
  /** The receiver's HTTP status, if it answered. */
  status: Type.Optional(Type.Integer()),
  error: Type.Optional(Type.String()),
});
export type WebhookTestResult = Type.Static<typeof WebhookTestResult>;

/**
 * The expected first answer per kind as the widget shows it ("we answer by 10:00 tomorrow"),
 * computed with the site's business hours for a submission sent now. Part of `GET /v1/site`.
 */
export const ExpectedResponse = Type.Object({
  /** When this was computed (the server's clock): the times hold for a submission sent then. */
  at: Timestamp,
  /** Whether the site is within its business hours now (always `true` without hours). */
  open: Type.Boolean(),
  /** When the site opens next, if closed now. */
  opensAt: Type.Optional(Timestamp),
  /** The site's IANA time zone, to show the time as the shop's clock says it, if wanted. */
  timeZone: Type.Optional(Type.String()),
  /** Per enabled kind: by when the first answer is expected for a submission sent at `at`. */
  by: Type.Record(Type.String(), Timestamp),
});
export type ExpectedResponse = Type.Static<typeof ExpectedResponse>;
