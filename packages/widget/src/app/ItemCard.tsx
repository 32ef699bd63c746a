import type { Item, Sori } from '@sori/sdk';
import type { Strings } from '../locales/en.js';
import { FollowUp } from './FollowUp.js';
import { ReplyBox } from './ReplyBox.js';

/** Made once: creating an Intl formatter loads locale data, which costs tens of milliseconds. */
let formatter: Intl.RelativeTimeFormat | undefined;

/** A time relative to now in the shopper's language: "5 minutes ago", "in 2 hours", "어제". */
export function relative(iso: string, locale: string): string {
  const seconds = (Date.parse(iso) - Date.now()) / 1000;
  const [amount, unit]: [number, Intl.RelativeTimeFormatUnit] =
    Math.abs(seconds) < 3e3 ? [seconds / 60, 'minute'] : Math.abs(seconds) < 8e4 ? [seconds / 3600, 'hour'] : [seconds / 86400, 'day'];
  return (formatter ??= new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })).format(Math.round(amount), unit);
}

/**
 * One of the shopper's items: where it is, what staff said, and what the shopper can do next
 * (answer, resend, rate). All text is rendered as text.
 */
export function ItemCard({ item, t, locale, sori, onEdit }: { item: Item; t: Strings; locale: string; sori: Sori; onEdit: (item: Item) => void }) {
  const replies = item.timeline.filter((e) => (e.type === 'reply' || e.type === 'message') && e.message);
  // A first answer still to come: when it is due, or that it is late.
  const due = !item.firstResponseAt && item.publicStatus !== 'resolved' && item.publicStatus !== 'closed' && item.expectedResponseBy;
  return (
    <article class="i">
      <div class="m n">
        <span>{t.kinds[item.kind]}</span>
        {item.trackingNumber ? (
          <span>
            {t.tracking}: <strong>{item.trackingNumber}</strong>
          </span>
        ) : null}
        {item.publicStatus ? <strong>{t.statuses[item.publicStatus]}</strong> : null}
        {item.unread > 0 ? <span>{t.unread(item.unread)}</span> : null}
      </div>
      <p>{item.message}</p>
      {item.delivery === 'queued' || item.delivery === 'sending' ? <p class="n">{item.delivery === 'sending' ? t.sending : t.queued}</p> : null}
      {item.delivery === 'rejected' ? (
        <p class="n" role="alert">
          {t.rejected}: {item.error?.message}{' '}
          <button onClick={() => onEdit(item)}>
            {t.resend}
          </button>
        </p>
      ) : null}
      {due ? <p class="n">{Date.parse(due) < Date.now() ? t.late : t.expected(relative(due, locale))}</p> : null}
      {replies.map((e) => (
        <p class="e" key={e.id}>
          <strong>{e.author === 'staff' ? (e.authorName ?? t.staff) : t.you}:</strong> {e.message}
        </p>
      ))}
      {item.outgoing.map((m) => (
        <p class="e n" key={m.clientId}>
          <strong>{t.you}:</strong> {m.message} ({m.delivery === 'rejected' ? `${t.rejected}: ${m.error?.message}` : t.queued})
        </p>
      ))}
      {item.publicStatus === 'answered' ? <ReplyBox item={item} sori={sori} t={t} /> : null}
      {item.rating ? <p role="status">{item.rating.score > 2 ? t.rated : t.reopened}</p> : item.publicStatus === 'resolved' ? <FollowUp item={item} sori={sori} t={t} /> : null}
    </article>
  );
}
