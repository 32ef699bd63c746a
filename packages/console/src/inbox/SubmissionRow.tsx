import type { DeskSubmission } from '@sori/protocol';
import { userName } from '../api/directory.js';
import { relativeTime } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { paths } from '../paths.js';
import { now } from '../ui/clock.js';
import { firstLine } from '../ui/names.js';
import { Presence } from '../ui/Presence.js';
import { SlaBadge } from '../ui/SlaBadge.js';

/** Props of {@link SubmissionRow}. */
export interface SubmissionRowProps {
  submission: DeskSubmission;
  focused: boolean;
  selected: boolean;
  /** Changed live and no longer in this view. */
  gone: boolean;
  /** Checkbox clicked; `range` when with Shift. */
  onSelect: (id: string, range: boolean) => void;
  onFocus: () => void;
}

/**
 * One submission in the inbox: kind, the first line of the message, product, age, who has it,
 * the SLA badge and who else is on it. Shopper text is only ever rendered as text.
 */
export function SubmissionRow({ submission: s, focused, selected, gone, onSelect, onFocus }: SubmissionRowProps) {
  const strings = t();
  const assignee = userName(s.assigneeId) ?? (s.assigneeId ? strings.app.none : strings.inbox.unassigned);
  const callBack = s.contact?.preference === 'phone';
  return (
    <li class={`row${focused ? ' row--focused' : ''}${selected ? ' row--selected' : ''}${gone ? ' row--gone' : ''}`}>
      <input
        type="checkbox"
        class="row__select"
        checked={selected}
        aria-label={strings.inbox.select(s.trackingNumber)}
        onClick={(event) => {
          // Shift-click selects the range; the browser's own toggle is replaced by ours.
          event.preventDefault();
          onSelect(s.id, event.shiftKey);
        }}
      />
      <div class="row__body">
        <a id={`row-${s.id}`} class="row__link" href={paths.submission(s.id)} onFocus={onFocus} aria-current={focused ? 'true' : undefined}>
          <span class={`kind kind--${s.kind}`}>{strings.kinds[s.kind]}</span>
          <span class="row__message">{firstLine(s.message)}</span>
        </a>
        <div class="row__meta">
          <span class="row__tracking">{s.trackingNumber}</span>
          {s.product && <span>{s.product}</span>}
          <span>
            <time dateTime={s.receivedAt}>{relativeTime(s.receivedAt, now.value)}</time>
          </span>
          <span>{assignee}</span>
          <span>{strings.statuses[s.status]}</span>
          {callBack && <span class="row__flag">{strings.preferences.phone}</span>}
          <SlaBadge submission={s} />
          <Presence submissionId={s.id} />
          {gone && <span class="row__gone">{strings.inbox.goneFromView}</span>}
        </div>
      </div>
    </li>
  );
}
