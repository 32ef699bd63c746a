import type { DeskSubmission } from '@sori/protocol';
import { dateTime, duration } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { now } from './clock.js';
import { slaOf } from './sla.js';

/**
 * The answer deadline as a badge: due → soon (under an hour) → late, in words and
 * colour (never colour alone), with the time left or overdue; redrawn by the 30 s clock.
 */
export function SlaBadge({ submission }: { submission: DeskSubmission }) {
  const { state, leftMs } = slaOf(submission, now.value);
  if (state === 'done') return null;
  const s = t().sla;
  const text = state === 'answered' ? s.answered : state === 'late' ? s.late(duration(leftMs)) : state === 'soon' ? s.soon(duration(leftMs)) : s.due(duration(leftMs));
  return (
    <span class={`sla sla--${state}`} title={dateTime(submission.expectedResponseBy)}>
      {text}
    </span>
  );
}
