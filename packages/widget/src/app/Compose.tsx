import type { SubmitInput } from '@sori/sdk';
import { KINDS, LIMITS, type Kind } from '@sori/protocol/constants';
import { Component, createRef } from 'preact';
import type { Strings } from '../locales/en.js';

/** What the compose form sends: everything `submit()` takes but `context`. */
export type ComposeResult = Omit<SubmitInput, 'context'>;

/** What a form starts with: a `Sori.open()` prefill, or a refused item being edited. */
export interface ComposeInitial {
  kind?: Kind | undefined;
  message?: string | undefined;
  product?: string | undefined;
  orderRef?: string | undefined;
}

interface ComposeProps {
  t: Strings;
  initial?: ComposeInitial | undefined;
  /** The site's products, from its settings; the product field shows only when there are some. */
  products: string[];
  onSend: (result: ComposeResult) => Promise<void>;
}

interface ComposeState {
  /** The chosen kind, for its line of help. */
  kind?: Kind | undefined;
}

/** Icons of the four kinds, in `KINDS` order; decoration only (hidden from screen readers). */
const ICONS = ['💬', '😟', '👏', '💡'];

/**
 * Two taps and a sentence: pick a kind, write, send. Product, order number and a way to be
 * contacted are there for those who want them, folded away.
 *
 * The fields are uncontrolled and read from the form when it is sent, and the browser's own
 * validation (`required`, `type=email`) says what is missing, in the shopper's language: no
 * state per field, fewer bytes. (A class for size, like `Panel`.)
 */
export class Compose extends Component<ComposeProps, ComposeState> {
  override state: ComposeState = { kind: this.props.initial?.kind };
  #openedAt = Date.now();
  /** Set while a send is under way, so a double click sends once. */
  #busy = false;
  #first = createRef<HTMLInputElement>();

  override componentDidMount(): void {
    // Focusing forces a first layout with the panel's styles: in a task after the one that drew it.
    setTimeout(() => this.#first.current?.focus());
  }

  override render({ t, initial, products, onSend }: ComposeProps, { kind }: ComposeState) {
    /** A labelled text input named `name`, starting at `value`. */
    const text = (name: string, label: string, type = 'text', value?: string) => (
      <label>
        {label}
        <input name={name} type={type} value={value} />
      </label>
    );
    const submit = async (event: Event) => {
      event.preventDefault();
      const element = event.currentTarget as HTMLFormElement;
      const form = new FormData(element);
      const field = (name: string) => String(form.get(name) ?? '').trim();
      const message = field('message');
      const box = element.elements.namedItem('message') as HTMLTextAreaElement;
      // Only spaces: empty the box, and the browser says it needs filling in.
      if (this.#busy) return;
      if (!message) {
        box.value = '';
        element.reportValidity();
        return;
      }
      const [email, phone, consent] = [field('email'), field('phone'), form.has('consent')];
      // A phone number given with consent asks for a call back; an email with consent, for an email.
      const preference = consent ? (phone ? 'phone' : email ? 'email' : undefined) : undefined;
      this.#busy = true;
      try {
        await onSend({
          // `required` on the kind radios: the form is not sent without one.
          kind: field('kind') as Kind,
          message,
          product: field('product'),
          orderRef: field('orderRef'),
          trap: field('website'),
          fillMs: Date.now() - this.#openedAt,
          contact: { email, phone, ...(preference ? { preference, consent } : {}) },
        });
      } catch (error) {
        // Refused before it was stored (the outbox is full): the browser says why on the message
        // box, and the text stays. The SDK rejects with a SoriError, whose message names the reason.
        box.setCustomValidity((error as Error).message);
        element.reportValidity();
        box.setCustomValidity('');
      } finally {
        this.#busy = false;
      }
    };

    return (
      <form class="b" onSubmit={submit}>
        <fieldset>
          <legend>{t.kindLegend}</legend>
          {KINDS.map((k, i) => (
            <label class="k" key={k}>
              <input ref={i ? null : this.#first} type="radio" name="kind" value={k} checked={kind === k} required onChange={() => this.setState({ kind: k })} />
              <span>
                <i aria-hidden="true">{ICONS[i]}</i> {t.kinds[k]}
              </span>
            </label>
          ))}
        </fieldset>
        {kind ? <p class="n" id="sori-help">{t.help[kind]}</p> : null}
        <label>
          {t.messageLabel}
          <textarea
            name="message"
            required
            aria-describedby={kind ? 'sori-help' : undefined}
            maxLength={LIMITS.messageChars}
            placeholder={t.messagePlaceholder}
            value={initial?.message}
          />
        </label>
        <details open={!!(initial?.product || initial?.orderRef)}>
          <summary>{t.more}</summary>
          <div class="b">
            {products.length ? (
              <label>
                {t.product}
                <select name="product" value={initial?.product}>
                  <option value="">—</option>
                  {products.map((p) => (
                    <option key={p}>{p}</option>
                  ))}
                </select>
              </label>
            ) : null}
            {text('orderRef', t.orderRef, 'text', initial?.orderRef)}
            {text('email', t.email, 'email')}
            {text('phone', t.phone, 'tel')}
            <label class="c">
              <input name="consent" type="checkbox" /> {t.consent}
            </label>
          </div>
        </details>
        {/* Honeypot: people never see or fill it; bots that fill every field get flagged for staff. */}
        <input class="t" aria-hidden="true" tabIndex={-1} autoComplete="off" name="website" />
        <button class="s">{t.send}</button>
      </form>
    );
  }
}
