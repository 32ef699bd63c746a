import { t } from '../i18n/i18n.js';

/** Props of {@link ConfirmInline}. */
export interface ConfirmInlineProps {
  /** The question, saying what happens ("Revoke “zapier”? It stops working at once."). */
  question: string;
  /** The button that does it. */
  action: string;
  onConfirm: () => void;
  onCancel: () => void;
  disabled?: boolean;
}

/** Asks once more, in place of the button that asked: the question, the action (danger) and Cancel. */
export function ConfirmInline({ question, action, onConfirm, onCancel, disabled }: ConfirmInlineProps) {
  return (
    <span role="alert">
      {question}{' '}
      <button type="button" class="button button--danger" disabled={disabled} onClick={onConfirm}>
        {action}
      </button>
      <button type="button" class="button button--quiet" onClick={onCancel}>
        {t().app.cancel}
      </button>
    </span>
  );
}
