import { useEffect, useState } from 'preact/hooks';
import { isDeskError } from '../api/desk-error.js';
import { signIn } from '../api/session.js';
import { t } from '../i18n/i18n.js';

/** Props of {@link SignInForm}. */
export interface SignInFormProps {
  /** Filled in when the session ended and the same person signs in again. */
  email?: string;
  /** Id prefix, so the page and the dialog never share ids. */
  id: string;
}

/**
 * Email and password, with the reasons a sign-in fails said plainly: a wrong email or password,
 * too many tries (with a countdown of the wait the server asked for), no answer.
 */
export function SignInForm({ email: knownEmail = '', id }: SignInFormProps) {
  const [email, setEmail] = useState(knownEmail);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [waitUntil, setWaitUntil] = useState(0);
  const [, tick] = useState(0);
  const s = t().signIn;
  const waitLeft = Math.ceil((waitUntil - Date.now()) / 1000);

  // Count the rate-limit wait down once a second, then let the person try again.
  useEffect(() => {
    if (waitUntil <= Date.now()) return;
    const timer = setInterval(() => {
      tick((n) => n + 1);
      if (Date.now() >= waitUntil) {
        clearInterval(timer);
        setError(undefined);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email.trim(), password);
    } catch (failure) {
      if (isDeskError(failure, 'rate_limited')) setWaitUntil(Date.now() + (failure.retryAfter ?? 60) * 1000);
      else if (isDeskError(failure, 'unauthorized')) setError(s.wrong);
      else if (isDeskError(failure, 'network')) setError(t().app.network);
      else setError(isDeskError(failure) ? failure.message : String(failure));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const message = waitLeft > 0 ? s.rateLimited(waitLeft) : error;
  return (
    <form class="sign-in" onSubmit={submit} aria-describedby={message ? `${id}-error` : undefined} noValidate>
      <label>
        {s.email}
        <input
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
          aria-invalid={error === s.wrong}
        />
      </label>
      <label>
        {s.password}
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          aria-invalid={error === s.wrong}
        />
      </label>
      {message && (
        <p id={`${id}-error`} class="error" role="alert">
          {message}
        </p>
      )}
      <button type="submit" class="button button--primary" disabled={busy || waitLeft > 0 || !email || !password}>
        {busy ? s.busy : s.submit}
      </button>
    </form>
  );
}
