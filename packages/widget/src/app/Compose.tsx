import type { SubmitInput } from '@sori/sdk';
import { KINDS, LIMITS, type Kind } from '@sori/protocol/constants';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Strings } from '../locales/en.js';
import { answerBy } from './answer-time.js';

/** What the compose form sends: everything `submit()` takes but `context`. */
export type ComposeResult = Omit<SubmitInput, 'context'>;

/** What a form starts with: a `Sori.open()` prefill, or a refused submission being edited. */
export interface ComposeInitial {
  kind?: Kind | undefined;
  message?: string | undefined;
  product?: string | undefined;
  orderRef?: string | undefined;
}

/** Props of {@link Compose}. */
export interface ComposeProps {
  t: Strings;
  initial?: ComposeInitial | undefined;
  /** The site's products, from its settings; the product field shows only when there are some. */
  products: string[];
  /** By when a submission sent now is answered, per kind (the site's `expectedResponse.by`). */
  expected?: Readonly<Record<string, string>> | undefined;
  locale: string;
  onSend: (result: ComposeResult) => Promise<void>;
}

/** Icons of the four kinds, in `KINDS` order; decoration only (hidden from screen readers). */
const ICONS = ['💬', '😟', '👏', '💡'];

/** A labelled text input. */
function TextField({ name, label, type = 'text', value }: { name: string; label: string; type?: string; value?: string | undefined }) {
  return (
    <label class="field">
      {label}
      <input class="field__input" name={name} type={type} value={value} />
    </label>
  );
}

/**
 * Two taps and a sentence: pick a kind, write, send. Product, order number and a way to be
 * contacted are there for those who want them, folded away.
 *
 * The fields are read from the form when it is sent, and the browser's own validation
 * (`required`, `type=email`) says what is missing, in the shopper's language.
 */
export function Compose({ t, initial, products, expected, locale, onSend }: ComposeProps) {
  const [kind, setKind] = useState(initial?.kind);
  const openedAt = useRef(Date.now());
  /** Set while a send is under way, so a double click sends once. */
  const busy = useRef(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Focusing forces a first layout with the panel's styles: in a task after the one that drew it.
    const timer = setTimeout(() => first.current?.focus());
    return () => clearTimeout(timer);
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    // `currentTarget` of a form's submit event is that form.
    const element = event.currentTarget as HTMLFormElement;
    const form = new FormData(element);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    const message = field('message');
    const box = element.elements.namedItem('message') as HTMLTextAreaElement;
    if (busy.current) return;
    // Only spaces: empty the box, and the browser says it needs filling in.
    if (!message) {
      box.value = '';
      element.reportValidity();
      return;
    }
    const [email, phone, consent] = [field('email'), field('phone'), form.has('consent')];
    // A phone number given with consent asks for a call back; an email with consent, for an email.
    const preference = consent ? (phone ? 'phone' : email ? 'email' : undefined) : undefined;
    busy.current = true;
    try {
      await onSend({
        // `required` on the kind radios: the form is not sent without one, and each value is a kind.
        kind: field('kind') as Kind,
        message,
        product: field('product'),
        orderRef: field('orderRef'),
        trap: field('website'),
        fillMs: Date.now() - openedAt.current,
        contact: { email, phone, ...(preference ? { preference, consent } : {}) },
      });
    } catch (error) {
      // Refused before it was stored (the outbox is full): the browser says why on the message
      // box, and the text stays. The SDK rejects with a SoriError, whose message names the reason.
      box.setCustomValidity(error instanceof Error ? error.message : String(error));
      element.reportValidity();
      box.setCustomValidity('');
    } finally {
      busy.current = false;
    }
  };

  return (
    <form class="form" onSubmit={submit}>
      <fieldset class="choices">
        <legend class="choices__legend">{t.kindLegend}</legend>
        {KINDS.map((k, i) => (
          <label class="choice" key={k}>
            <input
              ref={i ? null : first}
              class="choice__input"
              type="radio"
              name="kind"
              value={k}
              checked={kind === k}
              required
              onChange={() => setKind(k)}
            />
            <span class="choice__label">
              <span aria-hidden="true">{ICONS[i]}</span> {t.kinds[k]}
            </span>
          </label>
        ))}
      </fieldset>
      {kind ? (
        <p class="note" id="sori-help">
          {t.help[kind]}
          {expected?.[kind] ? <strong class="form__expected">{answerBy(expected[kind], locale, t)}</strong> : null}
        </p>
      ) : null}
      <label class="field">
        {t.messageLabel}
        <textarea
          class="field__input"
          name="message"
          required
          aria-describedby={kind ? 'sori-help' : undefined}
          maxLength={LIMITS.messageChars}
          placeholder={t.messagePlaceholder}
          value={initial?.message}
        />
      </label>
      <details class="form__more" open={!!(initial?.product || initial?.orderRef)}>
        <summary>{t.more}</summary>
        <div class="form">
          {products.length ? (
            <label class="field">
              {t.product}
              <select class="field__input" name="product" value={initial?.product}>
                <option value="">—</option>
                {products.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            </label>
          ) : null}
          <TextField name="orderRef" label={t.orderRef} value={initial?.orderRef} />
          <TextField name="email" label={t.email} type="email" />
          <TextField name="phone" label={t.phone} type="tel" />
          <label class="consent">
            <input name="consent" type="checkbox" /> {t.consent}
          </label>
        </div>
      </details>
      {/* Honeypot: people never see or fill it; bots that fill every field get flagged for staff. */}
      <input class="trap" aria-hidden="true" tabIndex={-1} autoComplete="off" name="website" />
      <button class="button--primary">{t.send}</button>
    </form>
  );
}
