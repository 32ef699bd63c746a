import type { Item, Sori } from '@sori/sdk';
import type { Strings } from '../locales/en.js';

/**
 * The shopper's answer in an item's thread; queued like a submission, so it works offline too.
 * An uncontrolled form (read when sent): no state to keep, fewer bytes.
 */
export function ReplyBox({ item, sori, t }: { item: Item; sori: Sori; t: Strings }) {
  const send = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const text = String(new FormData(form).get('text')).trim();
    if (!text) return;
    await sori.reply(item.id, text);
    form.reset();
  };
  return (
    <form class="b" onSubmit={send}>
      <label>
        {t.replyLabel}
        <textarea name="text" required />
      </label>
      <button class="s">{t.reply}</button>
    </form>
  );
}
