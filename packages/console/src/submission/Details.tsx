import type { DeskSubmission } from '@sori/protocol';
import type { ComponentChildren } from 'preact';
import { dateTime, languageName } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { isWebUrl, SafeLink } from '../ui/SafeLink.js';

function Item({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="details__item">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * What came with the message: product, order, page (a link only when http(s)), language,
 * contact and how the shopper wants an answer (a call back stands out), and the store's context
 * fields. Every value is shopper or page data, rendered as text.
 */
export function Details({ submission: s }: { submission: DeskSubmission }) {
  const d = t().submission;
  const preference = s.contact?.preference ?? 'widget';
  const context = Object.entries(s.context ?? {});
  return (
    <section class="details" aria-labelledby="details-heading">
      <h2 id="details-heading">{d.details}</h2>
      {preference === 'phone' && (
        <p class="details__call-back">
          {d.callBack}
          {s.contact?.phone ? `: ${s.contact.phone}` : ''}
        </p>
      )}
      <dl class="details__list">
        <Item term={d.tracking}>{s.trackingNumber}</Item>
        <Item term={d.received}>{dateTime(s.receivedAt)}</Item>
        <Item term={d.expected}>{dateTime(s.expectedResponseBy)}</Item>
        {s.resolutionDueBy && <Item term={d.resolutionDue}>{dateTime(s.resolutionDueBy)}</Item>}
        {s.product && <Item term={d.product}>{s.product}</Item>}
        {s.orderRef && <Item term={d.orderRef}>{s.orderRef}</Item>}
        {s.pageUrl && (
          <Item term={d.page}>
            <SafeLink url={s.pageUrl} />
          </Item>
        )}
        {s.locale && <Item term={d.locale}>{`${languageName(s.locale)} (${s.locale})`}</Item>}
        {s.contact?.name && <Item term={d.name}>{s.contact.name}</Item>}
        {s.contact?.email && <Item term={d.email}>{s.contact.email}</Item>}
        {s.contact?.phone && <Item term={d.phone}>{s.contact.phone}</Item>}
        <Item term={d.preference}>{t().preferences[preference]}</Item>
        {s.contact?.consent !== undefined && <Item term={d.consent}>{s.contact.consent ? t().app.yes : t().app.no}</Item>}
        {s.rating && <Item term={d.ratingTerm}>{d.rating(s.rating.score, s.rating.wouldBuyAgain)}</Item>}
      </dl>
      {context.length > 0 && (
        <>
          <h3>{d.context}</h3>
          <dl class="details__list details__list--context">
            {context.map(([key, value]) => (
              <Item key={key} term={key}>
                {typeof value === 'string' && isWebUrl(value) ? <SafeLink url={value} /> : String(value)}
              </Item>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
