import Type from 'typebox';
import { FIRST_RESPONSE_BANDS, KINDS, RECOVERY_SEGMENTS } from './constants.js';
import { KindSchema, Timestamp } from './common.js';

/**
 * The VOC analysis (step 9) of `GET /v1/desk/analysis`: volumes, service standards, recovery and
 * satisfaction over a date range. Every figure carries `drill`: the query of
 * `GET /v1/desk/submissions` that lists exactly the submissions behind it.
 */

/** How volumes over time are bucketed (UTC days; weeks start on Monday). */
export const ANALYSIS_INTERVALS = ['day', 'week', 'month'] as const;
export type AnalysisInterval = (typeof ANALYSIS_INTERVALS)[number];

/** Query of `GET /v1/desk/analysis`: submissions received in `[from, to)`. */
export const AnalysisQuery = Type.Object(
  {
    from: Timestamp,
    to: Timestamp,
    siteId: Type.Optional(Type.String({ maxLength: 100 })),
    /** @default 'day' */
    interval: Type.Optional(Type.Enum(ANALYSIS_INTERVALS)),
    /** Also count the period of the same length just before `from`. */
    compare: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AnalysisQuery = Type.Static<typeof AnalysisQuery>;

/** Query parameters of `GET /v1/desk/submissions` that list the submissions behind a figure. */
export const DrillDown = Type.Record(Type.String(), Type.String());
export type DrillDown = Type.Static<typeof DrillDown>;

/** How many, and their share of the whole; `share` is `null` when the whole is empty ("no data", never 0 %). */
export const Portion = Type.Object({ count: Type.Integer({ minimum: 0 }), share: Type.Union([Type.Number(), Type.Null()]) });
export type Portion = Type.Static<typeof Portion>;

const KindCounts = Type.Record(Type.Enum(KINDS), Type.Integer({ minimum: 0 }));

/** Scores 1 to 5: how many ratings gave each (index 0 is score 1). */
const ScoreCounts = Type.Array(Type.Integer({ minimum: 0 }), { minItems: 5, maxItems: 5 });

/** First responses on or before the submission's due time, among those that were due. */
const Compliance = Type.Object({
  key: Type.Union([Type.String(), Type.Null()]),
  /** Submissions answered, and unanswered ones past their due time. */
  due: Type.Integer({ minimum: 0 }),
  met: Portion,
  drill: DrillDown,
});

const CsatRow = Type.Object({
  key: Type.Union([Type.String(), Type.Null()]),
  scores: ScoreCounts,
  count: Type.Integer({ minimum: 0 }),
  average: Type.Union([Type.Number(), Type.Null()]),
  drill: DrillDown,
});

/** Answer of `GET /v1/desk/analysis`. Times in minutes; shares between 0 and 1, `null` for no data. */
export const Analysis = Type.Object({
  from: Timestamp,
  to: Timestamp,
  interval: Type.Enum(ANALYSIS_INTERVALS),
  total: Type.Integer({ minimum: 0 }),
  byKind: Type.Array(Type.Object({ kind: KindSchema, count: Type.Integer(), previous: Type.Optional(Type.Integer()), drill: DrillDown })),
  /** The period of the same length before `from`, when asked to compare. */
  previous: Type.Optional(Type.Object({ from: Timestamp, to: Timestamp, total: Type.Integer(), byKind: KindCounts })),
  /** Submissions per bucket of `interval`, by kind; empty buckets included. */
  volume: Type.Array(Type.Object({ start: Timestamp, end: Timestamp, total: Type.Integer(), byKind: KindCounts, drill: DrillDown })),
  /** Product × kind (the heat map); `product` `null` when none was given. */
  productKind: Type.Array(Type.Object({ product: Type.Union([Type.String(), Type.Null()]), kind: KindSchema, count: Type.Integer(), drill: DrillDown })),
  departments: Type.Array(
    Type.Object({ department: Type.Union([Type.String(), Type.Null()]), count: Type.Integer(), complaints: Type.Integer(), drill: DrillDown }),
  ),
  firstResponse: Type.Object({
    /** The site's first-response targets per kind (the defaults when no site is chosen). */
    targetMinutes: KindCounts,
    count: Type.Integer(),
    p50: Type.Union([Type.Number(), Type.Null()]),
    p90: Type.Union([Type.Number(), Type.Null()]),
    /** Shares of all submissions in the range. */
    bands: Type.Array(Type.Object({ band: Type.Enum(FIRST_RESPONSE_BANDS), portion: Portion, drill: DrillDown })),
  }),
  resolution: Type.Object({
    targetMinutes: KindCounts,
    count: Type.Integer(),
    p50: Type.Union([Type.Number(), Type.Null()]),
    p90: Type.Union([Type.Number(), Type.Null()]),
  }),
  compliance: Type.Object({ byKind: Type.Array(Compliance), byDepartment: Type.Array(Compliance), byAssignee: Type.Array(Compliance) }),
  recovery: Type.Array(
    Type.Object({
      segment: Type.Enum(RECOVERY_SEGMENTS),
      /** Submissions in the segment, and their share of the range. */
      portion: Portion,
      ratings: Type.Integer({ minimum: 0 }),
      /** Average score of its ratings; `null` with none. */
      satisfaction: Type.Union([Type.Number(), Type.Null()]),
      /** Ratings that would buy again, of the segment's ratings. */
      wouldBuyAgain: Portion,
      /** Follow-up calls' last outcomes (the happy call), beside the widget's ratings. */
      followUps: Type.Object({ reached_satisfied: Type.Integer(), reached_not_satisfied: Type.Integer(), no_answer: Type.Integer() }),
      drill: DrillDown,
    }),
  ),
  csat: Type.Object({
    overall: CsatRow,
    byKind: Type.Array(CsatRow),
    byDepartment: Type.Array(CsatRow),
    byAssignee: Type.Array(CsatRow),
  }),
  /** The newest ratings with a comment (at most 50). */
  comments: Type.Array(
    Type.Object({
      submissionId: Type.String(),
      trackingNumber: Type.String(),
      kind: KindSchema,
      score: Type.Integer(),
      wouldBuyAgain: Type.Boolean(),
      comment: Type.String(),
      at: Timestamp,
    }),
  ),
});
export type Analysis = Type.Static<typeof Analysis>;

/** The tables of the analysis that `GET /v1/desk/analysis.csv?table=…` exports. */
export const ANALYSIS_TABLES = ['volume', 'product_kind', 'departments', 'first_response', 'compliance', 'recovery', 'csat', 'comments'] as const;
export type AnalysisTable = (typeof ANALYSIS_TABLES)[number];

/** Query of `GET /v1/desk/analysis.csv`: the analysis query and the table to export. */
export const AnalysisCsvQuery = Type.Object(
  { ...AnalysisQuery.properties, table: Type.Enum(ANALYSIS_TABLES) },
  { additionalProperties: false },
);
export type AnalysisCsvQuery = Type.Static<typeof AnalysisCsvQuery>;

/** Inbox filters the analysis drills down with (added to `InboxQuery`). */
export const RecoverySegmentSchema = Type.Enum(RECOVERY_SEGMENTS);
export const FirstResponseBandSchema = Type.Enum(FIRST_RESPONSE_BANDS);
