import {
  DEFAULT_FOLLOW_UP_DAYS,
  LOW_RATING_SCORE,
  type DeskChange,
  type FollowUp,
  type FollowUpInput,
  type FollowUpList,
  type FollowUpQuery,
  type FollowUpReason,
  type Rating,
} from '@sori/protocol';
import type { Kysely } from 'kysely';
import { dialectOf } from '../db/database.js';
import { ratingScore } from '../db/dialect-sql.js';
import type { Database } from '../db/schema.js';
import { errors } from '../errors.js';
import { REOPENED } from './desk.js';
import { assertCanSee, inUserSites } from './site-scope.js';
import type { SiteSettings } from './sites.js';
import { toDeskSubmission, type SubmissionRow } from './submissions.js';
import { toDeskEvent } from './timeline.js';
import type { UnitOfWork } from './unit-of-work.js';
import type { User } from './users.js';

/** Candidates read at a time, in the list's order, until the list is full. */
const PAGE = 500;
const DAY_MS = 86_400_000;

/** Why a submission is on the follow-up list now; none: it is not. */
export function followUpReasons(row: SubmissionRow, followUpDays: number, now: Date): FollowUpReason[] {
  if (row.kind !== 'complaint') return [];
  const rating = row.rating ? (JSON.parse(row.rating) as Rating) : undefined;
  // Reached since the last resolution and the last rating: this round is done.
  const since = [row.resolved_at, row.rated_at].reduce<string>((a, b) => (b && b > a ? b : a), '');
  if (row.follow_up_outcome && row.follow_up_outcome !== 'no_answer' && row.follow_up_at && row.follow_up_at >= since) return [];
  const reasons: FollowUpReason[] = [];
  if (row.resolved_at && row.contact_preference === 'phone') reasons.push('call_back');
  const unrated = row.rated_at === null || (row.resolved_at !== null && row.rated_at < row.resolved_at);
  if (row.resolved_at && unrated && now.getTime() - Date.parse(row.resolved_at) >= followUpDays * DAY_MS) reasons.push('not_rated');
  if (rating && rating.score <= LOW_RATING_SCORE) reasons.push('low_rating');
  return reasons;
}

/**
 * The follow-up list (the happy call): resolved complaints whose shopper asked for a call back,
 * did not rate within the site's `followUpDays`, or rated 2 or less — until a call reaches them.
 * Longest resolved first.
 */
export async function listFollowUps(db: Kysely<Database>, query: FollowUpQuery, user: User, now = new Date()): Promise<FollowUpList> {
  const dialect = dialectOf(db);
  // The engine narrows to complaints that may be on the list — not yet reached since their last
  // resolution or rating, and with a reason that does not depend on the site's days — and
  // `followUpReasons` decides. So however old, none waits behind a cap on how many are looked at.
  let q = db
    .selectFrom('submissions')
    .selectAll()
    .where(inUserSites(user))
    .where('kind', '=', 'complaint')
    .where((eb) =>
      eb.or([
        eb('follow_up_outcome', 'is', null),
        eb('follow_up_outcome', '=', 'no_answer'),
        eb('follow_up_at', 'is', null),
        eb('follow_up_at', '<', eb.ref('resolved_at')),
        eb('follow_up_at', '<', eb.ref('rated_at')),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb.and([
          eb('resolved_at', 'is not', null),
          eb.or([eb('contact_preference', '=', 'phone'), eb('rated_at', 'is', null), eb('rated_at', '<', eb.ref('resolved_at'))]),
        ]),
        eb.and([eb('rating', 'is not', null), eb(ratingScore(dialect, 'rating'), '<=', LOW_RATING_SCORE)]),
      ]),
    );
  if (query.siteId) q = q.where('site_id', '=', query.siteId);
  // Longest resolved first (a low rating after a reopen has no resolution: its last change).
  q = q.orderBy((eb) => eb.fn.coalesce('resolved_at', 'updated_at')).orderBy('id');
  const sites = await db.selectFrom('sites').select(['id', 'settings']).execute();
  const days = new Map(sites.map((s) => [s.id, (JSON.parse(s.settings) as SiteSettings).followUpDays ?? DEFAULT_FOLLOW_UP_DAYS]));
  const limit = query.limit ?? 100;
  const entries: FollowUp[] = [];
  for (let offset = 0; entries.length < limit; offset += PAGE) {
    const rows = await q.limit(PAGE).offset(offset).execute();
    for (const row of rows) {
      const [first, ...rest] = followUpReasons(row, days.get(row.site_id) ?? DEFAULT_FOLLOW_UP_DAYS, now);
      if (!first) continue;
      entries.push({
        submission: toDeskSubmission(row),
        reasons: [first, ...rest],
        ...(row.follow_up_outcome ? { lastOutcome: row.follow_up_outcome } : {}),
        ...(row.follow_up_at ? { lastOutcomeAt: row.follow_up_at } : {}),
      });
    }
    if (rows.length < PAGE) break;
  }
  return { followUps: entries.slice(0, limit) };
}

/**
 * Records how a follow-up call went, with who and when, as a staff-only timeline event. Reached
 * and not satisfied reopens a resolved or closed submission (a public status change); no answer
 * keeps it on the list to try again.
 */
export async function recordFollowUp(unit: UnitOfWork, id: string, input: FollowUpInput, user: User): Promise<DeskChange> {
  const row = await unit.db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound(`Submission ${id}`);
  assertCanSee(user, row.site_id, id);
  const now = new Date().toISOString();
  const reopen = input.outcome === 'reached_not_satisfied' && (row.status === 'resolved' || row.status === 'closed');
  const updated = await unit.db
    .updateTable('submissions')
    .set({ follow_up_outcome: input.outcome, follow_up_at: now, updated_at: now, ...(reopen ? { ...REOPENED, status: 'reopened' as const } : {}) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  let event = await unit.appendEvent({
    type: 'follow_up',
    submission: reopen ? { ...updated, status: row.status, awaiting: row.awaiting } : updated,
    author: 'staff',
    actor: user,
    public: false,
    text: input.note,
    data: { outcome: input.outcome },
    at: now,
  });
  if (reopen) {
    event = await unit.appendEvent({
      type: 'status',
      submission: updated,
      author: 'staff',
      actor: user,
      public: true,
      data: { from: row.status, to: 'reopened', reason: 'follow_up' },
      at: now,
    });
  }
  return { submission: toDeskSubmission(updated), event: toDeskEvent(event) };
}
