import type { CannedReply, CannedReplyInput } from '@sori/protocol';
import { KINDS } from '@sori/protocol/constants';
import { useState } from 'preact/hooks';
import { isDeskError } from '../api/desk-error.js';
import { LOCALES, t } from '../i18n/i18n.js';

/** Props of {@link CannedReplyForm}. */
export interface CannedReplyFormProps {
  /** The reply being edited; leave out to add one. */
  editing?: CannedReply;
  onSave: (input: CannedReplyInput) => Promise<unknown>;
  onDone: () => void;
}

/** Title, text and the kind and language it is offered for; the server's message on a refusal. */
export function CannedReplyForm({ editing, onSave, onDone }: CannedReplyFormProps) {
  const [title, setTitle] = useState(editing?.title ?? '');
  const [text, setText] = useState(editing?.text ?? '');
  const [kind, setKind] = useState(editing?.kind ?? '');
  const [locale, setLocale] = useState(editing?.locale ?? '');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const s = t().canned;

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const chosenKind = KINDS.find((k) => k === kind);
    try {
      await onSave({ title: title.trim(), text, ...(chosenKind ? { kind: chosenKind } : {}), ...(locale ? { locale } : {}) });
      onDone();
    } catch (failure) {
      setError(isDeskError(failure) ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="canned-form" onSubmit={submit} aria-labelledby="canned-form-heading">
      <h2 id="canned-form-heading">{editing ? s.editing(editing.title) : s.add}</h2>
      <label>
        {s.title}
        <input value={title} required maxLength={100} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <label>
        {s.text}
        <textarea value={text} required rows={5} maxLength={5000} aria-describedby="canned-placeholders" onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <p id="canned-placeholders" class="muted">
        {s.placeholders}
      </p>
      <div class="canned-form__row">
        <label>
          {s.kind}
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            <option value="">{s.anyKind}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t().kinds[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.locale}
          <select value={locale} onChange={(e) => setLocale(e.currentTarget.value)}>
            <option value="">{s.anyLocale}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {t().shell.languages[l]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="dialog__actions">
        <button type="button" class="button button--quiet" onClick={onDone}>
          {t().app.cancel}
        </button>
        <button type="submit" class="button button--primary" disabled={busy || !title.trim() || !text.trim()}>
          {t().app.save}
        </button>
      </div>
    </form>
  );
}
