import Type from 'typebox';
import { LIMITS } from './constants.js';
import {
  ClientId,
  ContactPreferenceSchema,
  ErrorDetail,
  KindSchema,
  PublicStatusSchema,
  ReporterSecret,
  SiteKey,
  StatusSchema,
  Timestamp,
} from './common.js';

/** How to reach the shopper outside the widget, with their consent. */
export const Contact = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 100 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ()-]{6,32}$' })),
    /** @default 'widget' */
    preference: Type.Optional(ContactPreferenceSchema),
    /** The shopper agreed to be contacted by email or phone about this submission. */
    consent: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type Contact = Type.Static<typeof Contact>;

/** Page, cart or order data a store attaches to a submission: flat, small, scalar. */
export const Context = Type.Record(
  Type.String({ maxLength: 64 }),
  Type.Union([Type.String({ maxLength: 500 }), Type.Number(), Type.Boolean(), Type.Null()]),
  { maxProperties: 50 },
);
export type Context = Type.Static<typeof Context>;

/** One submission as a shopper sends it. `clientId` is the idempotency key. */
export const SubmissionInput = Type.Object(
  {
    clientId: ClientId,
    kind: KindSchema,
    message: Type.String({ minLength: 1, maxLength: LIMITS.messageChars }),
    contact: Type.Optional(Contact),
    product: Type.Optional(Type.String({ maxLength: 200 })),
    orderRef: Type.Optional(Type.String({ maxLength: 100 })),
    /** The page the shopper was on: an `http:` or `https:` URL, never `javascript:` and the like (staff may open it). */
    pageUrl: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 })),
    locale: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35 })),
    context: Type.Optional(Context),
    /** When the shopper pressed send, by the browser's clock. */
    createdAt: Timestamp,
    /** Honeypot: a field people never see. Anything in it flags the submission as likely spam (never dropped). */
    trap: Type.Optional(Type.String({ maxLength: 200 })),
    /** Milliseconds from opening the form to sending it; very fast fills are flagged for staff. */
    fillMs: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type SubmissionInput = Type.Static<typeof SubmissionInput>;

/**
 * The body of `POST /v1/submissions`. Submissions are checked one by one against
 * {@link SubmissionInput} so that one bad submission is rejected on its own and the rest of the
 * batch still lands.
 */
export const SubmissionBatch = Type.Object(
  {
    /** The site key, when a header cannot be set (keepalive and beacon sends). */
    site: Type.Optional(SiteKey),
    /** The reporter secret, when a header cannot be set. */
    reporter: Type.Optional(ReporterSecret),
    submissions: Type.Array(Type.Unknown(), { minItems: 1, maxItems: LIMITS.batchSize }),
  },
  { additionalProperties: false },
);
export type SubmissionBatch = Type.Static<typeof SubmissionBatch>;

/** What the server says it has, once it has it durably. */
export const Receipt = Type.Object(
  {
    /** The server's id of the submission. */
    id: Type.String(),
    /** A short number the shopper can quote, e.g. `SR-7K2M-QX4P`. */
    trackingNumber: Type.String(),
    status: StatusSchema,
    publicStatus: PublicStatusSchema,
    receivedAt: Timestamp,
    /** When a first human answer is due, from the site's SLA target for the kind. */
    expectedResponseBy: Timestamp,
    expectedResponseMinutes: Type.Integer(),
  },
  {},
);
export type Receipt = Type.Static<typeof Receipt>;

/** The outcome for one submission of a batch. `duplicate` repeats the first receipt. */
export const SubmissionResult = Type.Union(
  [
    Type.Object({ clientId: Type.String(), result: Type.Literal('accepted'), receipt: Receipt }),
    Type.Object({ clientId: Type.String(), result: Type.Literal('duplicate'), receipt: Receipt }),
    Type.Object({ clientId: Type.String(), result: Type.Literal('rejected'), error: ErrorDetail }),
  ],
  {},
);
export type SubmissionResult = Type.Static<typeof SubmissionResult>;

/** The answer to `POST /v1/submissions`: one result per submission, in order. */
export const SubmissionBatchResult = Type.Object({ results: Type.Array(SubmissionResult) });
export type SubmissionBatchResult = Type.Static<typeof SubmissionBatchResult>;
