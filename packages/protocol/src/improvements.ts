import Type from 'typebox';
import { IMPROVEMENT_STATUSES } from './constants.js';
import { Timestamp } from './common.js';

/**
 * Improvements (VOC step 10): a change a department should make because of what shoppers said,
 * with the submissions behind it. When one is done, every linked shopper is told.
 */

/** One of `IMPROVEMENT_STATUSES`. */
export const ImprovementStatusSchema = Type.Enum(IMPROVEMENT_STATUSES);

const Title = Type.String({ minLength: 1, maxLength: 200 });
const Ids = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 500, uniqueItems: true });

/** Body of `POST /v1/desk/improvements`. The site is the linked submissions' (all of one site). */
export const NewImprovement = Type.Object(
  {
    title: Title,
    department: Type.String({ minLength: 1, maxLength: 100 }),
    /** The user who sees it through. @default nobody */
    ownerId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    /** The VOC submissions behind it: one or many. */
    submissionIds: Ids,
  },
  { additionalProperties: false },
);
export type NewImprovement = Type.Static<typeof NewImprovement>;

/** Body of `PATCH /v1/desk/improvements/:id`. Declining needs a `reason`. */
export const ImprovementPatch = Type.Object(
  {
    title: Type.Optional(Title),
    department: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    ownerId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    status: Type.Optional(ImprovementStatusSchema),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ImprovementPatch = Type.Static<typeof ImprovementPatch>;

/** Body of `POST /v1/desk/improvements/:id/submissions`: more submissions behind it. */
export const ImprovementLinks = Type.Object({ submissionIds: Ids }, { additionalProperties: false });
export type ImprovementLinks = Type.Static<typeof ImprovementLinks>;

/** An improvement as staff see it. */
export const Improvement = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  title: Type.String(),
  department: Type.String(),
  status: ImprovementStatusSchema,
  reason: Type.Optional(Type.String()),
  ownerId: Type.Optional(Type.String()),
  ownerName: Type.Optional(Type.String()),
  /** Linked submissions, and how many of them are complaints. */
  submissionCount: Type.Integer({ minimum: 0 }),
  complaintCount: Type.Integer({ minimum: 0 }),
  submissionIds: Type.Array(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  doneAt: Type.Optional(Timestamp),
});
export type Improvement = Type.Static<typeof Improvement>;

/** Query of `GET /v1/desk/improvements`. */
export const ImprovementQuery = Type.Object(
  {
    siteId: Type.Optional(Type.String({ maxLength: 100 })),
    department: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(ImprovementStatusSchema),
    /** Only those this submission is linked to (the submission view). */
    submissionId: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type ImprovementQuery = Type.Static<typeof ImprovementQuery>;

/** Answer of `GET /v1/desk/improvements`: by department, then newest first; with counts per department. */
export const ImprovementList = Type.Object({
  improvements: Type.Array(Improvement),
  departments: Type.Array(
    Type.Object({ department: Type.String(), improvements: Type.Integer(), submissions: Type.Integer(), complaints: Type.Integer() }),
  ),
});
export type ImprovementList = Type.Static<typeof ImprovementList>;

/** Answer of the improvement's write calls. */
export const ImprovementResult = Type.Object({ improvement: Improvement });
export type ImprovementResult = Type.Static<typeof ImprovementResult>;
