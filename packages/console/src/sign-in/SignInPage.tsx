import { t } from '../i18n/i18n.js';
import { SetupForm } from './SetupForm.js';
import { SignInForm } from './SignInForm.js';

/** The page a signed-out person sees: only this and the locale are loaded before sign-in. */
export function SignInPage() {
  return (
    <main class="sign-in-page" id="main">
      <h1 id="sign-in-heading">{t().signIn.heading}</h1>
      <SignInForm id="sign-in" />
      <SetupForm />
    </main>
  );
}
