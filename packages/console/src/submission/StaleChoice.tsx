import type { DeskEvent } from '@sori/protocol';
import { relativeTime } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { describe } from './timeline-words.js';

/** Props of {@link StaleChoice}. */
export interface StaleChoiceProps {
  /** Replies, notes and shopper messages that came after the writer began. */
  arrived: readonly DeskEvent[];
  onSendAnyway: () => void;
  onEdit: () => void;
}

/**
 * Stops a reply that would cross what others wrote meanwhile, shows what arrived, and asks:
 * send anyway, or edit first (the draft stays either way until it is sent).
 */
export function StaleChoice({ arrived, onSendAnyway, onEdit }: StaleChoiceProps) {
  const s = t().composer;
  return (
    <div class="stale" role="alertdialog" aria-labelledby="stale-title" aria-describedby="stale-body">
      <h3 id="stale-title">{s.staleTitle}</h3>
      <p id="stale-body">{s.staleBody}</p>
      <ol class="stale__list">
        {arrived.map((event) => (
          <li key={event.id} class={`stale__event stale__event--${event.type}`}>
            <p class="stale__who">
              {describe(event)} · <time dateTime={event.at}>{relativeTime(event.at)}</time>
            </p>
            {event.text && <p class="stale__text">{event.text}</p>}
          </li>
        ))}
      </ol>
      <div class="stale__actions">
        <button type="button" class="button button--primary" onClick={onSendAnyway}>
          {s.sendAnyway}
        </button>
        <button type="button" class="button" onClick={onEdit} autoFocus>
          {s.edit}
        </button>
      </div>
    </div>
  );
}
