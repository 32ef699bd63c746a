import {
  publicStatusOf,
  SubmissionInput,
  type Contact,
  type Context,
  type ErrorDetail,
  type DeskSubmission,
  type Rating,
  type Receipt,
  type SubmissionResult,
} from '@sori/protocol';
import type { Selectable } from 'kysely';
import type { SubmissionTable } from '../db/schema.js';
import { insertRows } from '../db/rows.js';
import { clientIdOf, rejected, validator } from '../validation.js';
import { firstResponseDue, resolutionDue, type Site } from './sites.js';
import { newId, sha256, trackingNumber } from './secrets.js';
import { queueWebhookCalls } from './notifications.js';
import { routeOnArrival } from './routing.js';
import { queueStaffAlerts } from './staff-alerts.js';
import type { UnitOfWork } from './unit-of-work.js';

/** A submission as stored. */
export type SubmissionRow = Selectable<SubmissionTable>;

const checkSubmission = validator(SubmissionInput);

/** Forms filled faster than this are flagged for staff as likely automated (never dropped). */
const MIN_HUMAN_FILL_MS = 1500;

/** Stable JSON: the same submission always hashes the same, whatever order its keys came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A way back to the shopper that cannot work is refused now, not discovered when answering. */
function contactProblem(submission: SubmissionInput): ErrorDetail | undefined {
  const contact = submission.contact;
  if (contact?.preference === 'email' && !contact.email) {
    return { code: 'invalid', field: 'contact.email', message: 'An answer by email needs "contact.email"' };
  }
  if (contact?.preference === 'phone' && (!contact.phone || !contact.consent)) {
    return { code: 'invalid', field: contact.phone ? 'contact.consent' : 'contact.phone', message: 'A call back needs "contact.phone" and "contact.consent": true' };
  }
  return undefined;
}

function spamReason(submission: SubmissionInput): string | null {
  if (submission.trap) return 'honeypot field filled';
  if (submission.fillMs !== undefined && submission.fillMs < MIN_HUMAN_FILL_MS) return `form filled in ${submission.fillMs} ms`;
  return null;
}

/** The receipt of a stored submission: what `accepted` and `duplicate` carry. */
export function receiptOf(row: SubmissionRow): Receipt {
  return {
    id: row.id,
    trackingNumber: row.tracking_number,
    status: row.status,
    publicStatus: publicStatusOf(row.status, row.awaiting),
    receivedAt: row.received_at,
    expectedResponseBy: row.expected_response_by,
    expectedResponseMinutes: Math.round(
      (Date.parse(row.expected_response_by) - Date.parse(row.received_at)) / 60_000,
    ),
  };
}

/** One reporter's batch, as one request sent it. */
export interface SubmissionBatchOf {
  site: Site;
  reporterId: string;
  submissions: unknown[];
}

/** A valid submission of a batch, with the row it becomes. */
interface Candidate {
  batch: number;
  index: number;
  input: SubmissionInput;
  bodyHash: string;
  row: SubmissionRow;
}

function rowOf(site: Site, reporterId: string, submission: SubmissionInput, bodyHash: string, now: Date, receivedAt: string): SubmissionRow {
  return {
    id: newId(),
    site_id: site.id,
    reporter_id: reporterId,
    client_id: submission.clientId,
    body_hash: bodyHash,
    tracking_number: trackingNumber(),
    kind: submission.kind,
    message: submission.message,
    contact: submission.contact ? JSON.stringify(submission.contact) : null,
    contact_preference: submission.contact?.preference ?? 'widget',
    product: submission.product ?? null,
    order_ref: submission.orderRef ?? null,
    page_url: submission.pageUrl ?? null,
    locale: submission.locale ?? null,
    context: submission.context ? JSON.stringify(submission.context) : null,
    spam_reason: spamReason(submission),
    status: 'received',
    awaiting: 'staff',
    department: null,
    assignee_id: null,
    created_at: submission.createdAt,
    received_at: receivedAt,
    updated_at: receivedAt,
    expected_response_by: firstResponseDue(site, submission.kind, now).toISOString(),
    resolution_due_by: resolutionDue(site, submission.kind, now).toISOString(),
    breach_alerted_at: null,
    rated_at: null,
    resolution_met: null,
    follow_up_outcome: null,
    follow_up_at: null,
    first_response_at: null,
    resolved_at: null,
    closed_reason: null,
    rating: null,
  };
}

/** Why a submission of a batch is refused before anything is written, if it is. */
function refusal(site: Site, submission: SubmissionInput): ErrorDetail | undefined {
  const allowedKinds = site.settings.kinds;
  if (allowedKinds && !allowedKinds.includes(submission.kind)) {
    return { code: 'invalid', field: 'kind', message: `This site does not take "${submission.kind}" submissions` };
  }
  return contactProblem(submission);
}

/**
 * What a submission that was not inserted is: the same one sent again (`duplicate`, with the
 * stored receipt) or another one under a clientId already taken (`rejected`).
 */
function resend(candidate: Candidate, existing: SubmissionRow | undefined): SubmissionResult {
  const { input, bodyHash, row } = candidate;
  if (!existing) throw new Error(`submission ${input.clientId} neither inserted nor found`);
  // The submission alone, byte for byte: the same one sent again under another reporter (a tab
  // that started before the browser's secret was settled) is the duplicate it is, not a conflict.
  // How the first releases hashed it, with the reporter: their resends still match.
  if (existing.body_hash === bodyHash || existing.body_hash === sha256(canonical({ reporterId: row.reporter_id, item: input }))) {
    return { clientId: input.clientId, result: 'duplicate', receipt: receiptOf(existing) };
  }
  return rejected(input.clientId, {
    code: 'conflict',
    field: 'clientId',
    message: 'Another submission was already stored under this clientId; the stored one stands',
  });
}

