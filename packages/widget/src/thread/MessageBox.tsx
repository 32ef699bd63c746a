import type { Sori, Submission } from '@sori/sdk';
import type { Strings } from '../locales/en.js';

/**
 * The shopper's message in a submission's thread; queued like a submission, so it works offline
 * too. Read from the form when sent, so the browser's `required` says when it is empty.
 */
export function MessageBox({ submission, sori, t }: { submission: Submission; sori: Sori; t: Strings }) {
  const send = async (event: Event) => {
    event.preventDefault();
    // `currentTarget` of a form's submit event is that form.
    const form = event.currentTarget as HTMLFormElement;
    const text = String(new FormData(form).get('text')).trim();
    if (!text) return;
    await sori.sendMessage(submission.clientId, text);
    form.reset();
  };
  return (
    <form class="form" onSubmit={send}>
      <label class="field">
        {t.messageBoxLabel}
        <textarea class="field__input" name="text" required />
      </label>
      <button class="button--primary">{t.sendMessage}</button>
    </form>
  );
}
