import type { Sori, Submission } from '@sori/sdk';
import { useState } from 'preact/hooks';
import type { Strings } from '../locales/en.js';

/** One choice of a radio group drawn as a button. */
function Choice({ name, value, label }: { name: string; value: string | number; label: string | number }) {
  return (
    <label class="choice">
      <input class="choice__input" type="radio" name={name} value={value} required />
      <span class="choice__label">{label}</span>
    </label>
  );
}

/**
 * After resolution, on one screen and skippable: was it resolved (1–5), would you buy again.
 * Both questions are required radio groups, so the browser itself says what is missing; what
 * follows a rating (thanks, or "went back to the team") is shown from the submission (see
 * `SubmissionCard`).
 */
export function FollowUp({ submission, sori, t }: { submission: Submission; sori: Sori; t: Strings }) {
  const [skipped, setSkipped] = useState(false);
  if (skipped) return null;
  const send = (event: Event) => {
    event.preventDefault();
    const answers = new FormData(event.currentTarget as HTMLFormElement);
    void sori.rate(submission.clientId, { score: Number(answers.get('score')), wouldBuyAgain: answers.get('again') === 'yes' });
  };
  return (
    <form class="form" onSubmit={send}>
      <fieldset class="choices choices--five">
        <legend class="choices__legend">{t.rateQuestion}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <Choice key={n} name="score" value={n} label={n} />
        ))}
      </fieldset>
      <fieldset class="choices">
        <legend class="choices__legend">{t.buyAgain}</legend>
        <Choice name="again" value="yes" label={t.yes} />
        <Choice name="again" value="no" label={t.no} />
      </fieldset>
      <div class="row">
        <button class="button--primary">{t.send}</button>
        <button type="button" onClick={() => setSkipped(true)}>
          {t.skip}
        </button>
      </div>
    </form>
  );
}
