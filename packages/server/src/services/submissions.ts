import {
  publicStatusOf,
  SubmissionInput,
  type Awaiting,
  type ContactPreference,
  type Contact,
  type Context,
  type ErrorDetail,
  type DeskSubmission,
  type ItemResult,
  type Kind,
  type Rating,
  type Receipt,
  type Status,
} from '@sori/protocol';
import type { Selectable, Transaction } from 'kysely';
import type { Database, SubmissionTable } from '../db/schema.js';
import { clientIdOf, validator } from '../validation.js';
import { slaMinutes, type Site } from './sites.js';
import { newId, sha256, trackingNumber } from './secrets.js';
import { notifyWebhooks } from './notifications.js';
import { appendEvent } from './timeline.js';

export type SubmissionRow = Selectable<SubmissionTable>;

const checkItem = validator(SubmissionInput);

/** Forms filled faster than this are flagged for staff as likely automated (never dropped). */
const MIN_HUMAN_FILL_MS = 1500;

/** Stable JSON: the same item always hashes the same, whatever order its keys came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A way back to the shopper that cannot work is refused now, not discovered when answering. */
function contactProblem(item: SubmissionInput): ErrorDetail | undefined {
  const contact = item.contact;
  if (contact?.preference === 'email' && !contact.email) {
    return { code: 'invalid', field: 'contact.email', message: 'An answer by email needs "contact.email"' };
  }
  if (contact?.preference === 'phone' && (!contact.phone || !contact.consent)) {
    return { code: 'invalid', field: contact.phone ? 'contact.consent' : 'contact.phone', message: 'A call back needs "contact.phone" and "contact.consent": true' };
  }
  return undefined;
}

function spamReason(item: SubmissionInput): string | null {
  if (item.trap) return 'honeypot field filled';
  if (item.fillMs !== undefined && item.fillMs < MIN_HUMAN_FILL_MS) return `form filled in ${item.fillMs} ms`;
  return null;
}

/** The receipt of a stored submission: what `accepted` and `duplicate` carry. */
export function receiptOf(row: SubmissionRow): Receipt {
  const status = row.status as Status;
  return {
    id: row.id,
    trackingNumber: row.tracking_number,
    status,
    publicStatus: publicStatusOf(status, row.awaiting as Awaiting),
    receivedAt: row.received_at,
    expectedResponseBy: row.expected_response_by,
    expectedResponseMinutes: Math.round(
      (Date.parse(row.expected_response_by) - Date.parse(row.received_at)) / 60_000,
    ),
  };
}

async function storeOne(
  trx: Transaction<Database>,
  site: Site,
  reporterId: string,
  item: SubmissionInput,
  now: Date,
): Promise<ItemResult> {
  const bodyHash = sha256(canonical({ reporterId, item }));
  const receivedAt = now.toISOString();
  const id = newId();
  const inserted = await trx
    .insertInto('submissions')
    .values({
      id,
      site_id: site.id,
      reporter_id: reporterId,
      client_id: item.clientId,
      body_hash: bodyHash,
      tracking_number: trackingNumber(),
      kind: item.kind,
      message: item.message,
      contact: item.contact ? JSON.stringify(item.contact) : null,
      contact_preference: item.contact?.preference ?? 'widget',
      product: item.product ?? null,
      order_ref: item.orderRef ?? null,
      page_url: item.pageUrl ?? null,
      locale: item.locale ?? null,
      context: item.context ? JSON.stringify(item.context) : null,
      spam_reason: spamReason(item),
      status: 'received',
      awaiting: 'staff',
      department: null,
      assignee_id: null,
      created_at: item.createdAt,
      received_at: receivedAt,
      updated_at: receivedAt,
      expected_response_by: new Date(now.getTime() + slaMinutes(site, item.kind) * 60_000).toISOString(),
      first_response_at: null,
      resolved_at: null,
      closed_reason: null,
      rating: null,
    })
    .onConflict((oc) => oc.columns(['site_id', 'client_id']).doNothing())
    .returningAll()
    .executeTakeFirst();

  if (inserted) {
    await appendEvent(trx, { type: 'received', submission: inserted, author: 'system', public: true, at: receivedAt });
    await notifyWebhooks(trx, site.id, null, 'submission.created', toDeskSubmission(inserted));
    return { clientId: item.clientId, result: 'accepted', receipt: receiptOf(inserted) };
  }

  const existing = await trx
    .selectFrom('submissions')
    .selectAll()
    .where('site_id', '=', site.id)
    .where('client_id', '=', item.clientId)
    .executeTakeFirstOrThrow();
  if (existing.body_hash === bodyHash) {
    return { clientId: item.clientId, result: 'duplicate', receipt: receiptOf(existing) };
  }
  return {
    clientId: item.clientId,
    result: 'rejected',
    error: {
      code: 'conflict',
      field: 'clientId',
      message: 'Another item was already stored under this clientId; the stored one stands',
    },
  };
}

/**
 * Stores a batch from one reporter inside a transaction and answers one result per item, in
 * order. Each item is checked on its own, so one bad item is rejected and the rest still land.
 */
export async function storeSubmissions(
  trx: Transaction<Database>,
  site: Site,
  reporterId: string,
  items: unknown[],
  now = new Date(),
): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  for (const raw of items) {
    const clientId = clientIdOf(raw);
    const checked = checkItem(raw);
    if (!checked.ok) {
      results.push({ clientId, result: 'rejected', error: checked.error });
      continue;
    }
    const allowedKinds = site.settings.kinds;
    if (allowedKinds && !allowedKinds.includes(checked.value.kind)) {
      results.push({
        clientId,
        result: 'rejected',
        error: { code: 'invalid', field: 'kind', message: `This site does not take "${checked.value.kind}" items` },
      });
      continue;
    }
    const problem = contactProblem(checked.value);
    if (problem) {
      results.push({ clientId, result: 'rejected', error: problem });
      continue;
    }
    results.push(await storeOne(trx, site, reporterId, checked.value, now));
  }
  return results;
}

function parse<T>(json: string | null): T | undefined {
  return json === null ? undefined : (JSON.parse(json) as T);
}

/** Staff's view of a submission row. */
export function toDeskSubmission(row: SubmissionRow): DeskSubmission {
  const status = row.status as Status;
  const awaiting = row.awaiting as Awaiting;
  const out: DeskSubmission = {
    id: row.id,
    clientId: row.client_id,
    trackingNumber: row.tracking_number,
    siteId: row.site_id,
    kind: row.kind as Kind,
    message: row.message,
    status,
    publicStatus: publicStatusOf(status, awaiting),
    awaiting,
    createdAt: row.created_at,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    expectedResponseBy: row.expected_response_by,
  };
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

/** The contact preference of a row, typed. */
export function contactPreferenceOf(row: SubmissionRow): ContactPreference {
  return row.contact_preference as ContactPreference;
}
