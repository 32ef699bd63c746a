import { t } from '../i18n/i18n.js';
import { CopyButton } from './CopyButton.js';

/** Props of {@link ShownOnce}. */
export interface ShownOnceProps {
  /** What it is ("Password for mina@example.com"). */
  label: string;
  secret: string;
  onDone: () => void;
}

/** A secret the server keeps only hashed: shown here once, to copy, then gone from the page. */
export function ShownOnce({ label, secret, onDone }: ShownOnceProps) {
  return (
    <div class="settings-section" role="region" aria-label={label}>
      <p>
        <strong>{label}</strong>
      </p>
      <p class="muted">{t().admin.shownOnce}</p>
      <p class="secret">
        <code>{secret}</code>
      </p>
      <CopyButton text={secret} label={t().admin.copy} />{' '}
      <button type="button" class="button" onClick={onDone}>
        {t().admin.doneCopying}
      </button>
    </div>
  );
}
