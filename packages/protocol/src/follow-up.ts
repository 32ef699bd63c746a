import Type from 'typebox';
import { FOLLOW_UP_OUTCOMES, FOLLOW_UP_REASONS } from './constants.js';
import { Timestamp } from './common.js';
import { DeskSubmission } from './desk.js';

/**
 * The happy call (VOC step 8): after a complaint is resolved, staff call back those who asked for
 * it, those who did not rate within the site's `followUpDays`, and those who rated it 2 or less.
 */

/** Query of `GET /v1/desk/follow-ups`. */
export const FollowUpQuery = Type.Object(
  {
    siteId: Type.Optional(Type.String({ maxLength: 100 })),
    /** @default 100 */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type FollowUpQuery = Type.Static<typeof FollowUpQuery>;

/** One entry of the follow-up list: the submission, why it is there, and the last call's outcome. */
export const FollowUp = Type.Object({
  submission: DeskSubmission,
  reasons: Type.Array(Type.Enum(FOLLOW_UP_REASONS), { minItems: 1 }),
  lastOutcome: Type.Optional(Type.Enum(FOLLOW_UP_OUTCOMES)),
  lastOutcomeAt: Type.Optional(Timestamp),
});
export type FollowUp = Type.Static<typeof FollowUp>;

/** Answer of `GET /v1/desk/follow-ups`: the longest resolved first. */
export const FollowUpList = Type.Object({ followUps: Type.Array(FollowUp) });
export type FollowUpList = Type.Static<typeof FollowUpList>;

/** Body of `POST /v1/desk/submissions/:id/follow-ups`: how the call went. */
export const FollowUpInput = Type.Object(
  {
    outcome: Type.Enum(FOLLOW_UP_OUTCOMES),
    /** What the shopper said, for the timeline (staff only). */
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type FollowUpInput = Type.Static<typeof FollowUpInput>;
