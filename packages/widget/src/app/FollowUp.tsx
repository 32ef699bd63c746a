import type { Item, Sori } from '@sori/sdk';
import { Component } from 'preact';
import type { Strings } from '../locales/en.js';

interface FollowUpProps {
  item: Item;
  sori: Sori;
  t: Strings;
}

/**
 * After resolution, on one screen and skippable: was it resolved (1–5), would you buy again.
 * Both questions are required radio groups, so the browser itself says what is missing; what
 * follows a rating (thanks, or "went back to the team") is shown from the item (see `ItemCard`).
 */
export class FollowUp extends Component<FollowUpProps, { skipped?: boolean }> {
  override render({ item, sori, t }: FollowUpProps) {
    if (this.state.skipped) return null;
    const send = (event: Event) => {
      event.preventDefault();
      const answers = new FormData(event.currentTarget as HTMLFormElement);
      void sori.rate(item.id, { score: Number(answers.get('score')), wouldBuyAgain: answers.get('again') === 'yes' });
    };
    const choice = (name: string, value: string | number, label: string | number) => (
      <label class="k" key={value}>
        <input type="radio" name={name} value={value} required />
        <span>{label}</span>
      </label>
    );
    return (
      <form class="b" onSubmit={send}>
        <fieldset class="f">
          <legend>{t.rateQuestion}</legend>
          {[1, 2, 3, 4, 5].map((n) => choice('score', n, n))}
        </fieldset>
        <fieldset>
          <legend>{t.buyAgain}</legend>
          {choice('again', 'yes', t.yes)}
          {choice('again', 'no', t.no)}
        </fieldset>
        <div class="m">
          <button class="s">{t.send}</button>
          <button type="button" onClick={() => this.setState({ skipped: true })}>
            {t.skip}
          </button>
        </div>
      </form>
    );
  }
}
