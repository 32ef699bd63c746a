import type { Item, Sori } from '@sori/sdk';
import type { Strings } from '../locales/en.js';
import { FollowUp } from './FollowUp.js';
import { ReplyBox } from './ReplyBox.js';

/** When a first answer is due, in the shopper's clock and language. */
function dueTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * One of the shopper's items: where it is, what staff said, and what the shopper can do next
 * (answer, resend, rate). All text is rendered as text.
 */
export function ItemCard({ item, t, locale, sori }: { item: Item; t: Strings; locale: string; sori: Sori }) {
  const replies = item.timeline.filter((e) => (e.type === 'reply' || e.type === 'message') && e.message);
  const open = item.publicStatus !== 'resolved' && item.publicStatus !== 'closed';
  const late = open && !item.firstResponseAt && item.expectedResponseBy !== undefined && Date.parse(item.expectedResponseBy) < Date.now();
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
          <button type="button" onClick={() => void sori.resend(item.id)}>
            {t.resend}
          </button>
        </p>
      ) : null}
      {late ? <p class="n">{t.late}</p> : null}
      {item.expectedResponseBy && !item.firstResponseAt && item.publicStatus === 'received' && !late ? (
        <p class="n">{t.expected(dueTime(item.expectedResponseBy, locale))}</p>
      ) : null}
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
      {item.publicStatus === 'resolved' && !item.rating ? <FollowUp item={item} sori={sori} t={t} /> : null}
    </article>
  );
}
