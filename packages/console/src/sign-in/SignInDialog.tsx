import { sessionEndedBecause } from '../api/client.js';
import { currentUser } from '../api/session.js';
import { t } from '../i18n/i18n.js';
import { Dialog } from '../ui/Dialog.js';
import { SignInForm } from './SignInForm.js';

/**
 * Drawn over the page when a call answered 401: the page stays as it was (lists, the open
 * submission, half-written replies) and the held calls go again once the person signs in.
 */
export function SignInDialog() {
  const s = t().signIn;
  return (
    <Dialog labelledBy="session-ended-heading" className="sign-in-dialog">
      <h2 id="session-ended-heading">{s.expiredTitle}</h2>
      {sessionEndedBecause.value && (
        <p role="alert">
          <strong>{s.serverSaid(sessionEndedBecause.value)}</strong>
        </p>
      )}
      <p>{s.expiredBody}</p>
      <SignInForm id="session-ended" email={currentUser.value?.email ?? ''} />
    </Dialog>
  );
}
