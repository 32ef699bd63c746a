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
import { eachChecked, rejected, validator } from '../validation.js';
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

async function storeOne(
  unit: UnitOfWork,
  site: Site,
  reporterId: string,
  submission: SubmissionInput,
  now: Date,
): Promise<SubmissionResult> {
  // The submission alone, byte for byte: the same one sent again under another reporter (a tab
  // that started before the browser's secret was settled) is the duplicate it is, not a conflict.
  const bodyHash = sha256(canonical({ item: submission }));
  // How the first releases hashed it, with the reporter; their resends still match.
  const legacyHash = sha256(canonical({ reporterId, item: submission }));
  const receivedAt = now.toISOString();
  const inserted = await unit.db
    .insertInto('submissions')
    .values({
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
      first_response_at: null,
      resolved_at: null,
      closed_reason: null,
      rating: null,
    })
    .onConflict((oc) => oc.columns(['site_id', 'client_id']).doNothing())
    .returningAll()
    .executeTakeFirst();

  if (inserted) {
    await unit.appendEvent({ type: 'received', submission: inserted, author: 'system', public: true, at: receivedAt });
    await queueWebhookCalls(unit, inserted, null, 'submission.created', toDeskSubmission(inserted));
    const routed = await routeOnArrival(unit, site, inserted);
    await queueStaffAlerts(unit, routed);
    return { clientId: submission.clientId, result: 'accepted', receipt: receiptOf(routed) };
  }

  const existing = await unit.db
    .selectFrom('submissions')
    .selectAll()
    .where('site_id', '=', site.id)
    .where('client_id', '=', submission.clientId)
    .executeTakeFirstOrThrow();
  if (existing.body_hash === bodyHash || existing.body_hash === legacyHash) {
    return { clientId: submission.clientId, result: 'duplicate', receipt: receiptOf(existing) };
  }
  return rejected(submission.clientId, {
    code: 'conflict',
    field: 'clientId',
    message: 'Another submission was already stored under this clientId; the stored one stands',
  });
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
  return eachChecked(submissions, checkSubmission, async (submission) => {
    const allowedKinds = site.settings.kinds;
    if (allowedKinds && !allowedKinds.includes(submission.kind)) {
      return rejected(submission.clientId, { code: 'invalid', field: 'kind', message: `This site does not take "${submission.kind}" submissions` });
    }
    const problem = contactProblem(submission);
    if (problem) return rejected(submission.clientId, problem);
    return storeOne(unit, site, reporterId, submission, now);
  });
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
