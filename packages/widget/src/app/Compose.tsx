import { KINDS, LIMITS, type Kind } from '@sori/protocol/constants';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Strings } from '../locales/en.js';

/** What the compose form sends. */
export interface ComposeResult {
  kind: Kind;
  message: string;
  trap: string;
  fillMs: number;
}

/** Two taps and a sentence: pick a kind, write, send. */
export function Compose({ t, initialKind, initialMessage, onSend }: {
  t: Strings;
  initialKind?: Kind | undefined;
  initialMessage?: string | undefined;
  onSend: (result: ComposeResult) => Promise<void>;
}) {
  const [kind, setKind] = useState<Kind | undefined>(initialKind);
  const [message, setMessage] = useState(initialMessage ?? '');
  const [trap, setTrap] = useState('');
  const [busy, setBusy] = useState(false);
  const openedAt = useRef(Date.now());
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const left = LIMITS.messageChars - message.length;
  const ready = kind !== undefined && message.trim().length > 0 && left >= 0 && !busy;

  async function submit(event: Event) {
    event.preventDefault();
    if (!ready || !kind) return;
    setBusy(true);
    try {
      await onSend({ kind, message, trap, fillMs: Date.now() - openedAt.current });
    } finally {
      setBusy(false);
    }
  }

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
