import Type from 'typebox';
import { ErrorDetail, Timestamp } from './common.js';
import { DeskEvent, DeskSubmission } from './desk.js';

/**
 * Finding one person (a reporter, or the several reporters one person used on several browsers)
 * for their right of access and erasure: by the email or phone they left, or by any tracking
 * number of theirs. At least one is needed.
 */
export const PersonQuery = Type.Object(
  {
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ()-]{6,32}$' })),
    trackingNumber: Type.Optional(Type.String({ minLength: 4, maxLength: 32 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PersonQuery = Type.Static<typeof PersonQuery>;

/** Body of `POST /v1/desk/people/erasure`: whom, and why (the timeline keeps the reason). */
export const PersonErasure = Type.Object(
  {
    person: PersonQuery,
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type PersonErasure = Type.Static<typeof PersonErasure>;

/** An email or webhook call stored about a submission, as the person's export shows it. */
export const ExportedNotification = Type.Object({
  channel: Type.String(),
  target: Type.String(),
  state: Type.String(),
  createdAt: Timestamp,
  payload: Type.Unknown(),
});

/** Everything stored about a person: their submissions with whole timelines, and what was sent about them. */
export const PersonData = Type.Object({
  exportedAt: Timestamp,
  reporters: Type.Array(Type.Object({ id: Type.String(), createdAt: Timestamp })),
  submissions: Type.Array(
    Type.Object({
      submission: DeskSubmission,
      timeline: Type.Array(DeskEvent),
      notifications: Type.Array(ExportedNotification),
    }),
  ),
});
export type PersonData = Type.Static<typeof PersonData>;

/** Answer of an erasure: how many submissions were erased, and of how many reporters. */
export const ErasureResult = Type.Object({
  reporters: Type.Integer({ minimum: 0 }),
  submissions: Type.Integer({ minimum: 0 }),
  /** Emails and webhook calls that were still waiting and will never be sent. */
  cancelledNotifications: Type.Integer({ minimum: 0 }),
});
export type ErasureResult = Type.Static<typeof ErasureResult>;
