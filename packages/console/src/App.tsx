import { useEffect } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, lazy } from 'preact-iso';
import { signInNeeded } from './api/client.js';
import { currentUser, restoreSession, sessionState } from './api/session.js';
import { t } from './i18n/i18n.js';
import { BASE } from './paths.js';
import { SignInDialog } from './sign-in/SignInDialog.js';
import { SignInPage } from './sign-in/SignInPage.js';

// Everything behind sign-in is a lazy chunk: the sign-in page pays only for itself.
const Shell = lazy(() => import('./shell/Shell.js').then((m) => m.Shell));

/**
 * The console: sign-in until a session lives, then the signed-in shell. When the session ends
 * mid-work, the sign-in dialog goes over the shell instead of replacing it.
 */
export function App() {
  useEffect(() => void restoreSession(), []);
  const state = sessionState.value;
  const user = currentUser.value;
  if (state === 'checking') return <p role="status">{t().app.loading}</p>;
  if (state === 'signed-out' || !user) return <SignInPage />;
  return (
    <LocationProvider scope={BASE}>
      <ErrorBoundary>
        {/* Keyed on the user: another person signing in at this screen starts from a clean shell. */}
        <Shell key={user.id} />
      </ErrorBoundary>
      {signInNeeded.value && <SignInDialog />}
    </LocationProvider>
  );
}
