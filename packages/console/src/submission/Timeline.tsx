import type { DeskEvent } from '@sori/protocol';
import { dateTime, relativeTime } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { now } from '../ui/clock.js';
import { describe, detailOf } from './timeline-words.js';

/**
 * The whole history of a submission, oldest first: who did what and when, in words. Texts
 * (replies, notes, the shopper's messages) are rendered as text, never as HTML.
 */
export function Timeline({ events }: { events: readonly DeskEvent[] }) {
  const s = t().timeline;
  return (
    <section class="timeline" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{s.heading}</h2>
      <ol class="timeline__list">
        {events.map((event) => {
          const detail = detailOf(event);
          return (
            <li key={event.id} class={`timeline__event timeline__event--${event.type}`}>
              <p class="timeline__line">
                <span class="timeline__what">{describe(event)}</span>{' '}
                <time class="timeline__when" dateTime={event.at} title={dateTime(event.at)}>
                  {relativeTime(event.at, now.value)}
                </time>
                {!event.public && <span class="timeline__private">{s.staffOnly}</span>}
              </p>
              {detail && <p class="timeline__detail">{detail}</p>}
              {event.text && <p class="timeline__text">{event.text}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
