import type { Item, Sori } from '@sori/sdk';
import { Component } from 'preact';
import type { Strings } from '../locales/en.js';

/** The shopper's answer in an item's thread; queued like a submission, so it works offline too. */
export class ReplyBox extends Component<{ item: Item; sori: Sori; t: Strings }, { text: string }> {
  override state = { text: '' };

  override render({ item, sori, t }: { item: Item; sori: Sori; t: Strings }, { text }: { text: string }) {
    const id = `reply-${item.id}`;
    const send = async (event: Event) => {
      event.preventDefault();
      if (!text.trim()) return;
      await sori.reply(item.id, text);
      this.setState({ text: '' });
    };
    return (
      <form class="b" onSubmit={send}>
        <label for={id}>{t.replyLabel}</label>
        <textarea id={id} value={text} onInput={(e) => this.setState({ text: e.currentTarget.value })} />
        <button class="s" type="submit" disabled={!text.trim()}>
          {t.reply}
        </button>
      </form>
    );
  }
}
