import type { Item } from '@sori/sdk';
import type { Strings } from '../locales/en.js';

/** When a first answer is due, in the shopper's clock and language. */
function dueTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/** One of the shopper's items: where it is, and what staff said. All text is rendered as text. */
export function ItemCard({ item, t, locale }: { item: Item; t: Strings; locale: string }) {
  const replies = item.timeline.filter((e) => (e.type === 'reply' || e.type === 'message') && e.message);
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
          {t.rejected}: {item.error?.message}
        </p>
      ) : null}
      {item.expectedResponseBy && !item.firstResponseAt && item.publicStatus === 'received' ? (
        <p class="n">{t.expected(dueTime(item.expectedResponseBy, locale))}</p>
      ) : null}
      {replies.map((e) => (
        <p class="e" key={e.id}>
          <strong>{e.author === 'staff' ? (e.authorName ?? t.staff) : t.you}:</strong> {e.message}
        </p>
      ))}
    </article>
  );
}
