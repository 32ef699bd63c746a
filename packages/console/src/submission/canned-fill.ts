import type { CannedReply, DeskSubmission } from '@sori/protocol';
import { dateTime } from '../i18n/format.js';
import { localeOf, stringsFor } from '../i18n/i18n.js';

/** The canned replies that fit a submission: for its kind (or any) and its shopper's language (or any). */
export function cannedFor(list: readonly CannedReply[], submission: DeskSubmission, query = ''): CannedReply[] {
  const language = localeOf(submission.locale) ?? submission.locale?.toLowerCase().split('-')[0];
  const words = query.trim().toLowerCase();
  return list.filter(
    (reply) =>
      (!reply.kind || reply.kind === submission.kind) &&
      (!reply.locale || reply.locale === language) &&
      (!words || reply.title.toLowerCase().includes(words) || reply.text.toLowerCase().includes(words)),
  );
}

/**
 * A canned reply's text with its placeholders filled for one submission, in the shopper's
 * language: `{{name}}` (the contact's name, else a polite generic such as "고객" or "valued
 * customer"), `{{trackingNumber}}` and `{{expectedResponse}}` (when the first answer is due).
 */
export function fillPlaceholders(text: string, submission: DeskSubmission): string {
  const shopperLanguage = submission.locale ?? 'en';
  const values: Record<string, string> = {
    name: submission.contact?.name?.trim() || stringsFor(submission.locale).shopper.genericName,
    trackingNumber: submission.trackingNumber,
    expectedResponse: dateTime(submission.expectedResponseBy, shopperLanguage),
  };
  return text.replace(/\{\{\s*(name|trackingNumber|expectedResponse)\s*\}\}/g, (_, name: string) => values[name] ?? '');
}
