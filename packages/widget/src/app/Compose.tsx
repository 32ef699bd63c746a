import { KINDS, LIMITS, type Kind } from '@sori/protocol/constants';
import { Component, createRef } from 'preact';
import type { Strings } from '../locales/en.js';

/** What the compose form sends. */
export interface ComposeResult {
  kind: Kind;
  message: string;
  trap: string;
  fillMs: number;
}

interface ComposeProps {
  t: Strings;
  initialKind?: Kind | undefined;
  initialMessage?: string | undefined;
  onSend: (result: ComposeResult) => Promise<void>;
}

interface ComposeState {
  kind?: Kind | undefined;
  message: string;
  trap: string;
  busy: boolean;
}

/** Two taps and a sentence: pick a kind, write, send. (A class for size, like {@link Panel}.) */
export class Compose extends Component<ComposeProps, ComposeState> {
  override state: ComposeState = { kind: this.props.initialKind, message: this.props.initialMessage ?? '', trap: '', busy: false };
  #openedAt = Date.now();
  #first = createRef<HTMLInputElement>();

  override componentDidMount(): void {
    this.#first.current?.focus();
  }

  override render({ t, onSend }: ComposeProps, { kind, message, trap, busy }: ComposeState) {
    const left = LIMITS.messageChars - message.length;
    const ready = kind !== undefined && message.trim().length > 0 && left >= 0 && !busy;
    const first = this.#first;
    const submit = async (event: Event) => {
      event.preventDefault();
      if (!ready || !kind) return;
      this.setState({ busy: true });
      try {
        await onSend({ kind, message, trap, fillMs: Date.now() - this.#openedAt });
      } finally {
        this.setState({ busy: false });
      }
    };
    const setKind = (k: Kind) => this.setState({ kind: k });
    const setMessage = (value: string) => this.setState({ message: value });
    const setTrap = (value: string) => this.setState({ trap: value });

    return (
      <form class="b" onSubmit={submit}>
        <fieldset>
          <legend>{t.kindLegend}</legend>
          {KINDS.map((k, i) => (
            <label class="k" key={k}>
              <input {...(i === 0 ? { ref: first } : {})} type="radio" name="sori-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>{t.kinds[k]}</span>
            </label>
          ))}
        </fieldset>
        <label for="sori-message">
          {t.messageLabel}
        </label>
        <textarea
          id="sori-message"
          maxLength={LIMITS.messageChars}
          placeholder={t.messagePlaceholder}
          value={message}
          onInput={(e) => setMessage(e.currentTarget.value)}
        />
        {left < 500 ? <p class="n">{t.charsLeft(left)}</p> : null}
        {/* Honeypot: people never see or fill it; bots that fill every field get flagged for staff. */}
        <div class="t" aria-hidden="true">
          <input tabIndex={-1} autoComplete="off" name="website" value={trap} onInput={(e) => setTrap(e.currentTarget.value)} />
        </div>
        <button class="s" type="submit" disabled={!ready}>
          {busy ? t.sending : t.send}
        </button>
      </form>
    );
  }
}
