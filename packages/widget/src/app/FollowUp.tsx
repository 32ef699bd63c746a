import type { Item, Sori } from '@sori/sdk';
import { Component } from 'preact';
import type { Strings } from '../locales/en.js';

interface FollowUpProps {
  item: Item;
  sori: Sori;
  t: Strings;
}

interface FollowUpState {
  score?: number;
  again?: boolean;
  done?: 'skipped' | 'rated' | 'reopened';
}

/** After resolution, on one screen and skippable: was it resolved (1–5), would you buy again. */
export class FollowUp extends Component<FollowUpProps, FollowUpState> {
  override state: FollowUpState = {};

  override render({ item, sori, t }: FollowUpProps, { score, again, done }: FollowUpState) {
    if (done === 'skipped') return null;
    if (done) return <p role="status">{done === 'reopened' ? t.reopened : t.rated}</p>;
    const send = async (event: Event) => {
      event.preventDefault();
      if (!score || again === undefined) return;
      await sori.rate(item.id, { score, wouldBuyAgain: again });
      this.setState({ done: score <= 2 ? 'reopened' : 'rated' });
    };
    return (
      <form class="b" onSubmit={send}>
        <fieldset class="f">
          <legend>{t.rateQuestion}</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label class="k" key={n}>
              <input type="radio" name={`score-${item.id}`} checked={score === n} onChange={() => this.setState({ score: n })} />
              <span>{n}</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t.buyAgain}</legend>
          {[true, false].map((value) => (
            <label class="k" key={String(value)}>
              <input type="radio" name={`again-${item.id}`} checked={again === value} onChange={() => this.setState({ again: value })} />
              <span>{value ? t.yes : t.no}</span>
            </label>
          ))}
        </fieldset>
        <div class="m">
          <button class="s" type="submit" disabled={!score || again === undefined}>
            {t.send}
          </button>
          <button type="button" onClick={() => this.setState({ done: 'skipped' })}>
            {t.skip}
          </button>
        </div>
      </form>
    );
  }
}