/**
 * Stores the batches of many requests in one unit of work (a group commit's) and answers, per
 * batch, one result per submission, in order. Each submission is checked on its own, so one bad
 * submission is rejected and the rest still land. The submissions of every batch go in with one
 * statement, and their `received` events with another.
 */
export async function storeSubmissionBatches(unit: UnitOfWork, batches: readonly SubmissionBatchOf[], now = new Date()): Promise<SubmissionResult[][]> {
  const receivedAt = now.toISOString();
  const results: Array<Array<SubmissionResult | undefined>> = [];
  const candidates: Candidate[] = [];
  batches.forEach(({ site, reporterId, submissions }, batch) => {
    const answers: Array<SubmissionResult | undefined> = [];
    results.push(answers);
    submissions.forEach((raw, index) => {
      const checked = checkSubmission(raw);
      if (!checked.ok) return void (answers[index] = rejected(clientIdOf(raw), checked.error));
      const input = checked.value;
      const problem = refusal(site, input);
      if (problem) return void (answers[index] = rejected(input.clientId, problem));
      const bodyHash = sha256(canonical({ item: input }));
      candidates.push({ batch, index, input, bodyHash, row: rowOf(site, reporterId, input, bodyHash, now, receivedAt) });
    });
  });

  const { rows: insertedIds } = await insertRows(unit.db, unit.dialect, 'submissions', candidates.map((c) => c.row), {
    skipConflictsOn: ['site_id', 'client_id'],
    // Read back only to tell which rows went in: the others were sent before.
    returning: ['id'],
  });
  const inserted = new Set(insertedIds.map((r) => r.id));
  const stored = candidates.filter((c) => inserted.has(c.row.id));
  const resent = candidates.filter((c) => !inserted.has(c.row.id));

  if (resent.length > 0) {
    const existing = await unit.db
      .selectFrom('submissions')
      .selectAll()
      .where((eb) => eb.or(resent.map((c) => eb.and([eb('site_id', '=', c.row.site_id), eb('client_id', '=', c.row.client_id)]))))
      .execute();
    const byKey = new Map(existing.map((row) => [`${row.site_id}:${row.client_id}`, row]));
    for (const c of resent) setResult(results, c, resend(c, byKey.get(`${c.row.site_id}:${c.row.client_id}`)));
  }

  await unit.appendEvents(stored.map((c) => ({ type: 'received', submission: c.row, author: 'system', public: true, at: receivedAt })));
  for (const c of stored) {
    await queueWebhookCalls(unit, c.row, null, 'submission.created', toDeskSubmission(c.row));
    // Routing on arrival (its events follow `received`) and the staff's alerts, in this same commit.
    const routed = await routeOnArrival(unit, batches[c.batch]!.site, c.row);
    await queueStaffAlerts(unit, routed);
    setResult(results, c, { clientId: c.input.clientId, result: 'accepted', receipt: receiptOf(routed) });
  }
  return results.map((answers, batch) =>
    answers.map((answer, index) => {
      if (!answer) throw new Error(`no result for submission ${index} of batch ${batch}`);
      return answer;
    }),
  );
}

function setResult(results: Array<Array<SubmissionResult | undefined>>, c: Candidate, result: SubmissionResult): void {
  const answers = results[c.batch];
  if (answers) answers[c.index] = result;
}

/**
 * Stores a batch from one reporter in a unit of work and answers one result per submission, in
 * order. Each is checked on its own, so one bad submission is rejected and the rest still land.
 */
export async function storeSubmissions(
  unit: UnitOfWork,
  site: Site,
  reporterId: string,
  submissions: unknown[],
  now = new Date(),
): Promise<SubmissionResult[]> {
  const [results] = await storeSubmissionBatches(unit, [{ site, reporterId, submissions }], now);
  return results ?? [];
}

function parse<T>(json: string | null): T | undefined {
  return json === null ? undefined : (JSON.parse(json) as T);
}

/** Staff's view of a submission row. */
export function toDeskSubmission(row: SubmissionRow): DeskSubmission {
  const out: DeskSubmission = {
    id: row.id,
    clientId: row.client_id,
    trackingNumber: row.tracking_number,
    siteId: row.site_id,
    kind: row.kind,
    message: row.message,
    status: row.status,
    publicStatus: publicStatusOf(row.status, row.awaiting),
    awaiting: row.awaiting,
    createdAt: row.created_at,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    expectedResponseBy: row.expected_response_by,
  };
  if (row.resolution_due_by !== null) out.resolutionDueBy = row.resolution_due_by;
  const contact = parse<Contact>(row.contact);
  if (contact) out.contact = contact;
  const context = parse<Context>(row.context);
  if (context) out.context = context;
  const rating = parse<Rating>(row.rating);
  if (rating) out.rating = rating;
  if (row.product !== null) out.product = row.product;
  if (row.order_ref !== null) out.orderRef = row.order_ref;
  if (row.page_url !== null) out.pageUrl = row.page_url;
  if (row.locale !== null) out.locale = row.locale;
  if (row.department !== null) out.department = row.department;
  if (row.assignee_id !== null) out.assigneeId = row.assignee_id;
  if (row.spam_reason !== null) out.spamReason = row.spam_reason;
  if (row.first_response_at !== null) out.firstResponseAt = row.first_response_at;
  if (row.resolved_at !== null) out.resolvedAt = row.resolved_at;
  if (row.closed_reason !== null) out.closedReason = row.closed_reason;
  return out;
}
